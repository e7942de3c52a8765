/*
 * A small printf for the kernel console and for bounded buffers: %c %s %d %i %u %x %p
 * with l/ll/z length modifiers, a field width and '0' padding. Enough for
 * diagnostics, nothing more.
 */
#include <machine/io.h>
#include <arch/sbi.h>
#include <stdarg.h>

void kernel_putchar(char c)
{
    sbi_console_putchar((unsigned char)c);
}

#ifdef CONFIG_PRINTING

/* Where formatted characters go: the console, or a bounded buffer. */
typedef struct sink {
    char *buf;          /* NULL: the console */
    word_t len, room;   /* characters produced; buffer size including the NUL */
} sink_t;

static void emit(sink_t *out, char c)
{
    if (!out->buf) {
        kernel_putchar(c);
    } else if (out->len + 1 < out->room) {
        out->buf[out->len] = c;
    }
    out->len++;
}

static void put_unsigned(sink_t *out, unsigned long v, unsigned base, int width, char pad)
{
    char buf[24];
    int n = 0;
    do {
        unsigned d = (unsigned)(v % base);
        buf[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v != 0);
    for (; width > n; width--) {
        emit(out, pad);
    }
    while (n > 0) {
        emit(out, buf[--n]);
    }
}

static void kvformat(sink_t *out, const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            emit(out, *fmt);
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
            emit(out, (char)va_arg(ap, int));
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s) {
                s = "(null)";
            }
            while (*s) {
                emit(out, *s++);
            }
            break;
        }
        case 'd':
        case 'i': {
            long v = longs ? va_arg(ap, long) : va_arg(ap, int);
            if (v < 0) {
                emit(out, '-');
                v = -v;
            }
            put_unsigned(out, (unsigned long)v, 10, width, pad);
            break;
        }
        case 'u':
            put_unsigned(out, longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10,
                         width, pad);
            break;
        case 'x':
            put_unsigned(out, longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16,
                         width, pad);
            break;
        case 'p':
            emit(out, '0');
            emit(out, 'x');
            put_unsigned(out, (unsigned long)va_arg(ap, void *), 16, 16, '0');
            break;
        case '%':
            emit(out, '%');
            break;
        default:
            emit(out, '%');
            if (!*fmt) {
                return;
            }
            emit(out, *fmt);
            break;
        }
    }
}

int kprintf(const char *fmt, ...)
{
    sink_t out = { NULL, 0, 0 };
    va_list ap;
    va_start(ap, fmt);
    kvformat(&out, fmt, ap);
    va_end(ap);
    return (int)out.len;
}

int kvsnprintf(char *buf, word_t size, const char *fmt, va_list ap)
{
    sink_t out = { buf, 0, size };
    kvformat(&out, fmt, ap);
    if (size > 0) {
        buf[out.len < size ? out.len : size - 1] = '\0';
    }
    return (int)out.len;
}

int ksnprintf(char *buf, word_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

#endif /* CONFIG_PRINTING */
