/*
 * Small helpers shared by the whole kernel. No libc: the few string functions the
 * kernel needs are in src/util.c.
 */
#pragma once

#include <basic_types.h>

#define BIT(n)            (1ul << (n))
#define MASK(n)           (BIT(n) - 1ul)
#define IS_ALIGNED(x, n)  (((x) & MASK(n)) == 0)
#define ROUND_DOWN(x, n)  ((x) & ~MASK(n))
#define ROUND_UP(x, n)    (((x) + MASK(n)) & ~MASK(n))
#define ARRAY_SIZE(a)     (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)         ((a) < (b) ? (a) : (b))
#define MAX(a, b)         ((a) > (b) ? (a) : (b))

#define PACKED            __attribute__((packed))
#define NORETURN          __attribute__((noreturn))
#define UNUSED            __attribute__((unused))
#define ALIGN(n)          __attribute__((aligned(n)))
#define FORCE_INLINE      __attribute__((always_inline))
#define NOINLINE          __attribute__((noinline))
#define likely(x)         __builtin_expect(!!(x), 1)
#define unlikely(x)       __builtin_expect(!!(x), 0)

/* Code and data only needed until the root task runs; the linker puts them first. */
#define BOOT_CODE         __attribute__((section(".boot.text")))
#define BOOT_RODATA       __attribute__((section(".boot.rodata")))
#define BOOT_DATA         __attribute__((section(".boot.data")))
#define BOOT_BSS          __attribute__((section(".boot.bss")))

#define compile_assert(name, expr) _Static_assert(expr, #name)

void *memset(void *s, int c, size_t n);
void *memcpy(void *dest, const void *src, size_t n);
size_t strnlen(const char *s, size_t max);

/*
 * Zero n bytes at p, where p is word aligned and n a non-zero multiple of 64: eight
 * stores a step and no edge cases, for the chunks of an untyped reset (memset's
 * prologue and tail would cost more than the stores of a 256-byte chunk).
 */
static inline void memzero64(void *p, word_t n)
{
    word_t *w = p, *end = (word_t *)((char *)p + n);
    do {
        w[0] = 0;
        w[1] = 0;
        w[2] = 0;
        w[3] = 0;
        w[4] = 0;
        w[5] = 0;
        w[6] = 0;
        w[7] = 0;
        w += 8;
    } while (w != end);
}

/*
 * Count leading/trailing zeros of a non-zero word. Without the Zbb extension GCC
 * would call libgcc for the builtins, and the kernel links no libgcc. A binary search,
 * written out: GCC keeps a loop over the shift as a loop, three times the instructions
 * (the scheduler's chooseThread calls this twice).
 */
compile_assert(clzl_word_bits, sizeof(word_t) == 8);

static inline word_t clzl(word_t x)
{
    word_t n = 0;
    if (!(x >> 32)) {
        n += 32;
        x <<= 32;
    }
    if (!(x >> 48)) {
        n += 16;
        x <<= 16;
    }
    if (!(x >> 56)) {
        n += 8;
        x <<= 8;
    }
    if (!(x >> 60)) {
        n += 4;
        x <<= 4;
    }
    if (!(x >> 62)) {
        n += 2;
        x <<= 2;
    }
    return n + !(x >> 63);
}

static inline word_t ctzl(word_t x)
{
    return wordBits - 1 - clzl(x & -x);
}
