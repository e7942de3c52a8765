/*
 * Console and helpers: output through the legacy SBI console, stop through SBI.
 */
#include "loader.h"

static long sbi_legacy(long eid, long arg)
{
    register long a0 __asm__("a0") = arg;
    register long a7 __asm__("a7") = eid;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory", "a1");
    return a0;
}

#define SBI_CONSOLE_PUTCHAR 1
#define SBI_SHUTDOWN        8

void puts(const char *s)
{
    for (; *s; s++) {
        sbi_legacy(SBI_CONSOLE_PUTCHAR, *s);
    }
}

void puthex(uint64_t v)
{
    char buf[19] = "0x";
    for (int i = 0; i < 16; i++) {
        unsigned d = (v >> (60 - 4 * i)) & 0xf;
        buf[2 + i] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
    }
    buf[18] = '\0';
    puts(buf);
}

void *memcpy(void *dst, const void *src, size_t n)
{
    volatile char *d = dst;
    const char *s = src;
    while (n--) {
        *d++ = *s++;
    }
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    volatile char *d = dst;
    while (n--) {
        *d++ = (char)c;
    }
    return dst;
}

void loader_panic(const char *what, uint64_t addr, const char *why)
{
    puts("Larch loader: ERROR: ");
    puts(what);
    puts(" at ");
    puthex(addr);
    puts(" ");
    puts(why);
    puts("\n");
    sbi_legacy(SBI_SHUTDOWN, 0);
    for (;;) {
        __asm__ volatile("wfi");
    }
}
