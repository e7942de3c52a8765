/*
 * Thread control objects: suspend/resume, and the TCB
 * invocations.
 */
#include <object/tcb.h>
#include <object/endpoint.h>
#include <object/mdb.h>
#include <kernel/thread.h>
#ifdef CONFIG_KERNEL_MCS
#include <object/schedcontext.h>
#endif

static bool_t isStopped(const tcb_t *thread)
{
    switch (thread_state_get_tsType(thread->tcbState)) {
    case ThreadState_Inactive:
    case ThreadState_BlockedOnReceive:
    case ThreadState_BlockedOnSend:
    case ThreadState_BlockedOnNotification:
    case ThreadState_BlockedOnReply:
        return true;
    default:
        return false;
    }
}

void suspend(tcb_t *target)
{
    cancelIPC(target);
    if (thread_state_get_tsType(target->tcbState) == ThreadState_Running) {
        /* resuming later continues after the instruction it would have run next */
        setRegister(target, FaultIP, getRegister(target, NextIP));
    }
    setThreadState(target, ThreadState_Inactive);
    tcbSchedDequeue(target);
#ifdef CONFIG_KERNEL_MCS
    tcbReleaseRemove(target);
    schedContext_cancelYieldTo(target);
#endif
}

void restart(tcb_t *target)
{
    if (isStopped(target)) {
        cancelIPC(target);
#ifdef CONFIG_KERNEL_MCS
        setThreadState(target, ThreadState_Restart);
        sched_context_t *sc = target->tcbSchedContext;
        if (sc_sporadic(sc) && sc != ksCurSC) {
            refill_unblock_check(sc);
        }
        schedContext_resume(sc);
        if (isSchedulable(target)) {
            possibleSwitchTo(target);
        }
#else
        setupReplyMaster(target);
        setThreadState(target, ThreadState_Restart);
        tcbSchedEnqueue(target);
        possibleSwitchTo(target);
#endif
    }
}
