/*
 * Interrupt delivery. The timer drives the scheduler; every other IRQ signals the
 * notification bound to its handler cap.
 */
#include <object/interrupt.h>
#include <kernel/thread.h>
#include <machine/io.h>
#include <arch/machine.h>
#include <arch/timer.h>
#include <object/notification.h>
#include <object/mdb.h>

word_t intStateIRQTable[INT_STATE_ARRAY_SIZE];
/* One slot per IRQ holding the notification cap its handler signals. */
cte_t intStateIRQNode[INT_STATE_ARRAY_SIZE];

BOOT_CODE void initIRQState(void)
{
    for (irq_t i = 0; i < INT_STATE_ARRAY_SIZE; i++) {
        intStateIRQTable[i] = IRQInactive;
    }
    intStateIRQTable[KERNEL_TIMER_IRQ] = IRQTimer;
}

void handleInterrupt(irq_t irq)
{
    if (unlikely(irq > KERNEL_TIMER_IRQ)) {
        printf("Received IRQ %lu, which is out of range\n", irq);
        return;
    }
    switch (intStateIRQTable[irq]) {
    case IRQTimer:
#ifdef CONFIG_KERNEL_MCS
        /* a deadline passed: the scheduler reprograms the timer on the way out */
        ksReprogram = true;
#else
        timerTick();
        resetTimer();
#endif
        break;
    case IRQSignal: {
        cap_t cap = intStateIRQNode[irq].cap;
        if (cap_get_capType(cap) == cap_notification_cap &&
            cap_notification_cap_get_capNtfnCanSend(cap)) {
            sendSignal(NTFN_PTR(cap_notification_cap_get_capNtfnPtr(cap)),
                       cap_notification_cap_get_capNtfnBadge(cap));
        } else {
            printf("Undelivered IRQ: %lu\n", irq);
        }
        break;
    }
    case IRQInactive:
    default:
        /* nobody owns it: keep it quiet */
        printf("Received disabled IRQ: %lu\n", irq);
        plat_irq_set_enabled(irq, false);
        break;
    }
}

static irq_t getActiveIRQ(void)
{
    word_t sip = read_csr(sip);
    if (sip & BIT(IRQ_S_TIMER)) {
        return KERNEL_TIMER_IRQ;
    }
    if (sip & BIT(IRQ_S_EXT)) {
        irq_t irq = plat_irq_claim();
        /* only the timer may use a number above maxIRQ; a controller claiming one is wrong */
        if (unlikely(irq > maxIRQ)) {
            printf("Received IRQ %lu, which is above maxIRQ (%lu)\n", irq, (word_t)maxIRQ);
            return irqInvalid;
        }
        return irq;
    }
    return irqInvalid;
}

/* A preemption point found an interrupt pending: handle it before resuming work. */
void handleInterruptFromPreemption(void)
{
    irq_t irq = getActiveIRQ();
    if (irq != irqInvalid) {
        handleInterrupt(irq);
    }
}

void handleInterruptEntry(void)
{
#ifdef CONFIG_KERNEL_MCS
    updateTimestamp();
    checkBudget();
#endif
    irq_t irq = getActiveIRQ();
    if (irq != irqInvalid) {
        ksCurrentIRQ = irq;
        handleInterrupt(irq);
    }
    schedule();
    activateThread();
}

/*
 * The last IRQHandler cap is going: stop the interrupt and delete the notification cap
 * its slot holds. The slot is in the derivation tree like any other, so it is emptied
 * through it: overwriting it would leave the cap linked, and a revoke of its untyped
 * would stop at it, leaving live objects in memory the untyped believes free.
 */
void deletingIRQHandler(irq_t irq)
{
    cteDeleteOne(&intStateIRQNode[irq]);
    plat_irq_set_enabled(irq, false);
}

void deletedIRQHandler(irq_t irq)
{
    intStateIRQTable[irq] = IRQInactive;
}
