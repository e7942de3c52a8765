#include <model/preemption.h>
#include <model/statedata.h>
#include <arch/machine.h>
#include <assert.h>
#ifdef CONFIG_KERNEL_MCS
#include <kernel/thread.h>
#endif

static bool_t isIRQPending(void)
{
    /* the kernel runs with interrupts masked; pending ones still show in sip */
    return (read_csr(sip) & read_csr(sie) & (BIT(IRQ_S_TIMER) | BIT(IRQ_S_EXT))) != 0;
}

exception_t preemptionCheck(void)
{
    assert(ksWorkUnitsCompleted >= CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION);
    ksWorkUnitsCompleted = 0;
#ifdef CONFIG_KERNEL_MCS
    /* also stop when the current budget (or domain time) cannot cover more work */
    updateTimestamp();
    if (isIRQPending() || isCurDomainExpired() ||
        !(sc_active(ksCurSC) && refill_sufficient(ksCurSC, ksConsumed))) {
        return EXCEPTION_PREEMPTED;
    }
#else
    if (isIRQPending()) {
        return EXCEPTION_PREEMPTED;
    }
#endif
    return EXCEPTION_NONE;
}
