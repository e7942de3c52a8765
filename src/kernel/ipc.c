/*
 * Message transfer between threads: message registers, capability transfer
 * with unwrapping and grant rules (seL4's transferCaps, src/kernel/thread.c), fault
 * messages, reply caps.
 */
#include <kernel/ipc.h>
#include <api/faults.h>
#include <kernel/thread.h>
#include <kernel/cspace.h>
#include <kernel/vspace.h>
#include <kernel/faulthandler.h>
#include <object/mdb.h>
#include <object/objecttype.h>
#include <object/invocation.h>
#include <api/message.h>
#include <api/failures.h>
#include <machine/io.h>
#ifdef CONFIG_KERNEL_MCS
#include <object/reply.h>
#include <kernel/sporadic.h>
#endif

/* --- message registers -------------------------------------------------------------- */

static word_t copyMRs(tcb_t *sender, word_t *sendBuf, tcb_t *receiver, word_t *recvBuf,
                      word_t n)
{
    word_t i;
    for (i = 0; i < n && i < n_msgRegisters; i++) {
        setRegister(receiver, msgRegisters[i], getRegister(sender, msgRegisters[i]));
    }
    if (!recvBuf || !sendBuf) {
        return i;
    }
    for (; i < n; i++) {
        recvBuf[i + 1] = sendBuf[i + 1];
    }
    return i;
}

/* Where a received cap goes: receiveCNode/Index/Depth of the receiver's IPC buffer. */
static cte_t *getReceiveSlots(tcb_t *thread, word_t *buffer)
{
    if (!buffer) {
        return NULL;
    }
    cptr_t cptr = buffer[seL4_MsgMaxLength + 2 + seL4_MsgMaxExtraCaps];
    word_t index = buffer[seL4_MsgMaxLength + 3 + seL4_MsgMaxExtraCaps];
    word_t depth = buffer[seL4_MsgMaxLength + 4 + seL4_MsgMaxExtraCaps];
    lookupCap_ret_t lu = lookupCap(thread, cptr);
    if (lu.status != EXCEPTION_NONE) {
        return NULL;
    }
    lookupSlot_ret_t slot = lookupSlotForCNodeOp(false, lu.cap, index, depth);
    if (slot.status != EXCEPTION_NONE) {
        return NULL;
    }
    if (cap_get_capType(slot.slot->cap) != cap_null_cap) {
        return NULL;
    }
    return slot.slot;
}

/*
 * Extra caps: an endpoint cap to the endpoint the message travels through is unwrapped
 * to its badge; otherwise at most one cap is derived into the receive slot, and the
 * transfer stops at the first cap that cannot be moved.
 */
static seL4_MessageInfo_t transferCaps(seL4_MessageInfo_t info, endpoint_t *endpoint,
                                       tcb_t *receiver, word_t *receiveBuffer)
{
    info = seL4_MessageInfo_set_extraCaps(info, 0);
    info = seL4_MessageInfo_set_capsUnwrapped(info, 0);
    if (!current_extra_caps.excaprefs[0] || !receiveBuffer) {
        return info;
    }
    cte_t *destSlot = getReceiveSlots(receiver, receiveBuffer);
    word_t i;
    for (i = 0; i < seL4_MsgMaxExtraCaps && current_extra_caps.excaprefs[i]; i++) {
        cte_t *slot = current_extra_caps.excaprefs[i];
        cap_t cap = slot->cap;
        if (cap_get_capType(cap) == cap_endpoint_cap &&
            EP_PTR(cap_endpoint_cap_get_capEPPtr(cap)) == endpoint) {
            receiveBuffer[seL4_MsgMaxLength + 2 + i] = cap_endpoint_cap_get_capEPBadge(cap);
            info = seL4_MessageInfo_set_capsUnwrapped(
                       info, seL4_MessageInfo_get_capsUnwrapped(info) | BIT(i));
            continue;
        }
        if (!destSlot) {
            break;
        }
        deriveCap_ret_t dc = deriveCap(slot, cap);
        if (dc.status != EXCEPTION_NONE || cap_get_capType(dc.cap) == cap_null_cap) {
            break;
        }
        cteInsert(dc.cap, slot, destSlot);
        destSlot = NULL;
    }
    return seL4_MessageInfo_set_extraCaps(info, i);
}

static void doNormalTransfer(tcb_t *sender, word_t *sendBuffer, endpoint_t *endpoint,
                             word_t badge, bool_t canGrant, tcb_t *receiver,
                             word_t *receiveBuffer)
{
    seL4_MessageInfo_t tag = messageInfoFromWord(getRegister(sender, msgInfoRegister));
    if (canGrant) {
        if (lookupExtraCaps(sender, sendBuffer, tag) != EXCEPTION_NONE) {
            /* a bad extra cap sends the message without any caps */
            current_extra_caps.excaprefs[0] = NULL;
        }
    } else {
        current_extra_caps.excaprefs[0] = NULL;
    }
    word_t msgTransferred = copyMRs(sender, sendBuffer, receiver, receiveBuffer,
                                    seL4_MessageInfo_get_length(tag));
    tag = transferCaps(tag, endpoint, receiver, receiveBuffer);
    tag = seL4_MessageInfo_set_length(tag, msgTransferred);
    setRegister(receiver, msgInfoRegister, wordFromMessageInfo(tag));
    setRegister(receiver, badgeRegister, badge);
}

static void doFaultTransfer(word_t badge, tcb_t *sender, tcb_t *receiver,
                            word_t *receiverIPCBuffer)
{
    word_t sent = setMRs_fault(sender, receiver, receiverIPCBuffer);
    seL4_MessageInfo_t info = seL4_MessageInfo_new(
                                  seL4_Fault_get_seL4_FaultType(sender->tcbFault), 0, 0, sent);
    setRegister(receiver, msgInfoRegister, wordFromMessageInfo(info));
    setRegister(receiver, badgeRegister, badge);
}

void doIPCTransfer(tcb_t *sender, endpoint_t *endpoint, word_t badge, bool_t grant,
                   tcb_t *receiver)
{
    word_t *receiveBuffer = lookupIPCBuffer(true, receiver);
    if (likely(seL4_Fault_get_seL4_FaultType(sender->tcbFault) == seL4_Fault_NullFault)) {
        word_t *sendBuffer = lookupIPCBuffer(false, sender);
        doNormalTransfer(sender, sendBuffer, endpoint, badge, grant, receiver, receiveBuffer);
    } else {
        doFaultTransfer(badge, sender, receiver, receiveBuffer);
    }
}

/* --- replies ------------------------------------------------------------------------ */

#ifndef CONFIG_KERNEL_MCS

/* The receiver of a Call gets a one-shot reply cap to the caller in its caller slot. */
void setupCallerCap(tcb_t *sender, tcb_t *receiver, bool_t canGrant)
{
    setThreadState(sender, ThreadState_BlockedOnReply);
    cte_t *replySlot = TCB_CTE_PTR(sender, tcbReply);
    assert(cap_get_capType(replySlot->cap) == cap_reply_cap &&
           cap_reply_cap_get_capReplyMaster(replySlot->cap));
    cte_t *callerSlot = TCB_CTE_PTR(receiver, tcbCaller);
    assert(cap_get_capType(callerSlot->cap) == cap_null_cap);
    cteInsert(cap_reply_cap_new(canGrant, false, TCB_REF(sender)), replySlot, callerSlot);
}

void deleteCallerCap(tcb_t *receiver)
{
    cteDeleteOne(TCB_CTE_PTR(receiver, tcbCaller));
}

/* Deliver a reply: a normal message, or the answer to a fault. */
void doReplyTransfer(tcb_t *sender, tcb_t *receiver, cte_t *slot, bool_t grant)
{
    assert(thread_state_get_tsType(receiver->tcbState) == ThreadState_BlockedOnReply);
    if (likely(seL4_Fault_get_seL4_FaultType(receiver->tcbFault) == seL4_Fault_NullFault)) {
        doIPCTransfer(sender, NULL, 0, grant, receiver);
        cteDeleteOne(slot);
        setThreadState(receiver, ThreadState_Running);
        possibleSwitchTo(receiver);
    } else {
        cteDeleteOne(slot);
        bool_t restart = handleFaultReply(receiver, sender);
        receiver->tcbFault = seL4_Fault_NullFault_new();
        if (restart) {
            setThreadState(receiver, ThreadState_Restart);
            possibleSwitchTo(receiver);
        } else {
            setThreadState(receiver, ThreadState_Inactive);
        }
    }
}
#else /* CONFIG_KERNEL_MCS */

/*
 * Reply through a reply object (MCS): nothing happens unless a caller waits on it.
 * The caller leaves the call chain (getting its SC back if it was the newest) and
 * runs if its SC has budget; otherwise it takes a timeout fault or waits for a refill.
 */
void doReplyTransfer(tcb_t *sender, reply_t *reply, bool_t grant)
{
    tcb_t *receiver = reply->replyTCB;
    if (receiver == NULL ||
        thread_state_get_tsType(receiver->tcbState) != ThreadState_BlockedOnReply) {
        return;
    }
    reply_remove(reply, receiver);
    assert(reply->replyTCB == NULL);
    if (sc_sporadic(receiver->tcbSchedContext) && receiver->tcbSchedContext != ksCurSC) {
        refill_unblock_check(receiver->tcbSchedContext);
    }
    word_t faultType = seL4_Fault_get_seL4_FaultType(receiver->tcbFault);
    if (likely(faultType == seL4_Fault_NullFault)) {
        doIPCTransfer(sender, NULL, 0, grant, receiver);
        setThreadState(receiver, ThreadState_Running);
    } else {
        bool_t restart = handleFaultReply(receiver, sender);
        receiver->tcbFault = seL4_Fault_NullFault_new();
        setThreadState(receiver, restart ? ThreadState_Restart : ThreadState_Inactive);
    }
    sched_context_t *sc = receiver->tcbSchedContext;
    if (sc && isRunnable(receiver)) {
        if (refill_ready(sc) && refill_sufficient(sc, 0)) {
            possibleSwitchTo(receiver);
        } else if (validTimeoutHandler(receiver) && faultType != seL4_Fault_Timeout) {
            current_fault = seL4_Fault_Timeout_new(sc->scBadge);
            handleTimeout(receiver);
        } else {
            postpone(sc);
        }
    }
}
#endif /* CONFIG_KERNEL_MCS */
