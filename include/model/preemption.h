/*
 * Preemption points for long operations (untyped reset, revoke, delete). Each call is
 * one unit of work; every CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION units the kernel
 * checks for a pending interrupt and, if there is one, abandons the operation in a
 * consistent state. The caller's syscall is restarted later and resumes the work.
 */
#pragma once

#include <object/structures.h>
#include <model/statedata.h>

/* the check itself, once every CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION units */
exception_t preemptionCheck(void);

/* Inline: the common case is an increment and a compare (untyped reset calls this
 * once per chunk, millions of times over a test suite). */
static inline exception_t preemptionPoint(void)
{
    ksWorkUnitsCompleted++;
    if (likely(ksWorkUnitsCompleted < CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION)) {
        return EXCEPTION_NONE;
    }
    return preemptionCheck();
}

/*
 * How many units of work can be done before the next preemptionPoint() must check:
 * a loop that does units of work too small to call preemptionPoint() for each (an
 * empty slot of a zombie) does at most this many, counts them with
 * preemptionConsume(), and then calls preemptionPoint() as usual.
 */
static inline word_t preemptionUnitsLeft(void)
{
    return CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION - 1 - ksWorkUnitsCompleted;
}

static inline void preemptionConsume(word_t units)
{
    ksWorkUnitsCompleted += units;
}
