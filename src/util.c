/*
 * The few C library functions the kernel needs, and stopping the machine.
 */
#include <util.h>
#include <assert.h>
#include <machine/io.h>
#include <api/syscall.h>
#include <arch/sbi.h>
#include <arch/machine.h>

void *memset(void *s, int c, size_t n)
{
    unsigned char *p = s;
    while (n && ((word_t)p & (sizeof(word_t) - 1))) {
        *p++ = (unsigned char)c;
        n--;
    }
    word_t w = (unsigned char)c;
    w |= w << 8;
    w |= w << 16;
    w |= w << 32;
    /*
     * The kernel clears whole objects and untyped chunks (megabytes at a time), so the
     * aligned middle goes 64 bytes per iteration: eight stores and one pointer step.
     */
    word_t *wp = (word_t *)p;
    for (; n >= 8 * sizeof(word_t); n -= 8 * sizeof(word_t), wp += 8) {
        wp[0] = w;
        wp[1] = w;
        wp[2] = w;
        wp[3] = w;
        wp[4] = w;
        wp[5] = w;
        wp[6] = w;
        wp[7] = w;
    }
    for (; n >= sizeof(word_t); n -= sizeof(word_t)) {
        *wp++ = w;
    }
    p = (unsigned char *)wp;
    while (n--) {
        *p++ = (unsigned char)c;
    }
    return s;
}

void *memcpy(void *dest, const void *src, size_t n)
{
    unsigned char *d = dest;
    const unsigned char *s = src;
    if ((((word_t)d | (word_t)s) & (sizeof(word_t) - 1)) == 0) {
        for (; n >= sizeof(word_t); n -= sizeof(word_t), d += sizeof(word_t), s += sizeof(word_t)) {
            *(volatile word_t *)d = *(const word_t *)s;
        }
    }
    while (n--) {
        *d++ = *s++;
    }
    return dest;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n]) {
        n++;
    }
    return n;
}


void _fail(const char *msg, const char *file, unsigned line, const char *func)
{
    printf("KERNEL PANIC: %s at %s:%u in %s\n", msg, file, line, func);
    halt();
}

void _assert_fail(const char *expr, const char *file, unsigned line, const char *func)
{
    printf("KERNEL PANIC: assertion failed: %s at %s:%u in %s\n", expr, file, line, func);
    halt();
}
