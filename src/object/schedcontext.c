/*
 * Scheduling contexts (MCS): which thread runs on which budget, and the SchedContext
 * invocations (seL4's src/object/schedcontext.c; labels and arguments in
 * libsel4/include/interfaces/object-api.xml). A thread runs only while it
 * holds a configured scheduling context; a passive server holds none of its own and
 * runs on the one its caller lends it (src/object/reply.c).
 */
#include <config.h>

#ifdef CONFIG_KERNEL_MCS

#include <object/schedcontext.h>
#include <object/invocation.h>
#include <kernel/sporadic.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <api/failures.h>
#include <api/message.h>
#include <kernel/usererror.h>

/* --- binding ------------------------------------------------------------------------ */

void schedContext_resume(sched_context_t *sc)
{
    if (likely(sc) && isSchedulable(sc->scTcb)) {
        if (!(refill_ready(sc) && refill_sufficient(sc, 0))) {
            assert(!thread_state_get_tcbQueued(sc->scTcb->tcbState));
            postpone(sc);
        }
    }
}

void schedContext_bindTCB(sched_context_t *sc, tcb_t *tcb)
{
    assert(sc->scTcb == NULL && tcb->tcbSchedContext == NULL);
    tcb->tcbSchedContext = sc;
    sc->scTcb = tcb;
    if (sc_sporadic(sc) && sc_active(sc) && sc != ksCurSC) {
        refill_unblock_check(sc);
    }
    schedContext_resume(sc);
    if (isSchedulable(tcb)) {
        tcbSchedEnqueue(tcb);
        rescheduleRequired();
    }
}

void schedContext_unbindTCB(sched_context_t *sc)
{
    tcb_t *tcb = sc->scTcb;
    assert(tcb);
    if (tcb == ksCurThread) {
        rescheduleRequired();
    }
    tcbSchedDequeue(tcb);
    tcbReleaseRemove(tcb);
    tcb->tcbSchedContext = NULL;
    sc->scTcb = NULL;
}

void schedContext_unbindAllTCBs(sched_context_t *sc)
{
    if (sc->scTcb) {
        schedContext_unbindTCB(sc);
    }
}

void schedContext_donate(sched_context_t *sc, tcb_t *to)
{
    assert(sc && to && to->tcbSchedContext == NULL);
    tcb_t *from = sc->scTcb;
    if (from) {
        tcbSchedDequeue(from);
        tcbReleaseRemove(from);
        from->tcbSchedContext = NULL;
        if (from == ksCurThread || from == ksSchedulerAction) {
            rescheduleRequired();
        }
    }
    sc->scTcb = to;
    to->tcbSchedContext = sc;
}

void schedContext_bindNtfn(sched_context_t *sc, notification_t *ntfn)
{
    notification_ptr_set_ntfnSchedContext(ntfn, SC_REF(sc));
    sc->scNotification = ntfn;
}

void schedContext_unbindNtfn(sched_context_t *sc)
{
    if (sc && sc->scNotification) {
        notification_ptr_set_ntfnSchedContext(sc->scNotification, 0);
        sc->scNotification = NULL;
    }
}

void schedContextMaybeUnbindNtfn(notification_t *ntfn)
{
    sched_context_t *sc = SC_PTR(notification_ptr_get_ntfnSchedContext(ntfn));
    if (sc) {
        schedContext_unbindNtfn(sc);
    }
}

/* The call chain this SC was lent down no longer owns it. */
void schedContext_unbindReply(sched_context_t *sc)
{
    if (sc && sc->scReply) {
        assert(call_stack_get_isHead(sc->scReply->replyNext));
        sc->scReply->replyNext = call_stack_new(0, 0);
        sc->scReply = NULL;
    }
}

uint64_t schedContext_updateConsumed(sched_context_t *sc)
{
    ticks_t consumed = sc->scConsumed;
    if (consumed >= getMaxTicksToUs()) {
        sc->scConsumed -= getMaxTicksToUs();
        return ticksToUs(getMaxTicksToUs());
    }
    sc->scConsumed = 0;
    return ticksToUs(consumed);
}

void schedContext_cancelYieldTo(tcb_t *tcb)
{
    if (tcb && tcb->tcbYieldTo) {
        tcb->tcbYieldTo->scYieldFrom = NULL;
        tcb->tcbYieldTo = NULL;
    }
}

/* The reply to SchedContext_Consumed / YieldTo: MR0 = microseconds consumed. */
static void setConsumed(sched_context_t *sc, tcb_t *thread, bool_t writeMsg)
{
    uint64_t consumed = schedContext_updateConsumed(sc);
    if (writeMsg) {
        word_t *buffer = lookupIPCBuffer(true, thread);
        setRegister(thread, badgeRegister, 0);
        word_t length = setMR(thread, buffer, 0, consumed);
        setRegister(thread, msgInfoRegister,
                    wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, length)));
    }
}

void schedContext_completeYieldTo(tcb_t *yielder)
{
    if (yielder && yielder->tcbYieldTo) {
        setConsumed(yielder->tcbYieldTo, yielder, true);
        schedContext_cancelYieldTo(yielder);
    }
}

void maybeDonateSchedContext(tcb_t *tcb, notification_t *ntfn)
{
    if (tcb->tcbSchedContext == NULL) {
        sched_context_t *sc = SC_PTR(notification_ptr_get_ntfnSchedContext(ntfn));
        if (sc && sc->scTcb == NULL) {
            schedContext_donate(sc, tcb);
            schedContext_resume(sc);
        }
    }
}

void maybeReturnSchedContext(notification_t *ntfn, tcb_t *tcb)
{
    sched_context_t *sc = SC_PTR(notification_ptr_get_ntfnSchedContext(ntfn));
    if (sc && sc == tcb->tcbSchedContext) {
        tcb->tcbSchedContext = NULL;
        sc->scTcb = NULL;
        if (tcb == ksCurThread) {
            rescheduleRequired();
        }
    }
}

/* --- invocations -------------------------------------------------------------------- */

static exception_t invokeSchedContext_Consumed(sched_context_t *sc, bool_t call)
{
    setConsumed(sc, ksCurThread, call);
    /* the reply is the one just written, not the empty success reply */
    setThreadState(ksCurThread, ThreadState_Running);
    return EXCEPTION_NONE;
}

static exception_t invokeSchedContext_BindTCB(sched_context_t *sc, tcb_t *tcb)
{
    schedContext_bindTCB(sc, tcb);
    return EXCEPTION_NONE;
}

static exception_t invokeSchedContext_BindNtfn(sched_context_t *sc, notification_t *ntfn)
{
    schedContext_bindNtfn(sc, ntfn);
    return EXCEPTION_NONE;
}

static exception_t invokeSchedContext_UnbindTCB(sched_context_t *sc)
{
    schedContext_unbindTCB(sc);
    return EXCEPTION_NONE;
}

static exception_t invokeSchedContext_UnbindNtfn(sched_context_t *sc)
{
    schedContext_unbindNtfn(sc);
    return EXCEPTION_NONE;
}

static exception_t invokeSchedContext_Unbind(sched_context_t *sc)
{
    schedContext_unbindAllTCBs(sc);
    schedContext_unbindNtfn(sc);
    schedContext_unbindReply(sc);
    return EXCEPTION_NONE;
}

static exception_t decodeBind(sched_context_t *sc)
{
    if (current_extra_caps.excaprefs[0] == NULL) {
        userError("SchedContext Bind: no TCB or notification cap given.");
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    cap_t cap = current_extra_caps.excaprefs[0]->cap;
    switch (cap_get_capType(cap)) {
    case cap_thread_cap: {
        tcb_t *tcb = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
        if (sc->scTcb != NULL) {
            userError("SchedContext Bind: the scheduling context is already bound to thread %p.",
                      (void *)sc->scTcb);
            return syscall_error_simple(seL4_IllegalOperation);
        }
        if (tcb->tcbSchedContext != NULL) {
            userError("SchedContext Bind: the thread already has scheduling context %p.",
                      (void *)tcb->tcbSchedContext);
            return syscall_error_simple(seL4_IllegalOperation);
        }
        if (isBlocked(tcb) && !sc_released(sc)) {
            userError("SchedContext Bind: the thread is blocked and the scheduling context has "
                      "no budget released to run it.");
            return syscall_error_simple(seL4_IllegalOperation);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeSchedContext_BindTCB(sc, tcb);
    }
    case cap_notification_cap: {
        notification_t *ntfn = NTFN_PTR(cap_notification_cap_get_capNtfnPtr(cap));
        if (sc->scNotification != NULL) {
            userError("SchedContext Bind: the scheduling context is already bound to "
                      "notification %p.", (void *)sc->scNotification);
            return syscall_error_simple(seL4_IllegalOperation);
        }
        if (notification_ptr_get_ntfnSchedContext(ntfn)) {
            userError("SchedContext Bind: the notification already has a scheduling context.");
            return syscall_error_simple(seL4_IllegalOperation);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeSchedContext_BindNtfn(sc, ntfn);
    }
    default:
        userError("SchedContext Bind: the cap is of type %lu, not a TCB or notification.",
                  (word_t)cap_get_capType(cap));
        return syscall_error_invalid_cap(1);
    }
}

static exception_t decodeUnbindObject(sched_context_t *sc)
{
    if (current_extra_caps.excaprefs[0] == NULL) {
        userError("SchedContext UnbindObject: no TCB or notification cap given.");
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    cap_t cap = current_extra_caps.excaprefs[0]->cap;
    switch (cap_get_capType(cap)) {
    case cap_thread_cap:
        if (sc->scTcb != TCB_PTR(cap_thread_cap_get_capTCBPtr(cap))) {
            userError("SchedContext UnbindObject: thread %p is not the one bound (%p).",
                      (void *)cap_thread_cap_get_capTCBPtr(cap), (void *)sc->scTcb);
            return syscall_error_simple(seL4_IllegalOperation);
        }
        if (sc->scTcb == ksCurThread) {
            userError("SchedContext UnbindObject: the calling thread cannot unbind itself.");
            return syscall_error_simple(seL4_IllegalOperation);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeSchedContext_UnbindTCB(sc);
    case cap_notification_cap:
        if (sc->scNotification != NTFN_PTR(cap_notification_cap_get_capNtfnPtr(cap))) {
            userError("SchedContext UnbindObject: notification %p is not the one bound (%p).",
                      (void *)cap_notification_cap_get_capNtfnPtr(cap),
                      (void *)sc->scNotification);
            return syscall_error_simple(seL4_IllegalOperation);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeSchedContext_UnbindNtfn(sc);
    default:
        userError("SchedContext UnbindObject: the cap is of type %lu, not a TCB or "
                  "notification.", (word_t)cap_get_capType(cap));
        return syscall_error_invalid_cap(1);
    }
}

/*
 * YieldTo: the SC's thread runs now if it may preempt us; the caller continues after
 * it, and gets the consumed time then (activateThread completes the yield).
 */
static exception_t invokeSchedContext_YieldTo(sched_context_t *sc, bool_t call)
{
    if (sc->scYieldFrom) {
        schedContext_completeYieldTo(sc->scYieldFrom);
    }
    schedContext_resume(sc);
    tcb_t *tcb = sc->scTcb;
    bool_t returnNow = true;
    if (isSchedulable(tcb)) {
        if (tcb->tcbPriority < ksCurThread->tcbPriority) {
            tcbSchedDequeue(tcb);
            tcbSchedEnqueue(tcb);
        } else {
            ksCurThread->tcbYieldTo = sc;
            sc->scYieldFrom = ksCurThread;
            tcbSchedDequeue(tcb);
            tcbSchedEnqueue(ksCurThread);
            tcbSchedEnqueue(tcb);
            rescheduleRequired();
            returnNow = false;
        }
    }
    if (returnNow) {
        setConsumed(sc, ksCurThread, call);
        setThreadState(ksCurThread, ThreadState_Running);
    }
    return EXCEPTION_NONE;
}

static exception_t decodeYieldTo(sched_context_t *sc, bool_t call)
{
    tcb_t *tcb = sc->scTcb;
    if (tcb == NULL) {
        userError("SchedContext YieldTo: no thread is bound to the scheduling context.");
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (tcb == ksCurThread) {
        userError("SchedContext YieldTo: the scheduling context is the caller's own.");
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (tcb->tcbPriority > ksCurThread->tcbMCP) {
        userError("SchedContext YieldTo: the bound thread's priority %lu is above the caller's "
                  "MCP %lu.", (word_t)tcb->tcbPriority, (word_t)ksCurThread->tcbMCP);
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (ksCurThread->tcbYieldTo != NULL) {
        userError("SchedContext YieldTo: the caller is already yielding to %p.",
                  (void *)ksCurThread->tcbYieldTo);
        return syscall_error_simple(seL4_IllegalOperation);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeSchedContext_YieldTo(sc, call);
}

exception_t decodeSchedContextInvocation(word_t label, sched_context_t *sc, bool_t call)
{
    switch (label) {
    case SchedContextConsumed:
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeSchedContext_Consumed(sc, call);
    case SchedContextBind:
        return decodeBind(sc);
    case SchedContextUnbindObject:
        return decodeUnbindObject(sc);
    case SchedContextUnbind:
        if (sc->scTcb == ksCurThread) {
            userError("SchedContext Unbind: the calling thread runs on this scheduling "
                      "context.");
            return syscall_error_simple(seL4_IllegalOperation);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeSchedContext_Unbind(sc);
    case SchedContextYieldTo:
        return decodeYieldTo(sc, call);
    default:
        userError("SchedContext: label %lu is not a SchedContext invocation.", label);
        return syscall_error_simple(seL4_IllegalOperation);
    }
}

#endif /* CONFIG_KERNEL_MCS */
