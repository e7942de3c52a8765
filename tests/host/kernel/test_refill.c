/*
 * MCS refill arithmetic (src/kernel/sporadic.c): random configurations (sporadic and
 * round robin, every number of refills the object holds), reconfigurations, charges
 * (exact, partial, overruns of several refills), time passing and wake-ups. After
 * every step, independently of the kernel's own debug checks (which run too):
 *  - head, tail and size stay inside the refill buffer, which stays inside the
 *    scheduling-context object (the bytes after it are poisoned for ASan);
 *  - the amounts add up to the budget, and none is empty;
 *  - sporadic refills are in release order and do not overlap; round robin keeps two;
 *  - the head holds at least MIN_BUDGET after a charge or a wake-up;
 *  - a wake-up with a released head starts it now, and merges only what it reaches;
 *  - a charge takes exactly the usage from the head (what is left starts where the
 *    used part ended) unless the head was used up or too small to keep.
 * Built only once the kernel has src/kernel/sporadic.c.
 */
#include <stdio.h>
#include <string.h>

#include <object/structures.h>

#ifdef CONFIG_KERNEL_MCS
#include <kernel/sporadic.h>

#include "testlib.h"
#include "shim.h"

sched_context_t *ksCurSC;
ticks_t ksCurTime;
bool_t ksReprogram;

static sched_context_t *sc;
static word_t sc_bits, abs_max;
static ticks_t budget;

static refill_t *R(word_t i)
{
    return refill_index(sc, i);
}

static word_t nxt(word_t i)
{
    return i == sc->scRefillMax - 1 ? 0 : i + 1;
}

static void check(const char *op, int after_charge)
{
    CHECK(sc->scRefillMax >= 1 && sc->scRefillMax <= abs_max && sc->scRefillHead < sc->scRefillMax &&
          sc->scRefillTail < sc->scRefillMax, "%s: head %lu tail %lu max %lu (object holds %lu)",
          op, sc->scRefillHead, sc->scRefillTail, sc->scRefillMax, abs_max);
    word_t n = 1;
    ticks_t sum = R(sc->scRefillHead)->rAmount;
    for (word_t i = sc->scRefillHead; i != sc->scRefillTail; i = nxt(i)) {
        refill_t *a = R(i), *b = R(nxt(i));
        n++;
        sum += b->rAmount;
        if (!isRoundRobin(sc)) {
            CHECK(a->rAmount > 0 && b->rAmount > 0, "%s: an empty sporadic refill", op);
            CHECK(a->rTime + a->rAmount <= b->rTime, "%s: refill at %lu+%lu overlaps the next at %lu",
                  op, (word_t)a->rTime, (word_t)a->rAmount, (word_t)b->rTime);
        }
    }
    CHECK(n == refill_size(sc) && n <= sc->scRefillMax, "%s: %lu refills, size %lu, max %lu", op,
          n, refill_size(sc), sc->scRefillMax);
    CHECK(sum == budget, "%s: refills add up to %lu, budget %lu", op, (word_t)sum, (word_t)budget);
    if (isRoundRobin(sc)) {
        CHECK(n == MIN_REFILLS, "%s: round robin with %lu refills", op, n);
    } else if (after_charge) {
        CHECK(refill_head(sc)->rAmount >= MIN_BUDGET, "%s: head %lu below MIN_BUDGET %lu", op,
              (word_t)refill_head(sc)->rAmount, (word_t)MIN_BUDGET);
    }
}

static ticks_t rnd_period(ticks_t min)
{
    ticks_t p = min + (rnd_chance(50) ? rnd_below(10 * MIN_BUDGET) : rnd_below(1ull << 30));
    return p;
}

static void configure(int update)
{
    word_t max = MIN_REFILLS + rnd_below(abs_max - MIN_REFILLS + 1);
    if (rnd_chance(30)) {
        max = rnd_chance(50) ? MIN_REFILLS : abs_max;
    }
    ticks_t b = MIN_BUDGET + (rnd_chance(50) ? rnd_below(4 * MIN_BUDGET) : rnd_below(1ull << 28));
    /* SchedControl_Configure makes budget == period round robin: sporadic ones are longer */
    ticks_t period = rnd_chance(20) ? 0 : rnd_period(b + 1);
    if (!update || period == 0 || !sc_active(sc)) {
        /* SchedControl_Configure: round robin or an inactive context starts afresh */
        refill_new(sc, period ? max : MIN_REFILLS, b, period);
        budget = b;
        check("refill_new", 0);
        CHECK(refill_head(sc)->rTime == ksCurTime && refill_head(sc)->rAmount == b,
              "refill_new: the whole budget, usable now");
        return;
    }
    refill_t head = *refill_head(sc);
    int ready = head.rTime <= ksCurTime;
    refill_update(sc, period, b, max);
    budget = b;
    check("refill_update", 0);
    ticks_t start = ready ? ksCurTime : head.rTime;
    CHECK(refill_head(sc)->rTime == start && refill_head(sc)->rAmount == MIN(head.rAmount, b),
          "refill_update: the head keeps what it had, trimmed to the budget");
}

static void charge(void)
{
    /* the thread ran on its head from when it was released */
    refill_t head = *refill_head(sc);
    if (head.rTime > ksCurTime) {
        ksCurTime = head.rTime;
    }
    ticks_t usage;
    switch (rnd_below(5)) {
    case 0: usage = head.rAmount; break;                               /* exactly used up */
    case 1: usage = head.rAmount + rnd_below(3 * budget + 1); break;   /* overrun */
    case 2: usage = head.rAmount > MIN_BUDGET ? head.rAmount - 1 - rnd_below(MIN_BUDGET) : 0; break;
    default: usage = rnd_below(head.rAmount + 1); break;
    }
    ksCurTime += usage;
    ksCurSC = sc;
    word_t before = refill_size(sc);
    refill_budget_check(usage);
    check("refill_budget_check", 1);
    if (usage < head.rAmount && head.rAmount - usage >= MIN_BUDGET && usage &&
        head.rTime < MAX_RELEASE_TIME) {    /* near overflow nothing is charged */
        CHECK(refill_head(sc)->rAmount == head.rAmount - usage &&
              refill_head(sc)->rTime == head.rTime + usage,
              "refill_budget_check(%lu): head %lu@%lu became %lu@%lu", (word_t)usage,
              (word_t)head.rAmount, (word_t)head.rTime, (word_t)refill_head(sc)->rAmount,
              (word_t)refill_head(sc)->rTime);
        CHECK(refill_size(sc) <= before + 1, "refill_budget_check: more than one new refill");
    }
}

static void unblock(void)
{
    refill_t head = *refill_head(sc);
    int ready = head.rTime <= ksCurTime;
    refill_unblock_check(sc);
    check("refill_unblock_check", !isRoundRobin(sc));
    if (ready && !isRoundRobin(sc)) {
        CHECK(refill_head(sc)->rTime == ksCurTime, "refill_unblock_check: a released head starts now");
        if (!refill_single(sc)) {
            refill_t *n = R(nxt(sc->scRefillHead));
            CHECK(n->rTime > refill_head(sc)->rTime + refill_head(sc)->rAmount,
                  "refill_unblock_check: left a refill the head reaches");
        }
    }
}

int main(int argc, char **argv)
{
    test_init("host-san-refill", argc, argv);
    unsigned long runs = test_iters(400), steps = 200, ops[4] = { 0 };
    for (unsigned long r = 0; r < runs; r++) {
        arena_reset();
        sc_bits = seL4_MinSchedContextBits + rnd_below(4);
        sc = arena_alloc(BIT(sc_bits), sc_bits);
        cap_t cap = cap_sched_context_cap_new((word_t)sc, sc_bits);
        abs_max = refill_absolute_max(cap);
        ksCurTime = rnd_chance(10) ? MAX_RELEASE_TIME - rnd_below(1ull << 32) : rnd_below(1ull << 40);
        configure(0);
        for (unsigned long i = 0; i < steps; i++) {
            unsigned k = rnd_below(100);
            if (k < 5) {
                configure(1), ops[0]++;
            } else if (k < 55) {
                if (!isRoundRobin(sc)) {
                    charge(), ops[1]++;
                }
            } else if (k < 80) {
                ksCurTime += rnd_chance(50) ? rnd_below(2 * MIN_BUDGET) : rnd_below(sc->scPeriod * 2 + 1);
                ops[2]++;
            } else {
                unblock(), ops[3]++;
            }
        }
    }
    printf("host-san-refill: %lu runs of %lu steps: %lu reconfigurations, %lu charges, %lu time "
           "steps, %lu wake-ups\n", runs, steps, ops[0], ops[1], ops[2], ops[3]);
    return test_finish();
}
#else
int main(void)
{
    return 0;
}
#endif
