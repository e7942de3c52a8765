/*
 * Kernel console. Output goes to the SBI console one character at a time; with
 * CONFIG_PRINTING off, printf compiles to nothing.
 */
#pragma once

#include <config.h>
#include <basic_types.h>
#include <stdarg.h>

void kernel_putchar(char c);

int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* As C's snprintf: at most size-1 characters and a NUL; returns the full length. */
int ksnprintf(char *buf, word_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int kvsnprintf(char *buf, word_t size, const char *fmt, va_list ap);
#ifdef CONFIG_PRINTING
#define printf(...) kprintf(__VA_ARGS__)
#else
/* sizeof neither evaluates nor calls: the arguments still count as used, and the
 * format is still checked, but nothing is emitted */
#define printf(...) ((void)sizeof(kprintf(__VA_ARGS__)))
#endif
