/*
 * printf for the harness, over seL4_DebugPutChar. Supports what tests print: %c %s %d
 * %i %u %x %p with l/ll/z modifiers, widths, '0' and '-' flags.
 */
#include <harness.h>

typedef struct out {
    char *buf;
    size_t size;
    size_t len;
} out_t;

static void emit(out_t *o, char c)
{
    if (o->buf) {
        if (o->len + 1 < o->size) {
            o->buf[o->len] = c;
        }
    } else {
        seL4_DebugPutChar(c);
    }
    o->len++;
}

static void emit_num(out_t *o, unsigned long v, unsigned base, int width, char pad, bool left,
                     bool neg)
{
    char tmp[24];
    int n = 0;
    do {
        unsigned d = v % base;
        tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
        v /= base;
    } while (v);
    if (neg) {
        tmp[n++] = '-';
    }
    int fill = width > n ? width - n : 0;
    if (!left) {
        while (fill-- > 0) {
            emit(o, pad);
        }
    }
    while (n) {
        emit(o, tmp[--n]);
    }
    if (left) {
        while (fill-- > 0) {
            emit(o, ' ');
        }
    }
}

static int format(out_t *o, const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            emit(o, *fmt);
            continue;
        }
        fmt++;
        bool left = false;
        char pad = ' ';
        for (; *fmt == '-' || *fmt == '0'; fmt++) {
            if (*fmt == '-') {
                left = true;
            } else {
                pad = '0';
            }
        }
        int width = 0;
        while (*fmt >= '0' && *fmt <= '9') {
            width = width * 10 + (*fmt++ - '0');
        }
        int longs = 0;
        while (*fmt == 'l' || *fmt == 'z') {
            longs++;
            fmt++;
        }
        switch (*fmt) {
        case 'c':
            emit(o, (char)va_arg(ap, int));
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            s = s ? s : "(null)";
            int n = (int)strlen(s);
            if (!left) {
                for (int i = n; i < width; i++) {
                    emit(o, ' ');
                }
            }
            while (*s) {
                emit(o, *s++);
            }
            if (left) {
                for (int i = n; i < width; i++) {
                    emit(o, ' ');
                }
            }
            break;
        }
        case 'd':
        case 'i': {
            long v = longs ? va_arg(ap, long) : va_arg(ap, int);
            emit_num(o, v < 0 ? (unsigned long)-v : (unsigned long)v, 10, width, pad, left, v < 0);
            break;
        }
        case 'u':
            emit_num(o, longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, width, pad,
                     left, false);
            break;
        case 'x':
            emit_num(o, longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, width, pad,
                     left, false);
            break;
        case 'p':
            emit(o, '0');
            emit(o, 'x');
            emit_num(o, (unsigned long)va_arg(ap, void *), 16, width, pad, left, false);
            break;
        case '%':
            emit(o, '%');
            break;
        case '\0':
            return (int)o->len;
        default:
            emit(o, '%');
            emit(o, *fmt);
            break;
        }
    }
    return (int)o->len;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    out_t o = { buf, size, 0 };
    int n = format(&o, fmt, ap);
    if (buf && size) {
        buf[o.len < size ? o.len : size - 1] = '\0';
    }
    return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int printf(const char *fmt, ...)
{
    out_t o = { NULL, 0, 0 };
    va_list ap;
    va_start(ap, fmt);
    int n = format(&o, fmt, ap);
    va_end(ap);
    return n;
}
