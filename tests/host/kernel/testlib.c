/* See testlib.h. */
#define _GNU_SOURCE
#include "testlib.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sanitizer/asan_interface.h>

uint64_t test_seed;
unsigned long test_checks, test_failures;
static const char *test_name;
static uint64_t rng_state;

#define ARENA_BASE  0x40000000ul        /* 1 GiB: inside ASan's low application memory */
#define ARENA_SIZE  (256ul << 20)

static uintptr_t arena_next;

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint64_t rnd(void)
{
    return splitmix(&rng_state);
}

uint64_t rnd_below(uint64_t n)
{
    return n ? rnd() % n : 0;
}

int rnd_chance(unsigned percent)
{
    return rnd_below(100) < percent;
}

uint64_t rnd_edgy(void)
{
    unsigned b = rnd_below(64);
    switch (rnd_below(8)) {
    case 0: return 0;
    case 1: return ~0ull;
    case 2: return 1ull << b;
    case 3: return (1ull << b) - 1;
    case 4: return (1ull << b) + 1;
    case 5: return ~0ull << b;
    case 6: return rnd() >> b;
    default: return rnd();
    }
}

void test_init(const char *name, int argc, char **argv)
{
    test_name = name;
    const char *s = argc > 1 ? argv[1] : getenv("LARCH_TEST_SEED");
    if (s && *s) {
        test_seed = strtoull(s, NULL, 0);
    } else {
        uint64_t t = 0;
        FILE *f = fopen("/dev/urandom", "rb");
        if (!f || fread(&t, sizeof(t), 1, f) != 1) {
            t = (uint64_t)(uintptr_t)&t;
        }
        if (f) {
            fclose(f);
        }
        test_seed = t;
    }
    rng_state = test_seed;
    printf("%s: seed %llu (replay: LARCH_TEST_SEED=%llu)\n", name,
           (unsigned long long)test_seed, (unsigned long long)test_seed);
    fflush(stdout);

    void *p = mmap((void *)ARENA_BASE, ARENA_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE, -1, 0);
    if (p != (void *)ARENA_BASE) {
        fprintf(stderr, "%s: cannot map the test arena at %#lx\n", name, ARENA_BASE);
        exit(2);
    }
    arena_reset();
}

unsigned long test_iters(unsigned long dflt)
{
    const char *s = getenv("LARCH_TEST_ITERS");
    return s && *s ? strtoul(s, NULL, 0) : dflt;
}

int test_finish(void)
{
    printf("%s: %lu checks passed (seed %llu)\n", test_name, test_checks,
           (unsigned long long)test_seed);
    return 0;
}

void test_fail_at(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "%s: FAIL at %s:%d: ", test_name, file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n%s: replay with LARCH_TEST_SEED=%llu\n", test_name,
            (unsigned long long)test_seed);
    exit(1);
}

void arena_reset(void)
{
    /* zero it (the kernel relies on untyped memory being zero) and poison it all */
    ASAN_UNPOISON_MEMORY_REGION((void *)ARENA_BASE, ARENA_SIZE);
    madvise((void *)ARENA_BASE, ARENA_SIZE, MADV_DONTNEED);
    ASAN_POISON_MEMORY_REGION((void *)ARENA_BASE, ARENA_SIZE);
    arena_next = ARENA_BASE;
}

void *arena_alloc(size_t size, unsigned align_bits)
{
    uintptr_t a = 1ul << align_bits;
    uintptr_t p = (arena_next + 64 + a - 1) & ~(a - 1);     /* at least a 64-byte red zone */
    if (p + size > ARENA_BASE + ARENA_SIZE || p + size < p) {
        fprintf(stderr, "%s: test arena exhausted\n", test_name);
        exit(2);
    }
    arena_next = p + size;
    ASAN_UNPOISON_MEMORY_REGION((void *)p, size);
    memset((void *)p, 0, size);
    return (void *)p;
}

uintptr_t arena_base(void)
{
    return ARENA_BASE;
}

size_t arena_size(void)
{
    return ARENA_SIZE;
}

void arena_unpoison(void *p, size_t size)
{
    ASAN_UNPOISON_MEMORY_REGION(p, size);
}

void arena_poison(void *p, size_t size)
{
    ASAN_POISON_MEMORY_REGION(p, size);
}
