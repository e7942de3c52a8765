/*
 * Sporadic-server budget accounting (MCS). See include/kernel/sporadic.h.
 *
 * Invariants (checked in debug builds): the refills of a non-round-robin context are
 * in release order and never overlap (each ends no later than the next begins); their
 * amounts add up to the budget; the head holds at least MIN_BUDGET.
 */
#include <config.h>

#ifdef CONFIG_KERNEL_MCS

#include <kernel/sporadic.h>
#include <kernel/thread.h>
#include <machine/io.h>

static inline word_t refill_next(sched_context_t *sc, word_t index)
{
    return index == sc->scRefillMax - 1 ? 0 : index + 1;
}

static UNUSED ticks_t refill_sum(sched_context_t *sc)
{
    ticks_t sum = refill_head(sc)->rAmount;
    for (word_t i = sc->scRefillHead; i != sc->scRefillTail;) {
        i = refill_next(sc, i);
        sum += refill_index(sc, i)->rAmount;
    }
    return sum;
}

#ifdef CONFIG_DEBUG_BUILD
static void refill_print(sched_context_t *sc)
{
    printf("sc %p: head %lu tail %lu max %lu period %lu\n", (void *)sc, sc->scRefillHead,
           sc->scRefillTail, sc->scRefillMax, (word_t)sc->scPeriod);
    word_t i = sc->scRefillHead;
    for (;;) {
        printf("  refill %lu: time %lu amount %lu\n", i, (word_t)refill_index(sc, i)->rTime,
               (word_t)refill_index(sc, i)->rAmount);
        if (i == sc->scRefillTail) {
            break;
        }
        i = refill_next(sc, i);
    }
}

void refill_check_wellformed(sched_context_t *sc, const char *where)
{
    if (!sc_active(sc)) {
        return;
    }
    if (sc->scRefillHead >= sc->scRefillMax || sc->scRefillTail >= sc->scRefillMax) {
        printf("refills (%s): index out of range\n", where);
        refill_print(sc);
        fail("scheduling context refills corrupt");
    }
    if (isRoundRobin(sc)) {
        if (refill_size(sc) != MIN_REFILLS) {
            printf("refills (%s): round-robin context without two refills\n", where);
            refill_print(sc);
            fail("scheduling context refills corrupt");
        }
        return;
    }
    for (word_t i = sc->scRefillHead; i != sc->scRefillTail;) {
        word_t n = refill_next(sc, i);
        refill_t *a = refill_index(sc, i), *b = refill_index(sc, n);
        if (a->rTime + a->rAmount > b->rTime) {
            printf("refills (%s): refill %lu overlaps refill %lu\n", where, i, n);
            refill_print(sc);
            fail("scheduling context refills out of order");
        }
        i = n;
    }
}
#define REFILL_CHECK(sc, budget, where) do { \
        refill_check_wellformed(sc, where); \
        if (refill_sum(sc) != (budget)) { \
            printf("refills (%s): sum %lu, budget %lu\n", where, (word_t)refill_sum(sc), \
                   (word_t)(budget)); \
            refill_print(sc); \
            fail("scheduling context lost or gained budget"); \
        } \
    } while (0)
#else
#define REFILL_CHECK(sc, budget, where) do { } while (0)
#endif

static refill_t refill_pop_head(sched_context_t *sc)
{
    assert(!refill_single(sc));
    refill_t head = *refill_head(sc);
    sc->scRefillHead = refill_next(sc, sc->scRefillHead);
    return head;
}

static void refill_add_tail(sched_context_t *sc, refill_t refill)
{
    assert(refill_size(sc) < sc->scRefillMax);
    sc->scRefillTail = refill_next(sc, sc->scRefillTail);
    *refill_tail(sc) = refill;
}

/* Round robin keeps an empty tail refill that collects the time used. */
static void add_empty_tail_if_round_robin(sched_context_t *sc)
{
    if (isRoundRobin(sc)) {
        refill_add_tail(sc, (refill_t){ .rTime = refill_head(sc)->rTime, .rAmount = 0 });
    }
}

/* A fresh budget, usable now. */
void refill_new(sched_context_t *sc, word_t max_refills, ticks_t budget, ticks_t period)
{
    assert(budget >= MIN_BUDGET);
    sc->scPeriod = period;
    sc->scRefillHead = 0;
    sc->scRefillTail = 0;
    sc->scRefillMax = max_refills;
    refill_head(sc)->rAmount = budget;
    refill_head(sc)->rTime = ksCurTime;
    add_empty_tail_if_round_robin(sc);
    REFILL_CHECK(sc, budget, "refill_new");
}

/*
 * New parameters for a context in use: keep what is left of the head refill (trimmed
 * to the new budget) so the new budget is never exceeded within the new period; the
 * rest of the new budget comes one period after the head.
 */
void refill_update(sched_context_t *sc, ticks_t new_period, ticks_t new_budget,
                   word_t new_max_refills)
{
    assert(sc_active(sc));
    *refill_index(sc, 0) = *refill_head(sc);
    sc->scRefillHead = 0;
    sc->scRefillTail = 0;
    sc->scRefillMax = new_max_refills;
    sc->scPeriod = new_period;
    if (refill_ready(sc)) {
        refill_head(sc)->rTime = ksCurTime;
    }
    if (refill_head(sc)->rAmount >= new_budget) {
        refill_head(sc)->rAmount = new_budget;
        add_empty_tail_if_round_robin(sc);
    } else {
        refill_t rest = {
            .rTime = refill_head(sc)->rTime + new_period,
            .rAmount = new_budget - refill_head(sc)->rAmount,
        };
        refill_add_tail(sc, rest);
    }
    REFILL_CHECK(sc, new_budget, "refill_update");
}

/*
 * Schedule time that was used to come back: merged into the tail when they touch or
 * overlap; appended when there is room; else the tail is pushed later to absorb it.
 */
static void schedule_used(sched_context_t *sc, refill_t used)
{
    refill_t *tail = refill_tail(sc);
    if (tail->rTime + tail->rAmount >= used.rTime) {
        tail->rAmount += used.rAmount;
    } else if (!refill_full(sc)) {
        refill_add_tail(sc, used);
    } else {
        tail->rTime = used.rTime - tail->rAmount;
        tail->rAmount += used.rAmount;
    }
}

/* The head was used up entirely: it comes back one period later. */
static ticks_t charge_whole_head(sched_context_t *sc, ticks_t usage)
{
    refill_t head = *refill_head(sc);
    if (refill_single(sc)) {
        refill_head(sc)->rTime = head.rTime + sc->scPeriod;
    } else {
        refill_t old = refill_pop_head(sc);
        old.rTime += sc->scPeriod;
        schedule_used(sc, old);
    }
    return usage - head.rAmount;
}

/* Charge usage ticks to the current scheduling context (not round robin). */
void refill_budget_check(ticks_t usage)
{
    sched_context_t *sc = ksCurSC;
    assert(!isRoundRobin(sc));
#ifdef CONFIG_DEBUG_BUILD
    ticks_t budget = refill_sum(sc);
    refill_check_wellformed(sc, "refill_budget_check entry");
#endif
    /* whole refills used (overrun), as long as release times stay far from overflow */
    while (refill_head(sc)->rAmount <= usage && refill_head(sc)->rTime < MAX_RELEASE_TIME) {
        usage = charge_whole_head(sc, usage);
    }
    refill_t head = *refill_head(sc);
    if (usage > 0 && head.rTime < MAX_RELEASE_TIME) {
        assert(head.rAmount > usage);
        refill_t used = { .rTime = head.rTime + sc->scPeriod, .rAmount = usage };
        refill_head(sc)->rAmount = head.rAmount - usage;
        /* the rest of the head starts where the used part ended */
        refill_head(sc)->rTime = head.rTime + usage;
        schedule_used(sc, used);
    }
    /* a head too small to run on is merged into the next refill, which starts earlier */
    while (refill_head(sc)->rAmount < MIN_BUDGET) {
        refill_t small = refill_pop_head(sc);
        refill_head(sc)->rAmount += small.rAmount;
        refill_head(sc)->rTime -= small.rAmount;
    }
    REFILL_CHECK(sc, budget, "refill_budget_check");
}

/*
 * A thread wakes on sc: its head refill, if already released, starts now, and every
 * refill released by the time the head would end is merged into it.
 */
void refill_unblock_check(sched_context_t *sc)
{
    if (isRoundRobin(sc)) {
        return;
    }
#ifdef CONFIG_DEBUG_BUILD
    ticks_t budget = refill_sum(sc);
#endif
    if (refill_ready(sc)) {
        refill_head(sc)->rTime = ksCurTime;
        ksReprogram = true;
        while (!refill_single(sc)) {
            refill_t head = *refill_head(sc);
            refill_t *next = refill_index(sc, refill_next(sc, sc->scRefillHead));
            if (next->rTime > head.rTime + head.rAmount) {
                break;
            }
            refill_pop_head(sc);
            next->rTime = head.rTime;
            next->rAmount += head.rAmount;
        }
        assert(refill_sufficient(sc, 0));
    }
    REFILL_CHECK(sc, budget, "refill_unblock_check");
}

#endif /* CONFIG_KERNEL_MCS */
