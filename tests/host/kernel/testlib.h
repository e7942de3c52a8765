/*
 * Support for the sanitized host tests: a seeded PRNG (the seed is printed, and
 * LARCH_TEST_SEED=<n> or argv[1] replays it), an iteration scale (LARCH_TEST_ITERS),
 * failure reporting, and "kernel memory": caps hold Sv39 pointers (39 bits,
 * sign-extended), so every object and slot the kernel code touches must live below
 * 2^38. ASan leaves [0, 0x7fff8000) to the program; the arena is mapped there, and
 * the parts not handed out are poisoned so stray kernel accesses are reported.
 */
#pragma once

#include <stdint.h>
#include <stddef.h>

extern uint64_t test_seed;
extern unsigned long test_checks, test_failures;

/* Set up seed and arena; name is printed with the seed. */
void test_init(const char *name, int argc, char **argv);
/* Scale a default iteration count by LARCH_TEST_ITERS (if set, it replaces it). */
unsigned long test_iters(unsigned long dflt);
/* Print a summary; returns the process exit code. */
int test_finish(void);

uint64_t rnd(void);
uint64_t rnd_below(uint64_t n);         /* uniform in [0, n), n > 0 */
int rnd_chance(unsigned percent);
/* A "interesting" 64-bit value: edges, powers of two and their neighbours, random bits. */
uint64_t rnd_edgy(void);

/* Memory below 2^38 for kernel objects and slots: aligned to 2^align_bits, zeroed,
 * unpoisoned; the bytes around it stay poisoned. Freed all at once by arena_reset. */
void *arena_alloc(size_t size, unsigned align_bits);
void arena_reset(void);
/* Base and size of the whole arena (for tests that place objects themselves). */
uintptr_t arena_base(void);
size_t arena_size(void);
void arena_unpoison(void *p, size_t size);
void arena_poison(void *p, size_t size);

void test_fail_at(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* CHECK(cond, fmt, ...): count, and on failure report and stop (the seed replays it). */
#define CHECK(cond, ...) do { \
        test_checks++; \
        if (!(cond)) { test_fail_at(__FILE__, __LINE__, __VA_ARGS__); } \
    } while (0)
