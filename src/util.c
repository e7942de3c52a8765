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
    /* word stores for the aligned middle: the kernel clears whole objects */
    while (n && ((word_t)p & (sizeof(word_t) - 1))) {
        *p++ = (unsigned char)c;
        n--;
    }
    word_t w = (unsigned char)c;
    w |= w << 8;
    w |= w << 16;
    w |= w << 32;
    for (; n >= sizeof(word_t); n -= sizeof(word_t), p += sizeof(word_t)) {
        *(volatile word_t *)p = w;
    }
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
