/*
 * Notification queues, binding, and cancelling waits.
 */
#include <object/notification.h>
#include <object/endpoint.h>
#include <kernel/thread.h>
#ifdef CONFIG_KERNEL_MCS
#include <object/schedcontext.h>
#include <kernel/sporadic.h>

/* A woken thread with a sporadic SC of its own starts its refills from now. */
static void unblockSporadic(tcb_t *tcb)
{
    if (sc_sporadic(tcb->tcbSchedContext) && tcb->tcbSchedContext != ksCurSC) {
        refill_unblock_check(tcb->tcbSchedContext);
    }
}

/* A woken thread runs if it has (or is lent, by the notification) a usable SC. */
static void wakeSignalled(tcb_t *tcb, notification_t *ntfnPtr)
{
    maybeDonateSchedContext(tcb, ntfnPtr);
    if (isSchedulable(tcb)) {
        possibleSwitchTo(tcb);
    }
    unblockSporadic(tcb);
}
#define WAKE_SIGNALLED(tcb, ntfnPtr) wakeSignalled(tcb, ntfnPtr)
#else
#define WAKE_SIGNALLED(tcb, ntfnPtr) possibleSwitchTo(tcb)
#endif

void cancelSignal(tcb_t *threadPtr, notification_t *ntfnPtr)
{
    tcb_queue_t queue = tcbEPDequeue(threadPtr, ntfn_ptr_get_queue(ntfnPtr));
    ntfn_ptr_set_queue(ntfnPtr, queue);
    if (!queue.head) {
        notification_ptr_set_state(ntfnPtr, NtfnState_Idle);
    }
    setThreadState(threadPtr, ThreadState_Inactive);
}

void cancelAllSignals(notification_t *ntfnPtr)
{
    if (notification_ptr_get_state(ntfnPtr) != NtfnState_Waiting) {
        return;
    }
    tcb_t *thread = (tcb_t *)notification_ptr_get_ntfnQueue_head(ntfnPtr);
    notification_ptr_set_state(ntfnPtr, NtfnState_Idle);
    notification_ptr_set_ntfnQueue_head(ntfnPtr, 0);
    notification_ptr_set_ntfnQueue_tail(ntfnPtr, 0);
    for (; thread; thread = thread->tcbEPNext) {
        setThreadState(thread, ThreadState_Restart);
#ifdef CONFIG_KERNEL_MCS
        unblockSporadic(thread);
        possibleSwitchTo(thread);
#else
        tcbSchedEnqueue(thread);
#endif
    }
    rescheduleRequired();
}

void bindNotification(tcb_t *tcb, notification_t *ntfnPtr)
{
    notification_ptr_set_ntfnBoundTCB(ntfnPtr, (word_t)tcb);
    tcb->tcbBoundNotification = ntfnPtr;
}

static void doUnbindNotification(notification_t *ntfnPtr, tcb_t *tcb)
{
    notification_ptr_set_ntfnBoundTCB(ntfnPtr, 0);
    tcb->tcbBoundNotification = NULL;
}

void unbindMaybeNotification(notification_t *ntfnPtr)
{
    tcb_t *bound = (tcb_t *)notification_ptr_get_ntfnBoundTCB(ntfnPtr);
    if (bound) {
        doUnbindNotification(ntfnPtr, bound);
    }
}

void unbindNotification(tcb_t *tcb)
{
    if (tcb->tcbBoundNotification) {
        doUnbindNotification(tcb->tcbBoundNotification, tcb);
    }
}

/* --- signal and wait ---------------------------------------------------------------- */

static void ntfn_set_active(notification_t *ntfnPtr, word_t badge)
{
    notification_ptr_set_state(ntfnPtr, NtfnState_Active);
    notification_ptr_set_ntfnMsgIdentifier(ntfnPtr, badge);
}

/*
 * Signal: wake the first waiter with the badge, or a bound thread blocked in an
 * endpoint receive; otherwise OR the badge into the pending word.
 */
void sendSignal(notification_t *ntfnPtr, word_t badge)
{
    switch (notification_ptr_get_state(ntfnPtr)) {
    case NtfnState_Idle: {
        tcb_t *tcb = (tcb_t *)notification_ptr_get_ntfnBoundTCB(ntfnPtr);
        if (tcb && thread_state_get_tsType(tcb->tcbState) == ThreadState_BlockedOnReceive) {
            cancelIPC(tcb);
            setThreadState(tcb, ThreadState_Running);
            setRegister(tcb, badgeRegister, badge);
            WAKE_SIGNALLED(tcb, ntfnPtr);
        } else {
            ntfn_set_active(ntfnPtr, badge);
        }
        break;
    }
    case NtfnState_Waiting: {
        tcb_queue_t queue = ntfn_ptr_get_queue(ntfnPtr);
        tcb_t *dest = queue.head;
        assert(dest);
        queue = tcbEPDequeue(dest, queue);
        ntfn_ptr_set_queue(ntfnPtr, queue);
        if (!queue.head) {
            notification_ptr_set_state(ntfnPtr, NtfnState_Idle);
        }
        setThreadState(dest, ThreadState_Running);
        setRegister(dest, badgeRegister, badge);
        WAKE_SIGNALLED(dest, ntfnPtr);
        break;
    }
    case NtfnState_Active:
        notification_ptr_set_ntfnMsgIdentifier(
            ntfnPtr, notification_ptr_get_ntfnMsgIdentifier(ntfnPtr) | badge);
        break;
    }
}

/* Wait (or Poll): take the pending word, or block until a signal comes. */
void receiveSignal(tcb_t *thread, cap_t cap, bool_t isBlocking)
{
    notification_t *ntfnPtr = NTFN_PTR(cap_notification_cap_get_capNtfnPtr(cap));
    switch (notification_ptr_get_state(ntfnPtr)) {
    case NtfnState_Idle:
    case NtfnState_Waiting:
        if (isBlocking) {
            thread_state_ptr_set_tsType(&thread->tcbState, ThreadState_BlockedOnNotification);
            thread_state_ptr_set_blockingObject(&thread->tcbState, (word_t)ntfnPtr);
            scheduleTCB(thread);
            ntfn_ptr_set_queue(ntfnPtr, tcbEPAppend(thread, ntfn_ptr_get_queue(ntfnPtr)));
            notification_ptr_set_state(ntfnPtr, NtfnState_Waiting);
#ifdef CONFIG_KERNEL_MCS
            maybeReturnSchedContext(ntfnPtr, thread);
#endif
        } else {
            doNBRecvFailedTransfer(thread);
        }
        break;
    case NtfnState_Active:
        setRegister(thread, badgeRegister, notification_ptr_get_ntfnMsgIdentifier(ntfnPtr));
        notification_ptr_set_state(ntfnPtr, NtfnState_Idle);
#ifdef CONFIG_KERNEL_MCS
        maybeDonateSchedContext(thread, ntfnPtr);
        unblockSporadic(thread);
#endif
        break;
    }
}

void completeSignal(notification_t *ntfnPtr, tcb_t *tcb)
{
    assert(tcb && notification_ptr_get_state(ntfnPtr) == NtfnState_Active);
    setRegister(tcb, badgeRegister, notification_ptr_get_ntfnMsgIdentifier(ntfnPtr));
    notification_ptr_set_state(ntfnPtr, NtfnState_Idle);
#ifdef CONFIG_KERNEL_MCS
    maybeDonateSchedContext(tcb, ntfnPtr);
    if (sc_sporadic(tcb->tcbSchedContext) &&
        tcb->tcbSchedContext == SC_PTR(notification_ptr_get_ntfnSchedContext(ntfnPtr)) &&
        tcb->tcbSchedContext != ksCurSC) {
        refill_unblock_check(tcb->tcbSchedContext);
    }
#endif
}

#ifdef CONFIG_KERNEL_MCS
void reorderNTFN(notification_t *ntfnPtr, tcb_t *thread)
{
    tcb_queue_t queue = tcbEPDequeue(thread, ntfn_ptr_get_queue(ntfnPtr));
    ntfn_ptr_set_queue(ntfnPtr, tcbEPAppend(thread, queue));
}
#endif
