#include <model/preemption.h>
#include <model/statedata.h>
#include <arch/machine.h>

static bool_t isIRQPending(void)
{
    /* the kernel runs with interrupts masked; pending ones still show in sip */
    return (read_csr(sip) & read_csr(sie) & (BIT(IRQ_S_TIMER) | BIT(IRQ_S_EXT))) != 0;
}

exception_t preemptionPoint(void)
{
    ksWorkUnitsCompleted++;
    if (ksWorkUnitsCompleted >= CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION) {
        ksWorkUnitsCompleted = 0;
        if (isIRQPending()) {
            return EXCEPTION_PREEMPTED;
        }
    }
    return EXCEPTION_NONE;
}
