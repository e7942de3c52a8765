/*
 * Endpoint queues and cancelling IPC. Threads blocked on an endpoint are linked
 * through tcbEPNext/tcbEPPrev; the endpoint's state says whether they send or receive.
 */
#include <object/endpoint.h>
#include <object/notification.h>
#include <object/mdb.h>
#include <kernel/thread.h>
#include <kernel/ipc.h>
#include <kernel/usererror.h>
#ifdef CONFIG_KERNEL_MCS
#include <object/reply.h>
#include <object/schedcontext.h>
#include <kernel/sporadic.h>
#endif

/* Take a blocked thread off whatever it waits on; it does not run again by itself. */
void cancelIPC(tcb_t *tptr)
{
    thread_state_t *state = &tptr->tcbState;
#ifdef CONFIG_KERNEL_MCS
    /* a cancelled IPC takes any fault being delivered with it */
    tptr->tcbFault = seL4_Fault_NullFault_new();
#endif
    switch (thread_state_ptr_get_tsType(state)) {
    case ThreadState_BlockedOnSend:
    case ThreadState_BlockedOnReceive: {
        endpoint_t *epptr = EP_PTR(thread_state_ptr_get_blockingObject(state));
        tcb_queue_t queue = tcbEPDequeue(tptr, ep_ptr_get_queue(epptr));
        ep_ptr_set_queue(epptr, queue);
        if (!queue.head) {
            endpoint_ptr_set_state(epptr, EPState_Idle);
        }
#ifdef CONFIG_KERNEL_MCS
        if (thread_state_ptr_get_tsType(state) == ThreadState_BlockedOnReceive) {
            reply_t *reply = REPLY_PTR(thread_state_ptr_get_replyObject(state));
            if (reply) {
                reply_unlink(reply, tptr);
            }
        }
#endif
        setThreadState(tptr, ThreadState_Inactive);
        break;
    }
    case ThreadState_BlockedOnNotification:
        cancelSignal(tptr, NTFN_PTR(thread_state_ptr_get_blockingObject(state)));
        break;
#ifndef CONFIG_KERNEL_MCS
    case ThreadState_BlockedOnReply: {
        /* the caller's reply cap to this thread sits in some server's caller slot */
        tptr->tcbFault = seL4_Fault_NullFault_new();
        cte_t *slot = TCB_CTE_PTR(tptr, tcbReply);
        word_t callerCap = mdb_node_get_mdbNext(slot->cteMDBNode);
        if (callerCap) {
            cteDeleteOne(CTE_PTR(callerCap));
        }
        break;
    }
#endif
#ifdef CONFIG_KERNEL_MCS
    case ThreadState_BlockedOnReply:
        reply_remove_tcb(tptr);
        break;
#endif
    default:
        break;
    }
}

#ifdef CONFIG_KERNEL_MCS
/* A thread taken off a queue retries its syscall, unless it was delivering a fault. */
static void restart_thread_if_no_fault(tcb_t *thread)
{
    if (seL4_Fault_get_seL4_FaultType(thread->tcbFault) == seL4_Fault_NullFault) {
        setThreadState(thread, ThreadState_Restart);
        if (sc_sporadic(thread->tcbSchedContext) && thread->tcbSchedContext != ksCurSC) {
            refill_unblock_check(thread->tcbSchedContext);
        }
        possibleSwitchTo(thread);
    } else {
        setThreadState(thread, ThreadState_Inactive);
    }
}

static void ep_remove(endpoint_t *epptr, tcb_t *thread)
{
    tcb_queue_t queue = tcbEPDequeue(thread, ep_ptr_get_queue(epptr));
    ep_ptr_set_queue(epptr, queue);
    if (!queue.head) {
        endpoint_ptr_set_state(epptr, EPState_Idle);
    }
}

void cancelAllIPC(endpoint_t *epptr)
{
    if (endpoint_ptr_get_state(epptr) == EPState_Idle) {
        return;
    }
    tcb_t *next;
    for (tcb_t *thread = ep_ptr_get_queue(epptr).head; thread; thread = next) {
        next = thread->tcbEPNext;
        ep_remove(epptr, thread);
        if (thread_state_get_tsType(thread->tcbState) == ThreadState_BlockedOnReceive) {
            reply_t *reply = REPLY_PTR(thread_state_get_replyObject(thread->tcbState));
            if (reply) {
                reply_unlink(reply, thread);
            }
        }
        restart_thread_if_no_fault(thread);
    }
    rescheduleRequired();
}

void cancelBadgedSends(endpoint_t *epptr, word_t badge)
{
    if (endpoint_ptr_get_state(epptr) != EPState_Send) {
        return;
    }
    tcb_t *next;
    for (tcb_t *thread = ep_ptr_get_queue(epptr).head; thread; thread = next) {
        next = thread->tcbEPNext;
        if (thread_state_get_blockingIPCBadge(thread->tcbState) == badge) {
            ep_remove(epptr, thread);
            restart_thread_if_no_fault(thread);
        }
    }
    rescheduleRequired();
}

void reorderEP(endpoint_t *epptr, tcb_t *thread)
{
    tcb_queue_t queue = tcbEPDequeue(thread, ep_ptr_get_queue(epptr));
    ep_ptr_set_queue(epptr, tcbEPAppend(thread, queue));
}
#else
/* The endpoint is going away: everyone queued on it restarts their syscall. */
void cancelAllIPC(endpoint_t *epptr)
{
    if (endpoint_ptr_get_state(epptr) == EPState_Idle) {
        return;
    }
    tcb_t *thread = (tcb_t *)endpoint_ptr_get_epQueue_head(epptr);
    endpoint_ptr_set_state(epptr, EPState_Idle);
    endpoint_ptr_set_epQueue_head(epptr, 0);
    endpoint_ptr_set_epQueue_tail(epptr, 0);
    for (; thread; thread = thread->tcbEPNext) {
        setThreadState(thread, ThreadState_Restart);
        tcbSchedEnqueue(thread);
    }
    rescheduleRequired();
}

/* Senders with this badge stop waiting and retry (CNode_CancelBadgedSends). */
void cancelBadgedSends(endpoint_t *epptr, word_t badge)
{
    if (endpoint_ptr_get_state(epptr) != EPState_Send) {
        return;
    }
    tcb_queue_t queue = ep_ptr_get_queue(epptr);
    tcb_t *thread = queue.head;
    while (thread) {
        tcb_t *next = thread->tcbEPNext;
        if (thread_state_get_blockingIPCBadge(thread->tcbState) == badge) {
            setThreadState(thread, ThreadState_Restart);
            tcbSchedEnqueue(thread);
            queue = tcbEPDequeue(thread, queue);
        }
        thread = next;
    }
    ep_ptr_set_queue(epptr, queue);
    if (!queue.head) {
        endpoint_ptr_set_state(epptr, EPState_Idle);
    }
    rescheduleRequired();
}
#endif

/* --- send and receive --------------------------------------------------------------- */

/* No receiver: the sender queues on the endpoint with what the receiver will need. */
static void blockOnSend(tcb_t *thread, endpoint_t *epptr, word_t badge, bool_t canGrant,
                        bool_t canGrantReply, bool_t do_call)
{
    thread_state_ptr_set_tsType(&thread->tcbState, ThreadState_BlockedOnSend);
    thread_state_ptr_set_blockingObject(&thread->tcbState, (word_t)epptr);
    thread_state_ptr_set_blockingIPCBadge(&thread->tcbState, badge);
    thread_state_ptr_set_blockingIPCCanGrant(&thread->tcbState, canGrant);
    thread_state_ptr_set_blockingIPCCanGrantReply(&thread->tcbState, canGrantReply);
    thread_state_ptr_set_blockingIPCIsCall(&thread->tcbState, do_call);
    scheduleTCB(thread);
    ep_ptr_set_queue(epptr, tcbEPAppend(thread, ep_ptr_get_queue(epptr)));
    endpoint_ptr_set_state(epptr, EPState_Send);
}

#ifdef CONFIG_KERNEL_MCS
/*
 * Send on an endpoint (MCS). A Call (or a fault, which always expects a reply) leaves
 * the sender blocked on the receiver's reply object, lending its scheduling context
 * if allowed and the receiver is passive; a plain send may lend it too (canDonate).
 */
void sendIPC(bool_t blocking, bool_t do_call, word_t badge, bool_t canGrant,
             bool_t canGrantReply, bool_t canDonate, tcb_t *thread, endpoint_t *epptr)
{
    switch (endpoint_ptr_get_state(epptr)) {
    case EPState_Idle:
    case EPState_Send:
        if (blocking) {
            blockOnSend(thread, epptr, badge, canGrant, canGrantReply, do_call);
        }
        break;
    case EPState_Recv: {
        tcb_t *dest = ep_ptr_get_queue(epptr).head;
        assert(dest);
        ep_remove(epptr, dest);
        doIPCTransfer(thread, epptr, badge, canGrant, dest);
        reply_t *reply = REPLY_PTR(thread_state_get_replyObject(dest->tcbState));
        if (reply) {
            reply_unlink(reply, dest);
        }
        if (do_call ||
            seL4_Fault_get_seL4_FaultType(thread->tcbFault) != seL4_Fault_NullFault) {
            if (reply && (canGrant || canGrantReply)) {
                reply_push(thread, dest, reply, canDonate);
            } else {
                setThreadState(thread, ThreadState_Inactive);
            }
        } else if (canDonate && dest->tcbSchedContext == NULL) {
            schedContext_donate(thread->tcbSchedContext, dest);
        }
        setThreadState(dest, ThreadState_Running);
        sched_context_t *destSC = dest->tcbSchedContext;
        if (sc_sporadic(destSC) && destSC != ksCurSC) {
            refill_unblock_check(destSC);
        }
        possibleSwitchTo(dest);
        break;
    }
    }
}

/*
 * Receive on an endpoint (MCS), with a reply object for a Call to answer through.
 * A reply object still holding an unanswered caller is taken from it first.
 */
void receiveIPC(tcb_t *thread, cap_t cap, bool_t isBlocking, cap_t replyCap)
{
    endpoint_t *epptr = EP_PTR(cap_endpoint_cap_get_capEPPtr(cap));
    notification_t *ntfnPtr = thread->tcbBoundNotification;
    reply_t *replyPtr = NULL;
    if (cap_get_capType(replyCap) == cap_reply_cap) {
        replyPtr = REPLY_PTR(cap_reply_cap_get_capReplyPtr(replyCap));
        tcb_t *replyTCB = replyPtr->replyTCB;
        if (unlikely(replyTCB != NULL && replyTCB != thread)) {
            /* not an error: the old caller stops waiting for a reply it will not get */
            userError("Receive: reply object %p still held caller %p, whose call is "
                      "cancelled.", (void *)replyPtr, (void *)replyTCB);
            cancelIPC(replyTCB);
        }
    }

    if (ntfnPtr && notification_ptr_get_state(ntfnPtr) == NtfnState_Active) {
        completeSignal(ntfnPtr, thread);
        return;
    }
    /* a passive server running on its notification's SC gives it back to wait */
    if (ntfnPtr && isBlocking) {
        maybeReturnSchedContext(ntfnPtr, thread);
    }
    switch (endpoint_ptr_get_state(epptr)) {
    case EPState_Idle:
    case EPState_Recv:
        if (isBlocking) {
            thread_state_ptr_set_tsType(&thread->tcbState, ThreadState_BlockedOnReceive);
            thread_state_ptr_set_blockingObject(&thread->tcbState, (word_t)epptr);
            thread_state_ptr_set_replyObject(&thread->tcbState, REPLY_REF(replyPtr));
            scheduleTCB(thread);
            if (replyPtr) {
                replyPtr->replyTCB = thread;
            }
            ep_ptr_set_queue(epptr, tcbEPAppend(thread, ep_ptr_get_queue(epptr)));
            endpoint_ptr_set_state(epptr, EPState_Recv);
        } else {
            doNBRecvFailedTransfer(thread);
        }
        break;
    case EPState_Send: {
        tcb_t *sender = ep_ptr_get_queue(epptr).head;
        assert(sender);
        ep_remove(epptr, sender);
        thread_state_t ts = sender->tcbState;
        word_t badge = thread_state_get_blockingIPCBadge(ts);
        bool_t canGrant = thread_state_get_blockingIPCCanGrant(ts);
        bool_t canGrantReply = thread_state_get_blockingIPCCanGrantReply(ts);
        doIPCTransfer(sender, epptr, badge, canGrant, thread);
        bool_t do_call = thread_state_get_blockingIPCIsCall(ts);
        if (sc_sporadic(sender->tcbSchedContext) && sender->tcbSchedContext != ksCurSC) {
            refill_unblock_check(sender->tcbSchedContext);
        }
        if (do_call ||
            seL4_Fault_get_seL4_FaultType(sender->tcbFault) != seL4_Fault_NullFault) {
            if ((canGrant || canGrantReply) && replyPtr) {
                bool_t canDonate = sender->tcbSchedContext != NULL &&
                                   seL4_Fault_get_seL4_FaultType(sender->tcbFault) !=
                                   seL4_Fault_Timeout;
                reply_push(sender, thread, replyPtr, canDonate);
            } else {
                setThreadState(sender, ThreadState_Inactive);
            }
        } else {
            setThreadState(sender, ThreadState_Running);
            possibleSwitchTo(sender);
        }
        break;
    }
    }
}
#else
/*
 * Send on an endpoint: hand the message to the first waiting receiver, or (blocking)
 * queue up. A Call leaves the sender waiting for a reply through a reply cap.
 */
void sendIPC(bool_t blocking, bool_t do_call, word_t badge, bool_t canGrant,
             bool_t canGrantReply, tcb_t *thread, endpoint_t *epptr)
{
    switch (endpoint_ptr_get_state(epptr)) {
    case EPState_Idle:
    case EPState_Send:
        if (blocking) {
            blockOnSend(thread, epptr, badge, canGrant, canGrantReply, do_call);
        }
        break;
    case EPState_Recv: {
        tcb_queue_t queue = ep_ptr_get_queue(epptr);
        tcb_t *dest = queue.head;
        assert(dest);
        queue = tcbEPDequeue(dest, queue);
        ep_ptr_set_queue(epptr, queue);
        if (!queue.head) {
            endpoint_ptr_set_state(epptr, EPState_Idle);
        }
        doIPCTransfer(thread, epptr, badge, canGrant, dest);
        bool_t replyCanGrant = thread_state_get_blockingIPCCanGrant(dest->tcbState);
        setThreadState(dest, ThreadState_Running);
        possibleSwitchTo(dest);
        if (do_call) {
            if (canGrant || canGrantReply) {
                setupCallerCap(thread, dest, replyCanGrant);
            } else {
                setThreadState(thread, ThreadState_Inactive);
            }
        }
        break;
    }
    }
}

/*
 * Receive on an endpoint. A pending signal on the thread's bound notification wins;
 * else take the first sender, or (blocking) queue up.
 */
void receiveIPC(tcb_t *thread, cap_t cap, bool_t isBlocking)
{
    endpoint_t *epptr = EP_PTR(cap_endpoint_cap_get_capEPPtr(cap));
    notification_t *ntfnPtr = thread->tcbBoundNotification;

    /* a new receive replaces any reply cap still held from an earlier Call */
    deleteCallerCap(thread);

    if (ntfnPtr && notification_ptr_get_state(ntfnPtr) == NtfnState_Active) {
        completeSignal(ntfnPtr, thread);
        return;
    }
    switch (endpoint_ptr_get_state(epptr)) {
    case EPState_Idle:
    case EPState_Recv:
        if (isBlocking) {
            thread_state_ptr_set_tsType(&thread->tcbState, ThreadState_BlockedOnReceive);
            thread_state_ptr_set_blockingObject(&thread->tcbState, (word_t)epptr);
            thread_state_ptr_set_blockingIPCCanGrant(&thread->tcbState,
                                                     cap_endpoint_cap_get_capCanGrant(cap));
            scheduleTCB(thread);
            ep_ptr_set_queue(epptr, tcbEPAppend(thread, ep_ptr_get_queue(epptr)));
            endpoint_ptr_set_state(epptr, EPState_Recv);
        } else {
            doNBRecvFailedTransfer(thread);
        }
        break;
    case EPState_Send: {
        tcb_queue_t queue = ep_ptr_get_queue(epptr);
        tcb_t *sender = queue.head;
        assert(sender);
        queue = tcbEPDequeue(sender, queue);
        ep_ptr_set_queue(epptr, queue);
        if (!queue.head) {
            endpoint_ptr_set_state(epptr, EPState_Idle);
        }
        thread_state_t ts = sender->tcbState;
        word_t badge = thread_state_get_blockingIPCBadge(ts);
        bool_t canGrant = thread_state_get_blockingIPCCanGrant(ts);
        bool_t canGrantReply = thread_state_get_blockingIPCCanGrantReply(ts);
        doIPCTransfer(sender, epptr, badge, canGrant, thread);
        if (thread_state_get_blockingIPCIsCall(ts)) {
            if (canGrant || canGrantReply) {
                setupCallerCap(sender, thread, cap_endpoint_cap_get_capCanGrant(cap));
            } else {
                setThreadState(sender, ThreadState_Inactive);
            }
        } else {
            setThreadState(sender, ThreadState_Running);
            possibleSwitchTo(sender);
        }
        break;
    }
    }
}

#endif

/* NBRecv with nothing to receive: only the badge register is written, with 0. */
void doNBRecvFailedTransfer(tcb_t *thread)
{
    setRegister(thread, badgeRegister, 0);
}
