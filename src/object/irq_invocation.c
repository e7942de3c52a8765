/*
 * IRQControl and IRQHandler invocations (seL4's src/object/interrupt.c and
 * src/arch/riscv/object/interrupt.c).
 */
#include <object/interrupt.h>
#include <object/mdb.h>
#include <object/invocation.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <api/failures.h>
#include <api/message.h>

static bool_t isIRQActive(irq_t irq)
{
    return intStateIRQTable[irq] != IRQInactive;
}

/* Shared tail of IRQControl_Get and GetTrigger: checks, then issue the handler cap. */
static exception_t issueIRQHandler(word_t irq_w, word_t index, word_t depth, cte_t *srcSlot)
{
    if (irq_w == irqInvalid || irq_w > maxIRQ) {
        return syscall_error_range(1, maxIRQ);
    }
    irq_t irq = irq_w;
    if (isIRQActive(irq)) {
        return syscall_error_simple(seL4_RevokeFirst);
    }
    lookupSlot_ret_t lu = lookupSlotForCNodeOp(false, current_extra_caps.excaprefs[0]->cap,
                                               index, depth);
    if (lu.status != EXCEPTION_NONE) {
        return lu.status;
    }
    if (cap_get_capType(lu.slot->cap) != cap_null_cap) {
        return syscall_error_simple(seL4_DeleteFirst);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    intStateIRQTable[irq] = IRQSignal;
    plat_irq_set_enabled(irq, true);
    cteInsert(cap_irq_handler_cap_new(irq), srcSlot, lu.slot);
    return EXCEPTION_NONE;
}

exception_t decodeIRQControlInvocation(word_t invLabel, word_t length, cte_t *srcSlot,
                                       word_t *buffer)
{
    switch (invLabel) {
    case IRQIssueIRQHandler:
        if (length < 3 || current_extra_caps.excaprefs[0] == NULL) {
            return syscall_error_simple(seL4_TruncatedMessage);
        }
        return issueIRQHandler(getSyscallArg(0, buffer), getSyscallArg(1, buffer),
                               getSyscallArg(2, buffer), srcSlot);
    case RISCVIRQIssueIRQHandlerTrigger:
        if (length < 4 || current_extra_caps.excaprefs[0] == NULL) {
            return syscall_error_simple(seL4_TruncatedMessage);
        }
        /* the PLIC has no trigger configuration; the argument is accepted and ignored */
        return issueIRQHandler(getSyscallArg(0, buffer), getSyscallArg(2, buffer),
                               getSyscallArg(3, buffer), srcSlot);
    default:
        return syscall_error_simple(seL4_IllegalOperation);
    }
}

exception_t decodeIRQHandlerInvocation(word_t invLabel, irq_t irq)
{
    cte_t *irqSlot = &intStateIRQNode[irq];
    switch (invLabel) {
    case IRQAckIRQ:
        setThreadState(ksCurThread, ThreadState_Restart);
        plat_irq_complete(irq);
        return EXCEPTION_NONE;
    case IRQSetIRQHandler: {
        if (current_extra_caps.excaprefs[0] == NULL) {
            return syscall_error_simple(seL4_TruncatedMessage);
        }
        cte_t *slot = current_extra_caps.excaprefs[0];
        cap_t ntfnCap = slot->cap;
        if (cap_get_capType(ntfnCap) != cap_notification_cap ||
            !cap_notification_cap_get_capNtfnCanSend(ntfnCap)) {
            return syscall_error_invalid_cap(0);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        cteDeleteOne(irqSlot);
        cteInsert(ntfnCap, slot, irqSlot);
        return EXCEPTION_NONE;
    }
    case IRQClearIRQHandler:
        setThreadState(ksCurThread, ThreadState_Restart);
        cteDeleteOne(irqSlot);
        return EXCEPTION_NONE;
    default:
        return syscall_error_simple(seL4_IllegalOperation);
    }
}
