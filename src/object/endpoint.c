/*
 * Endpoint queues and cancelling IPC. Threads blocked on an endpoint are linked
 * through tcbEPNext/tcbEPPrev; the endpoint's state says whether they send or receive.
 */
#include <object/endpoint.h>
#include <object/notification.h>
#include <object/cnode.h>
#include <kernel/thread.h>
#include <kernel/ipc.h>

/* Take a blocked thread off whatever it waits on; it does not run again by itself. */
void cancelIPC(tcb_t *tptr)
{
    thread_state_t *state = &tptr->tcbState;
    switch (thread_state_ptr_get_tsType(state)) {
    case ThreadState_BlockedOnSend:
    case ThreadState_BlockedOnReceive: {
        endpoint_t *epptr = EP_PTR(thread_state_ptr_get_blockingObject(state));
        tcb_queue_t queue = tcbEPDequeue(tptr, ep_ptr_get_queue(epptr));
        ep_ptr_set_queue(epptr, queue);
        if (!queue.head) {
            endpoint_ptr_set_state(epptr, EPState_Idle);
        }
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
    default:
        break;
    }
}

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

/* --- send and receive --------------------------------------------------------------- */

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
#ifndef CONFIG_KERNEL_MCS
        if (do_call) {
            if (canGrant || canGrantReply) {
                setupCallerCap(thread, dest, replyCanGrant);
            } else {
                setThreadState(thread, ThreadState_Inactive);
            }
        }
#else
        (void)replyCanGrant;
        (void)canGrantReply;
        assert(!do_call);
#endif
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

#ifndef CONFIG_KERNEL_MCS
    /* a new receive replaces any reply cap still held from an earlier Call */
    deleteCallerCap(thread);
#endif

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
#ifndef CONFIG_KERNEL_MCS
        if (thread_state_get_blockingIPCIsCall(ts)) {
            if (canGrant || canGrantReply) {
                setupCallerCap(sender, thread, cap_endpoint_cap_get_capCanGrant(cap));
            } else {
                setThreadState(sender, ThreadState_Inactive);
            }
        } else
#else
        (void)canGrantReply;
#endif
        {
            setThreadState(sender, ThreadState_Running);
            possibleSwitchTo(sender);
        }
        break;
    }
    }
}

/* NBRecv with nothing to receive: only the badge register is written, with 0. */
void doNBRecvFailedTransfer(tcb_t *thread)
{
    setRegister(thread, badgeRegister, 0);
}
