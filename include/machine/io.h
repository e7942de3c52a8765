/*
 * Kernel console. Output goes to the SBI console one character at a time; with
 * CONFIG_PRINTING off, printf compiles to nothing.
 */
#pragma once

#include <config.h>
#include <basic_types.h>

void kernel_putchar(char c);

int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#ifdef CONFIG_PRINTING
#define printf(...) kprintf(__VA_ARGS__)
#else
/* sizeof neither evaluates nor calls: the arguments still count as used, and the
 * format is still checked, but nothing is emitted */
#define printf(...) ((void)sizeof(kprintf(__VA_ARGS__)))
#endif
