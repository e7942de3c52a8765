/*
 * The kernel's bit counting (include/util.h): clzl and ctzl are written out as binary
 * searches because the kernel links no libgcc. Checked against the host compiler's
 * builtins for every single-bit word, every word with its top bit at each position and
 * random low bits, and random words of every density.
 */
#include <stdio.h>

#include <util.h>

#include "testlib.h"

static void check(word_t x)
{
    CHECK(clzl(x) == (word_t)__builtin_clzl(x), "clzl(%#lx) = %lu", x, clzl(x));
    CHECK(ctzl(x) == (word_t)__builtin_ctzl(x), "ctzl(%#lx) = %lu", x, ctzl(x));
}

int main(int argc, char **argv)
{
    test_init("host-san-bits", argc, argv);
    for (word_t b = 0; b < wordBits; b++) {
        check(BIT(b));
        check(BIT(b) | (rnd() & MASK(b)));
        check(~MASK(b));
    }
    unsigned long iters = test_iters(200000);
    for (unsigned long i = 0; i < iters; i++) {
        word_t x = rnd() >> rnd_below(wordBits);
        x &= rnd_chance(50) ? rnd() | rnd() : ~(word_t)0;
        if (x) {
            check(x);
        }
    }
    printf("host-san-bits: %lu random words and every bit position\n", iters);
    return test_finish();
}
