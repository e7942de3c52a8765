/*
 * Kernel console. Output goes to the SBI console one character at a time; with
 * CONFIG_PRINTING off, printf compiles to nothing.
 */
#pragma once

#include <config.h>
#include <basic_types.h>

void kernel_putchar(char c);

#ifdef CONFIG_PRINTING
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define printf(...) kprintf(__VA_ARGS__)
#else
#define printf(...) ((void)0)
#endif
