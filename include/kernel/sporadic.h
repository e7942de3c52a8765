/*
 * Scheduling-context budgets (MCS): the refill list of a sporadic server.
 *
 * A scheduling context holds up to scRefillMax refills, each an amount of time usable
 * from a release time on. The head refill is what the thread runs on now; time used
 * from it comes back one period after it was used. Round-robin contexts (period 0)
 * keep exactly two refills: the head (left of the slice) and the tail (used so far).
 */
#pragma once

#include <config.h>
#include <object/structures.h>
#include <model/statedata.h>

#ifdef CONFIG_KERNEL_MCS

/*
 * The smallest budget a refill may hold: twice the kernel's WCET (seL4's
 * include/kernel/sporadic.h; the WCET from include/arch/riscv/arch/machine/timer.h).
 */
#define MIN_BUDGET_US   (2u * getKernelWcetUs() * CONFIG_KERNEL_WCET_SCALE)
#define MIN_BUDGET      (2u * getKernelWcetTicks() * CONFIG_KERNEL_WCET_SCALE)

#if CONFIG_KERNEL_STATIC_MAX_PERIOD_US != 0
#define MAX_PERIOD_US   ((uint64_t)CONFIG_KERNEL_STATIC_MAX_PERIOD_US)
#else
#define MAX_PERIOD_US   (getMaxUsToTicks() / 8)
#endif

/* Release times stay this far below overflow, so refills can always move a period on. */
#define MAX_RELEASE_TIME (UINT64_MAX - 5 * usToTicks(MAX_PERIOD_US))

static inline refill_t *refill_index(sched_context_t *sc, word_t index)
{
    return ((refill_t *)(SC_REF(sc) + sizeof(sched_context_t))) + index;
}

static inline refill_t *refill_head(sched_context_t *sc)
{
    return refill_index(sc, sc->scRefillHead);
}

static inline refill_t *refill_tail(sched_context_t *sc)
{
    return refill_index(sc, sc->scRefillTail);
}

/* How many refills fit in a scheduling-context object of the cap's size. */
static inline word_t refill_absolute_max(cap_t sc_cap)
{
    return (BIT(cap_sched_context_cap_get_capSCSizeBits(sc_cap)) - sizeof(sched_context_t)) /
           sizeof(refill_t);
}

static inline word_t refill_size(sched_context_t *sc)
{
    if (sc->scRefillHead <= sc->scRefillTail) {
        return sc->scRefillTail - sc->scRefillHead + 1;
    }
    return sc->scRefillTail + 1 + (sc->scRefillMax - sc->scRefillHead);
}

static inline bool_t refill_full(sched_context_t *sc)
{
    return refill_size(sc) == sc->scRefillMax;
}

static inline bool_t refill_single(sched_context_t *sc)
{
    return sc->scRefillHead == sc->scRefillTail;
}

/* Budget left in the head refill after using usage ticks of it. */
static inline ticks_t refill_capacity(sched_context_t *sc, ticks_t usage)
{
    ticks_t amount = refill_head(sc)->rAmount;
    return usage > amount ? 0 : amount - usage;
}

/* Is enough left to get through another kernel entry? */
static inline bool_t refill_sufficient(sched_context_t *sc, ticks_t usage)
{
    return refill_capacity(sc, usage) >= MIN_BUDGET;
}

static inline bool_t refill_ready(sched_context_t *sc)
{
    return refill_head(sc)->rTime <= ksCurTime;
}

static inline bool_t sc_active(sched_context_t *sc)
{
    return sc->scRefillMax > 0;
}

static inline bool_t sc_released(sched_context_t *sc)
{
    return sc_active(sc) && refill_ready(sc);
}

static inline bool_t sc_sporadic(sched_context_t *sc)
{
    return sc != NULL && sc->scSporadic;
}

static inline bool_t sc_constant_bandwidth(sched_context_t *sc)
{
    return !sc->scSporadic;
}

static inline bool_t isRoundRobin(sched_context_t *sc)
{
    return sc->scPeriod == 0;
}

void refill_new(sched_context_t *sc, word_t max_refills, ticks_t budget, ticks_t period);
void refill_update(sched_context_t *sc, ticks_t new_period, ticks_t new_budget,
                   word_t new_max_refills);
void refill_budget_check(ticks_t usage);
void refill_unblock_check(sched_context_t *sc);

#ifdef CONFIG_DEBUG_BUILD
/* Refills in order, none overlapping the next, each at least MIN_BUDGET. */
void refill_check_wellformed(sched_context_t *sc, const char *where);
#endif

#endif /* CONFIG_KERNEL_MCS */
