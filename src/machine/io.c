/*
 * A small printf for the kernel console: %c %s %d %i %u %x %p with l/ll/z length
 * modifiers, a field width and '0' padding. Enough for diagnostics, nothing more.
 */
#include <machine/io.h>
#include <arch/sbi.h>
#include <stdarg.h>

void kernel_putchar(char c)
{
    sbi_console_putchar((unsigned char)c);
}

#ifdef CONFIG_PRINTING

static int put_unsigned(unsigned long v, unsigned base, int width, char pad)
{
    char buf[24];
    int n = 0, out = 0;
    do {
        unsigned d = (unsigned)(v % base);
        buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v != 0);
    for (; width > n; width--, out++) {
        kernel_putchar(pad);
    }
    while (n > 0) {
        kernel_putchar(buf[--n]);
        out++;
    }
    return out;
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    int out = 0;
    va_start(ap, fmt);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            kernel_putchar(*fmt);
            out++;
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0, longs = 0;
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9') {
            width = width * 10 + (*fmt++ - '0');
        }
        while (*fmt == 'l' || *fmt == 'z') {
            longs++;
            fmt++;
        }
        switch (*fmt) {
        case 'c':
            kernel_putchar((char)va_arg(ap, int));
            out++;
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) {
                s = "(null)";
            }
            while (*s) {
                kernel_putchar(*s++);
                out++;
            }
            break;
        }
        case 'd':
        case 'i': {
            long v = longs ? va_arg(ap, long) : va_arg(ap, int);
            if (v < 0) {
                kernel_putchar('-');
                out++;
                v = -v;
            }
            out += put_unsigned((unsigned long)v, 10, width, pad);
            break;
        }
        case 'u':
            out += put_unsigned(longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10,
                                width, pad);
            break;
        case 'x':
            out += put_unsigned(longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16,
                                width, pad);
            break;
        case 'p':
            kernel_putchar('0');
            kernel_putchar('x');
            out += 2 + put_unsigned((unsigned long)va_arg(ap, void *), 16, 16, '0');
            break;
        case '%':
            kernel_putchar('%');
            out++;
            break;
        default:
            kernel_putchar('%');
            kernel_putchar(*fmt);
            out += 2;
            if (!*fmt) {
                va_end(ap);
                return out;
            }
            break;
        }
    }
    va_end(ap);
    return out;
}

#endif /* CONFIG_PRINTING */
