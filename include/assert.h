/*
 * Kernel assertions. In debug builds a failed assertion prints what broke and where,
 * then halts; release builds compile them away. fail() always halts.
 */
#pragma once

#include <config.h>
#include <util.h>

NORETURN void _fail(const char *msg, const char *file, unsigned line, const char *func);
NORETURN void _assert_fail(const char *expr, const char *file, unsigned line, const char *func);

#define fail(msg) _fail(msg, __FILE__, __LINE__, __func__)

#ifdef CONFIG_DEBUG_BUILD
#define assert(expr) \
    do { if (unlikely(!(expr))) _assert_fail(#expr, __FILE__, __LINE__, __func__); } while (0)
#else
#define assert(expr) ((void)0)
#endif

