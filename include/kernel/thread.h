/*
 * Thread states, run queues and the scheduler.
 */
#pragma once

#include <object/structures.h>
#include <model/statedata.h>
#include <kernel/sporadic.h>

#ifndef CONFIG_KERNEL_MCS
/* The classic scheduler's periodic tick and round-robin slice. */
#define KERNEL_TICK_MS      CONFIG_TIMER_TICK_MS
#define TIME_SLICE_TICKS    CONFIG_TIME_SLICE
#endif

static inline bool_t isRunnable(const tcb_t *thread)
{
    switch (thread_state_ptr_get_tsType((thread_state_t *)&thread->tcbState)) {
    case ThreadState_Running:
    case ThreadState_Restart:
        return true;
    default:
        return false;
    }
}

static inline bool_t isBlocked(const tcb_t *thread)
{
    switch (thread_state_ptr_get_tsType((thread_state_t *)&thread->tcbState)) {
    case ThreadState_BlockedOnReceive:
    case ThreadState_BlockedOnSend:
    case ThreadState_BlockedOnNotification:
    case ThreadState_BlockedOnReply:
        return true;
    default:
        return false;
    }
}

#ifdef CONFIG_KERNEL_MCS
/* Runnable, with a configured scheduling context, and not waiting for a refill. */
static inline bool_t isSchedulable(const tcb_t *thread)
{
    return isRunnable(thread) && thread->tcbSchedContext != NULL &&
           sc_active(thread->tcbSchedContext) &&
           !thread_state_ptr_get_tcbInReleaseQueue((thread_state_t *)&thread->tcbState);
}
#else
#define isSchedulable isRunnable
#endif

static inline word_t getRegister(const tcb_t *t, register_t r)
{
    return t->tcbArch.tcbContext.registers[r];
}

static inline void setRegister(tcb_t *t, register_t r, word_t v)
{
    t->tcbArch.tcbContext.registers[r] = v;
}

static inline word_t ready_queues_index(dom_t dom, prio_t prio)
{
    return dom * CONFIG_NUM_PRIORITIES + prio;
}

void tcbSchedEnqueue(tcb_t *tcb);
void tcbSchedAppend(tcb_t *tcb);
void tcbSchedDequeue(tcb_t *tcb);

void rescheduleRequired(void);

/* The current thread stopped being runnable: something else must run. */
static inline void scheduleTCB(tcb_t *tptr)
{
    if (tptr == ksCurThread && ksSchedulerAction == SchedulerAction_ResumeCurrentThread &&
        !isSchedulable(tptr)) {
        rescheduleRequired();
    }
}

/* Inline: every invocation sets its caller's state twice (Restart, then Running). */
static inline void setThreadState(tcb_t *tptr, _thread_state_t ts)
{
    thread_state_ptr_set_tsType(&tptr->tcbState, ts);
    scheduleTCB(tptr);
}
void possibleSwitchTo(tcb_t *target);
void schedule(void);
/*
 * Would a thread of this priority be chosen now (nothing runnable outranks it)? Inline
 * and without counting leading zeros, for the fastpath: nothing outranks prio iff no
 * bit above it is set, neither in the L1 word (a higher L2 word in use) nor in prio's
 * own L2 word (stored at the inverted index, as thread.c keeps them). With the ready
 * queues empty, as they mostly are on the fastpath, that is the one L1 load.
 */
static inline FORCE_INLINE bool_t isHighestPrio(dom_t dom, prio_t prio)
{
    word_t l1 = ksReadyQueuesL1Bitmap[dom];
    if (likely(l1 == 0)) {
        return true;
    }
    word_t index = prio >> wordRadix;
    if ((l1 >> index) >> 1) {
        return false;
    }
    word_t l2 = ksReadyQueuesL2Bitmap[dom][(L2_BITMAP_SIZE - 1) - index];
    return ((l2 >> (prio & MASK(wordRadix))) >> 1) == 0;
}
void chooseThread(void);
void switchToThread(tcb_t *thread);
void switchToIdleThread(void);
void activateThread(void);
void setPriority(tcb_t *tptr, prio_t prio);
void setMCPriority(tcb_t *tptr, prio_t mcp);
#ifdef CONFIG_KERNEL_MCS
void tcbReleaseEnqueue(tcb_t *tcb);
void tcbReleaseRemove(tcb_t *tcb);
/* sc's thread waits in the release queue for its next refill */
void postpone(sched_context_t *sc);
/* program the timer for the current budget's end or the next release */
void setNextInterrupt(void);
/* the current SC's head refill is used up (consumed ticks): charge and rotate */
void chargeBudget(ticks_t consumed, bool_t canTimeoutFault);
void endTimeslice(bool_t canTimeoutFault);
/* move released threads from the release queue to the ready queues */
void awaken(void);

/* Charge the time used since the last commit to the current SC. */
static inline void commitTime(void)
{
    sched_context_t *sc = ksCurSC;
    if (likely(sc_active(sc) && sc != ksIdleSC)) {
        if (likely(ksConsumed > 0)) {
            assert(refill_sufficient(sc, ksConsumed));
            assert(refill_ready(sc));
            if (isRoundRobin(sc)) {
                refill_head(sc)->rAmount -= ksConsumed;
                refill_tail(sc)->rAmount += ksConsumed;
            } else {
                refill_budget_check(ksConsumed);
            }
        }
        sc->scConsumed += ksConsumed;
    }
    ksConsumed = 0;
}

/* Read the clock at kernel entry; the time since the last read is consumed. */
static inline void updateTimestamp(void)
{
    ticks_t prev = ksCurTime;
    ksCurTime = getCurrentTime();
    ticks_t consumed = ksCurTime - prev;
    ksConsumed += consumed;
    if (CONFIG_NUM_DOMAINS > 1) {
        if (consumed + MIN_BUDGET >= ksDomainTime) {
            ksDomainTime = 0;
        } else {
            ksDomainTime -= consumed;
        }
    }
}

static inline bool_t isCurDomainExpired(void)
{
    return CONFIG_NUM_DOMAINS > 1 && ksDomainTime == 0;
}

/*
 * Has the current thread enough budget (and its domain time) left to get through this
 * kernel entry? If not, its budget is charged and the thread rotated or postponed.
 */
static inline bool_t checkBudget(void)
{
    if (likely(refill_sufficient(ksCurSC, ksConsumed))) {
        return !isCurDomainExpired();
    }
    chargeBudget(ksConsumed, true);
    return false;
}

/* checkBudget, and a thread stopped by it re-executes its syscall later. */
static inline bool_t checkBudgetRestart(void)
{
    bool_t ok = checkBudget();
    if (!ok && isRunnable(ksCurThread)) {
        setThreadState(ksCurThread, ThreadState_Restart);
    }
    return ok;
}

static inline void setThreadStateBlockedOnReply(tcb_t *tptr, reply_t *reply)
{
    thread_state_ptr_set_tsType(&tptr->tcbState, ThreadState_BlockedOnReply);
    thread_state_ptr_set_replyObject(&tptr->tcbState, REPLY_REF(reply));
    scheduleTCB(tptr);
}
#else
void timerTick(void);
#endif
void idle_thread(void);

#ifdef CONFIG_DEBUG_BUILD
void tcbDebugAppend(tcb_t *tcb);
void tcbDebugRemove(tcb_t *tcb);
void debug_check_scheduler(void);
#endif
