/*
 * The whole-state invariant checker (src/kernel/invariants.c), built with the
 * LarchCheckInvariants option; no code at all otherwise.
 *
 * A whole check walks every reachable slot, so it runs at kernel exit only after an
 * entry that invoked a kernel object or handled a fault (the entries that create,
 * delete and move caps and objects); other entries (IPC, signals, interrupts) get the
 * scheduler check alone.
 */
#pragma once

#include <config.h>
#include <basic_types.h>

#ifdef CONFIG_LARCH_CHECK_INVARIANTS
extern bool_t ksInvariantsDirty;
void checkKernelInvariants(void);
void checkSchedulerInvariants(void);

static inline void markInvariantsDirty(void)
{
    ksInvariantsDirty = true;
}

static inline void checkInvariantsAtExit(void)
{
    if (ksInvariantsDirty) {
        ksInvariantsDirty = false;
        checkKernelInvariants();
    } else {
        checkSchedulerInvariants();
    }
}
#else
static inline void markInvariantsDirty(void)
{
}

static inline void checkInvariantsAtExit(void)
{
}
#endif
