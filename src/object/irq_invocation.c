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
#include <kernel/usererror.h>

static bool_t isIRQActive(irq_t irq)
{
    return intStateIRQTable[irq] != IRQInactive;
}

static exception_t invokeIRQControl(irq_t irq, cte_t *handlerSlot, cte_t *controlSlot)
{
    intStateIRQTable[irq] = IRQSignal;
    plat_irq_set_enabled(irq, true);
    cteInsert(cap_irq_handler_cap_new(irq), controlSlot, handlerSlot);
    return EXCEPTION_NONE;
}

/* Shared tail of IRQControl_Get and GetTrigger: check the IRQ and the destination slot. */
static exception_t decodeIssueIRQHandler(const char *operation, word_t irq_w, word_t index,
                                         word_t depth, cte_t *srcSlot)
{
    if (irq_w == irqInvalid || irq_w > maxIRQ) {
        userError("%s: IRQ %lu is outside 1..%lu.", operation, irq_w, (word_t)maxIRQ);
        return syscall_error_range(1, maxIRQ);
    }
    irq_t irq = irq_w;
    if (isIRQActive(irq)) {
        userError("%s: IRQ %lu already has a handler cap.", operation, irq_w);
        return syscall_error_simple(seL4_RevokeFirst);
    }
    lookupSlot_ret_t lu = lookupSlotForCNodeOp(false, current_extra_caps.excaprefs[0]->cap,
                                               index, depth);
    if (lu.status != EXCEPTION_NONE) {
        userError("%s: destination slot (index 0x%lx, depth %lu) for IRQ %lu not found.",
                  operation, index, depth, irq_w);
        return lu.status;
    }
    if (cap_get_capType(lu.slot->cap) != cap_null_cap) {
        userError("%s: destination slot (index 0x%lx, depth %lu) for IRQ %lu is not empty.",
                  operation, index, depth, irq_w);
        return syscall_error_simple(seL4_DeleteFirst);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeIRQControl(irq, lu.slot, srcSlot);
}

exception_t decodeIRQControlInvocation(word_t invLabel, word_t length, cte_t *srcSlot,
                                       word_t *buffer)
{
    switch (invLabel) {
    case IRQIssueIRQHandler:
        if (length < 3 || current_extra_caps.excaprefs[0] == NULL) {
            userErrorTruncated("IRQControl Get", length, 3, 1);
            return syscall_error_simple(seL4_TruncatedMessage);
        }
        return decodeIssueIRQHandler("IRQControl Get", getSyscallArg(0, buffer),
                                     getSyscallArg(1, buffer), getSyscallArg(2, buffer), srcSlot);
    case RISCVIRQIssueIRQHandlerTrigger:
        if (length < 4 || current_extra_caps.excaprefs[0] == NULL) {
            userErrorTruncated("IRQControl GetTrigger", length, 4, 1);
            return syscall_error_simple(seL4_TruncatedMessage);
        }
        /* the PLIC has no trigger configuration; the argument is accepted and ignored */
        return decodeIssueIRQHandler("IRQControl GetTrigger", getSyscallArg(0, buffer),
                                     getSyscallArg(2, buffer), getSyscallArg(3, buffer), srcSlot);
    default:
        userError("IRQControl: label %lu is not an IRQControl invocation.", invLabel);
        return syscall_error_simple(seL4_IllegalOperation);
    }
}

static exception_t invokeIRQHandler_AckIRQ(irq_t irq)
{
    plat_irq_complete(irq);
    return EXCEPTION_NONE;
}

static exception_t invokeIRQHandler_SetIRQHandler(irq_t irq, cap_t ntfnCap, cte_t *ntfnSlot)
{
    cte_t *irqSlot = &intStateIRQNode[irq];
    cteDeleteOne(irqSlot);
    cteInsert(ntfnCap, ntfnSlot, irqSlot);
    return EXCEPTION_NONE;
}

static exception_t invokeIRQHandler_ClearIRQHandler(irq_t irq)
{
    cteDeleteOne(&intStateIRQNode[irq]);
    return EXCEPTION_NONE;
}

exception_t decodeIRQHandlerInvocation(word_t invLabel, irq_t irq)
{
    switch (invLabel) {
    case IRQAckIRQ:
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeIRQHandler_AckIRQ(irq);
    case IRQSetIRQHandler: {
        if (current_extra_caps.excaprefs[0] == NULL) {
            userError("IRQHandler SetNotification: no notification cap given (IRQ %lu).",
                      (word_t)irq);
            return syscall_error_simple(seL4_TruncatedMessage);
        }
        cte_t *slot = current_extra_caps.excaprefs[0];
        cap_t ntfnCap = slot->cap;
        if (cap_get_capType(ntfnCap) != cap_notification_cap) {
            userError("IRQHandler SetNotification: the cap is of type %lu, not a notification "
                      "(IRQ %lu).", (word_t)cap_get_capType(ntfnCap), (word_t)irq);
            return syscall_error_invalid_cap(0);
        }
        if (!cap_notification_cap_get_capNtfnCanSend(ntfnCap)) {
            userError("IRQHandler SetNotification: the notification cap has no Send right "
                      "(IRQ %lu).", (word_t)irq);
            return syscall_error_invalid_cap(0);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeIRQHandler_SetIRQHandler(irq, ntfnCap, slot);
    }
    case IRQClearIRQHandler:
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeIRQHandler_ClearIRQHandler(irq);
    default:
        userError("IRQHandler: label %lu is not an IRQHandler invocation (IRQ %lu).", invLabel,
                  (word_t)irq);
        return syscall_error_simple(seL4_IllegalOperation);
    }
}
