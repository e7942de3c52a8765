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
 * Count leading/trailing zeros of a non-zero word. Without the Zbb extension GCC
 * would call libgcc for the builtins, and the kernel links no libgcc.
 */
static inline word_t clzl(word_t x)
{
    word_t n = 0;
    for (word_t shift = 32; shift; shift >>= 1) {
        if (!(x >> (wordBits - shift))) {
            n += shift;
            x <<= shift;
        }
    }
    return n;
}

static inline word_t ctzl(word_t x)
{
    return wordBits - 1 - clzl(x & -x);
}
