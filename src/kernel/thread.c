/*
 * Run queues and the scheduler: one FIFO queue per domain and priority, a two-level
 * bitmap to find the highest non-empty queue in constant time. Classic kernels round-robin
 * by time slice within a priority; MCS kernels charge scheduling-context budgets, keep the
 * release queue and program the one-shot timer (the refill arithmetic is in sporadic.c).
 */
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <machine/io.h>
#include <arch/machine.h>
#include <arch/fpu.h>
#include <benchmark/benchmark_utilisation.h>
#include <kernel/domain.h>
#ifdef CONFIG_KERNEL_MCS
#include <kernel/sporadic.h>
#include <kernel/faulthandler.h>
#include <api/failures.h>
#include <object/schedcontext.h>
#include <object/endpoint.h>
#include <object/notification.h>
#endif

/* --- bitmap ------------------------------------------------------------------------- */

static inline word_t invert_l1_index(word_t l1)
{
    /* L2 words are stored high priority first so the hot word stays near the L1 word. */
    return (L2_BITMAP_SIZE - 1) - l1;
}

static inline void addToBitmap(dom_t dom, prio_t prio)
{
    word_t l1 = prio >> wordRadix;
    ksReadyQueuesL1Bitmap[dom] |= BIT(l1);
    ksReadyQueuesL2Bitmap[dom][invert_l1_index(l1)] |= BIT(prio & MASK(wordRadix));
}

static inline void removeFromBitmap(dom_t dom, prio_t prio)
{
    word_t l1 = prio >> wordRadix;
    word_t *l2 = &ksReadyQueuesL2Bitmap[dom][invert_l1_index(l1)];
    *l2 &= ~BIT(prio & MASK(wordRadix));
    if (*l2 == 0) {
        ksReadyQueuesL1Bitmap[dom] &= ~BIT(l1);
    }
}

static inline prio_t getHighestPrio(dom_t dom)
{
    word_t l1 = wordBits - 1 - clzl(ksReadyQueuesL1Bitmap[dom]);
    word_t l2 = wordBits - 1 - clzl(ksReadyQueuesL2Bitmap[dom][invert_l1_index(l1)]);
    return (l1 << wordRadix) | l2;
}

/* --- run queues --------------------------------------------------------------------- */

static inline bool_t isQueued(const tcb_t *tcb)
{
    return thread_state_ptr_get_tcbQueued((thread_state_t *)&tcb->tcbState);
}

#ifdef CONFIG_DEBUG_BUILD
/*
 * The cheap check after each change of a ready queue: its ends and its bitmap bit agree.
 * The whole-queue scan (debug_check_scheduler) belongs to the invariant checker.
 */
static void debug_check_ready_queue(dom_t dom, prio_t prio)
{
    const tcb_queue_t *q = &ksReadyQueues[ready_queues_index(dom, prio)];
    word_t l1 = prio >> wordRadix;
    bool_t bit = !!(ksReadyQueuesL2Bitmap[dom][invert_l1_index(l1)] & BIT(prio & MASK(wordRadix)));
    if (bit != (q->head != NULL) || (q->head == NULL) != (q->end == NULL) ||
        (q->head && (q->head->tcbSchedPrev || q->end->tcbSchedNext)) ||
        !!(ksReadyQueuesL1Bitmap[dom] & BIT(l1)) !=
        (ksReadyQueuesL2Bitmap[dom][invert_l1_index(l1)] != 0)) {
        printf("scheduler: ready queue dom %lu prio %lu: head %p end %p bit %d\n", dom, prio,
               (void *)q->head, (void *)q->end, (int)bit);
        fail("ready queue and bitmap disagree");
    }
}
#define CHECK_READY_QUEUE(t) debug_check_ready_queue((t)->tcbDomain, (t)->tcbPriority)
#else
#define CHECK_READY_QUEUE(t) ((void)0)
#endif

void tcbSchedEnqueue(tcb_t *tcb)
{
    if (isQueued(tcb)) {
        return;
    }
    word_t idx = ready_queues_index(tcb->tcbDomain, tcb->tcbPriority);
    tcb_queue_t *q = &ksReadyQueues[idx];
    if (!q->head) {
        q->end = tcb;
        addToBitmap(tcb->tcbDomain, tcb->tcbPriority);
    } else {
        q->head->tcbSchedPrev = tcb;
    }
    tcb->tcbSchedPrev = NULL;
    tcb->tcbSchedNext = q->head;
    q->head = tcb;
    thread_state_ptr_set_tcbQueued(&tcb->tcbState, true);
    CHECK_READY_QUEUE(tcb);
}

void tcbSchedAppend(tcb_t *tcb)
{
    if (isQueued(tcb)) {
        return;
    }
    word_t idx = ready_queues_index(tcb->tcbDomain, tcb->tcbPriority);
    tcb_queue_t *q = &ksReadyQueues[idx];
    if (!q->head) {
        q->head = tcb;
        addToBitmap(tcb->tcbDomain, tcb->tcbPriority);
    } else {
        q->end->tcbSchedNext = tcb;
    }
    tcb->tcbSchedPrev = q->end;
    tcb->tcbSchedNext = NULL;
    q->end = tcb;
    thread_state_ptr_set_tcbQueued(&tcb->tcbState, true);
    CHECK_READY_QUEUE(tcb);
}

void tcbSchedDequeue(tcb_t *tcb)
{
    if (!isQueued(tcb)) {
        return;
    }
    word_t idx = ready_queues_index(tcb->tcbDomain, tcb->tcbPriority);
    tcb_queue_t *q = &ksReadyQueues[idx];
    if (tcb->tcbSchedPrev) {
        tcb->tcbSchedPrev->tcbSchedNext = tcb->tcbSchedNext;
    } else {
        q->head = tcb->tcbSchedNext;
    }
    if (tcb->tcbSchedNext) {
        tcb->tcbSchedNext->tcbSchedPrev = tcb->tcbSchedPrev;
    } else {
        q->end = tcb->tcbSchedPrev;
    }
    if (!q->head) {
        removeFromBitmap(tcb->tcbDomain, tcb->tcbPriority);
    }
    tcb->tcbSchedNext = tcb->tcbSchedPrev = NULL;
    thread_state_ptr_set_tcbQueued(&tcb->tcbState, false);
    CHECK_READY_QUEUE(tcb);
}

/* --- state changes ------------------------------------------------------------------ */

void rescheduleRequired(void)
{
    if (ksSchedulerAction != SchedulerAction_ResumeCurrentThread &&
        ksSchedulerAction != SchedulerAction_ChooseNewThread
#ifdef CONFIG_KERNEL_MCS
        && isSchedulable(ksSchedulerAction)
#endif
       ) {
        tcbSchedEnqueue(ksSchedulerAction);
    }
    ksSchedulerAction = SchedulerAction_ChooseNewThread;
}

/* target became runnable: run it now if it should preempt, else queue it. */
void possibleSwitchTo(tcb_t *target)
{
#ifdef CONFIG_KERNEL_MCS
    /* without a scheduling context, or waiting for a refill, it cannot run yet */
    if (target->tcbSchedContext == NULL ||
        thread_state_get_tcbInReleaseQueue(target->tcbState)) {
        return;
    }
#endif
    if (ksCurDomain != target->tcbDomain) {
        tcbSchedEnqueue(target);
    } else if (ksSchedulerAction != SchedulerAction_ResumeCurrentThread) {
        rescheduleRequired();
        tcbSchedEnqueue(target);
    } else {
        ksSchedulerAction = target;
    }
}

/* --- choosing and switching --------------------------------------------------------- */

void switchToThread(tcb_t *thread)
{
#ifdef CONFIG_KERNEL_MCS
    assert(thread->tcbSchedContext && refill_ready(thread->tcbSchedContext) &&
           refill_sufficient(thread->tcbSchedContext, 0));
#endif
    setVMRoot(thread);
    tcbSchedDequeue(thread);
    benchmark_utilisation_switch(ksCurThread, thread);
    ksCurThread = thread;
}

void switchToIdleThread(void)
{
    setVMRoot(ksIdleThread);
    benchmark_utilisation_switch(ksCurThread, ksIdleThread);
    ksCurThread = ksIdleThread;
}

void chooseThread(void)
{
    dom_t dom = ksCurDomain;
    if (likely(ksReadyQueuesL1Bitmap[dom])) {
        prio_t prio = getHighestPrio(dom);
        tcb_t *thread = ksReadyQueues[ready_queues_index(dom, prio)].head;
        assert(thread && isRunnable(thread));
        switchToThread(thread);
    } else {
        switchToIdleThread();
    }
}

static void scheduleChooseNewThread(void)
{
    /* with one domain the time only runs out when DomainSet_ScheduleSetStart ends it */
    if (ksDomainTime == 0) {
        nextDomain();
    }
    chooseThread();
}

/*
 * Act on ksSchedulerAction. A thread woken while the current one runs (the candidate)
 * takes over only if it outranks everything runnable; at equal priority the current
 * thread keeps the CPU and the candidate waits its turn at the back of the queue.
 */
#ifdef CONFIG_KERNEL_MCS
/* The thread chosen runs on its own SC from now: charge the previous one first. */
static void switchSchedContext(void)
{
    sched_context_t *sc = ksCurThread->tcbSchedContext;
    if (unlikely(ksCurSC != sc)) {
        ksReprogram = true;
        if (sc_constant_bandwidth(sc)) {
            refill_unblock_check(sc);
        }
        assert(refill_ready(sc) && refill_sufficient(sc, 0));
    }
    if (ksReprogram) {
        /* the new time has been acted on: what was used cannot be rolled back */
        commitTime();
    }
    ksCurSC = sc;
}
#endif

void schedule(void)
{
#ifdef CONFIG_KERNEL_MCS
    awaken();
    if (unlikely(isCurDomainExpired())) {
        ksReprogram = true;
        rescheduleRequired();
    }
#endif
    if (ksSchedulerAction != SchedulerAction_ResumeCurrentThread) {
        bool_t wasRunnable = isSchedulable(ksCurThread);
        if (wasRunnable) {
            tcbSchedEnqueue(ksCurThread);
        }
        if (ksSchedulerAction == SchedulerAction_ChooseNewThread) {
            scheduleChooseNewThread();
        } else {
            tcb_t *candidate = ksSchedulerAction;
            bool_t fastfail = ksCurThread == ksIdleThread ||
                              candidate->tcbPriority < ksCurThread->tcbPriority;
            if (fastfail && !isHighestPrio(ksCurDomain, candidate->tcbPriority)) {
                tcbSchedEnqueue(candidate);
                ksSchedulerAction = SchedulerAction_ChooseNewThread;
                scheduleChooseNewThread();
            } else if (wasRunnable && candidate->tcbPriority == ksCurThread->tcbPriority) {
                tcbSchedAppend(candidate);
                ksSchedulerAction = SchedulerAction_ChooseNewThread;
                scheduleChooseNewThread();
            } else {
                switchToThread(candidate);
            }
        }
    }
    ksSchedulerAction = SchedulerAction_ResumeCurrentThread;
#ifdef CONFIG_KERNEL_MCS
    switchSchedContext();
    if (ksReprogram) {
        setNextInterrupt();
        ksReprogram = false;
    }
#endif
}

/* Prepare the current thread to run: a restarted thread resumes at its fault PC. */
void activateThread(void)
{
#ifdef CONFIG_KERNEL_MCS
    if (unlikely(ksCurThread->tcbYieldTo)) {
        schedContext_completeYieldTo(ksCurThread);
    }
#endif
    switch (thread_state_get_tsType(ksCurThread->tcbState)) {
    case ThreadState_Running:
    case ThreadState_IdleThreadState:
        break;
    case ThreadState_Restart:
        setRegister(ksCurThread, NextIP, getRegister(ksCurThread, FaultIP));
        setThreadState(ksCurThread, ThreadState_Running);
        break;
    default:
        fail("activateThread: current thread is blocked");
    }
    lazyFPURestore(ksCurThread);
}

#ifdef CONFIG_KERNEL_MCS
/* MCS endpoint and notification queues are in priority order: requeue on a change. */
void setPriority(tcb_t *tptr, prio_t prio)
{
    switch (thread_state_get_tsType(tptr->tcbState)) {
    case ThreadState_Running:
    case ThreadState_Restart:
        if (thread_state_get_tcbQueued(tptr->tcbState) || tptr == ksCurThread) {
            tcbSchedDequeue(tptr);
            tptr->tcbPriority = prio;
            if (isSchedulable(tptr)) {
                tcbSchedEnqueue(tptr);
            }
            rescheduleRequired();
        } else {
            tptr->tcbPriority = prio;
        }
        break;
    case ThreadState_BlockedOnReceive:
    case ThreadState_BlockedOnSend:
        tptr->tcbPriority = prio;
        reorderEP(EP_PTR(thread_state_get_blockingObject(tptr->tcbState)), tptr);
        break;
    case ThreadState_BlockedOnNotification:
        tptr->tcbPriority = prio;
        reorderNTFN(NTFN_PTR(thread_state_get_blockingObject(tptr->tcbState)), tptr);
        break;
    default:
        tptr->tcbPriority = prio;
        break;
    }
}
#else
void setPriority(tcb_t *tptr, prio_t prio)
{
    tcbSchedDequeue(tptr);
    tptr->tcbPriority = prio;
    if (isRunnable(tptr)) {
        if (tptr == ksCurThread) {
            rescheduleRequired();
        } else {
            possibleSwitchTo(tptr);
        }
    }
}
#endif

void setMCPriority(tcb_t *tptr, prio_t mcp)
{
    tptr->tcbMCP = mcp;
}

#ifdef CONFIG_KERNEL_MCS
/* --- budgets and the release queue (MCS) ------------------------------------------- */

static inline ticks_t tcbReadyTime(tcb_t *tcb)
{
    return refill_head(tcb->tcbSchedContext)->rTime;
}

void tcbReleaseRemove(tcb_t *tcb)
{
    if (!thread_state_get_tcbInReleaseQueue(tcb->tcbState)) {
        return;
    }
    if (ksReleaseQueue.head == tcb) {
        ksReprogram = true;
    }
    if (tcb->tcbSchedPrev) {
        tcb->tcbSchedPrev->tcbSchedNext = tcb->tcbSchedNext;
    } else {
        ksReleaseQueue.head = tcb->tcbSchedNext;
    }
    if (tcb->tcbSchedNext) {
        tcb->tcbSchedNext->tcbSchedPrev = tcb->tcbSchedPrev;
    } else {
        ksReleaseQueue.end = tcb->tcbSchedPrev;
    }
    tcb->tcbSchedNext = tcb->tcbSchedPrev = NULL;
    thread_state_ptr_set_tcbInReleaseQueue(&tcb->tcbState, false);
}

/* Sorted by release time; equal times keep their arrival order. */
void tcbReleaseEnqueue(tcb_t *tcb)
{
    assert(!thread_state_get_tcbInReleaseQueue(tcb->tcbState));
    assert(!thread_state_get_tcbQueued(tcb->tcbState));
    ticks_t time = tcbReadyTime(tcb);
    tcb_t *after = NULL;                 /* the thread it goes behind */
    tcb_t *before = ksReleaseQueue.head; /* the thread it goes in front of */
    if (ksReleaseQueue.end && tcbReadyTime(ksReleaseQueue.end) <= time) {
        after = ksReleaseQueue.end;
        before = NULL;
    } else {
        while (before && tcbReadyTime(before) <= time) {
            after = before;
            before = before->tcbSchedNext;
        }
    }
    tcb->tcbSchedPrev = after;
    tcb->tcbSchedNext = before;
    if (after) {
        after->tcbSchedNext = tcb;
    } else {
        ksReleaseQueue.head = tcb;
        ksReprogram = true;
    }
    if (before) {
        before->tcbSchedPrev = tcb;
    } else {
        ksReleaseQueue.end = tcb;
    }
    thread_state_ptr_set_tcbInReleaseQueue(&tcb->tcbState, true);
#ifdef CONFIG_DEBUG_BUILD
    /* local check (the whole queue is the invariant checker's): sorted around it */
    if ((after && tcbReadyTime(after) > time) || (before && tcbReadyTime(before) < time) ||
        (after ? after->tcbSchedNext : ksReleaseQueue.head) != tcb) {
        printf("release queue: thread %p inserted out of order\n", (void *)tcb);
        fail("release queue not sorted by release time");
    }
#endif
}

void postpone(sched_context_t *sc)
{
    tcb_t *tcb = sc->scTcb;
    assert(tcb);
    tcbSchedDequeue(tcb);
    tcbReleaseEnqueue(tcb);
    ksReprogram = true;
}

void awaken(void)
{
    while (unlikely(ksReleaseQueue.head && refill_ready(ksReleaseQueue.head->tcbSchedContext))) {
        tcb_t *awakened = ksReleaseQueue.head;
        assert(awakened != ksCurThread);
        tcbReleaseRemove(awakened);
        assert(!isRoundRobin(awakened->tcbSchedContext));
        assert(refill_sufficient(awakened->tcbSchedContext, 0));
        possibleSwitchTo(awakened);
    }
}

void setNextInterrupt(void)
{
    ticks_t next = ksCurTime + refill_head(ksCurThread->tcbSchedContext)->rAmount;
    if (CONFIG_NUM_DOMAINS > 1) {
        next = MIN(next, ksCurTime + ksDomainTime);
    }
    if (ksReleaseQueue.head) {
        next = MIN(next, tcbReadyTime(ksReleaseQueue.head));
    }
    /* a deadline already past fires as soon as we return to user space */
    setDeadline(next - getTimerPrecision());
}

void chargeBudget(ticks_t consumed, bool_t canTimeoutFault)
{
    sched_context_t *sc = ksCurSC;
    if (likely(sc != ksIdleSC)) {
        if (isRoundRobin(sc)) {
            /* the whole slice is used: it all comes back at once */
            refill_head(sc)->rAmount += refill_tail(sc)->rAmount;
            refill_tail(sc)->rAmount = 0;
        } else {
            refill_budget_check(consumed);
        }
        assert(refill_head(sc)->rAmount >= MIN_BUDGET);
        sc->scConsumed += consumed;
    }
    ksConsumed = 0;
    if (likely(isSchedulable(ksCurThread))) {
        assert(ksCurThread->tcbSchedContext == ksCurSC);
        endTimeslice(canTimeoutFault);
        rescheduleRequired();
        ksReprogram = true;
    }
}

/*
 * The current thread's budget ran out: a timeout fault if it has a handler (and is
 * not round robin); else to the back of its queue if budget is ready again, or to
 * the release queue until it is.
 */
void endTimeslice(bool_t canTimeoutFault)
{
    sched_context_t *sc = ksCurSC;
    if (canTimeoutFault && !isRoundRobin(sc) && validTimeoutHandler(ksCurThread)) {
        current_fault = seL4_Fault_Timeout_new(sc->scBadge);
        handleTimeout(ksCurThread);
    } else if (refill_ready(sc) && refill_sufficient(sc, 0)) {
        tcbSchedAppend(ksCurThread);
    } else {
        postpone(sc);
    }
}
#else
/* Non-MCS round robin: one tick used; at the end of a slice go to the back of the queue. */
void timerTick(void)
{
    if (thread_state_get_tsType(ksCurThread->tcbState) == ThreadState_Running) {
        if (ksCurThread->tcbTimeSlice > 1) {
            ksCurThread->tcbTimeSlice--;
        } else {
            ksCurThread->tcbTimeSlice = TIME_SLICE_TICKS;
            tcbSchedAppend(ksCurThread);
            rescheduleRequired();
        }
    }
    if (CONFIG_NUM_DOMAINS > 1 && ksDomainTime > 0) {
        ksDomainTime--;
        if (ksDomainTime == 0) {
            rescheduleRequired();
        }
    }
}
#endif

/* --- debug invariants --------------------------------------------------------------- */

#ifdef CONFIG_DEBUG_BUILD
void tcbDebugAppend(tcb_t *tcb)
{
    tcb->tcbDebugPrev = NULL;
    tcb->tcbDebugNext = ksDebugTCBs;
    if (ksDebugTCBs) {
        ksDebugTCBs->tcbDebugPrev = tcb;
    }
    ksDebugTCBs = tcb;
}

void tcbDebugRemove(tcb_t *tcb)
{
    if (tcb->tcbDebugPrev) {
        tcb->tcbDebugPrev->tcbDebugNext = tcb->tcbDebugNext;
    } else {
        ksDebugTCBs = tcb->tcbDebugNext;
    }
    if (tcb->tcbDebugNext) {
        tcb->tcbDebugNext->tcbDebugPrev = tcb->tcbDebugPrev;
    }
}

/*
 * The ready bitmap matches the queues, every queued thread is runnable, in the queue
 * its domain and priority name, and marked queued; no thread is in two queues.
 */
void debug_check_scheduler(void)
{
    word_t queued = 0;
    for (dom_t d = 0; d < CONFIG_NUM_DOMAINS; d++) {
        for (prio_t p = 0; p < CONFIG_NUM_PRIORITIES; p++) {
            tcb_queue_t *q = &ksReadyQueues[ready_queues_index(d, p)];
            word_t l1 = p >> wordRadix;
            bool_t bit = !!(ksReadyQueuesL2Bitmap[d][invert_l1_index(l1)] &
                            BIT(p & MASK(wordRadix)));
            if (bit != (q->head != NULL)) {
                printf("scheduler: bitmap bit %d for dom %lu prio %lu disagrees with queue\n",
                       (int)bit, d, p);
                fail("ready bitmap does not match the queues");
            }
            if (!!(ksReadyQueuesL1Bitmap[d] & BIT(l1)) !=
                (ksReadyQueuesL2Bitmap[d][invert_l1_index(l1)] != 0)) {
                fail("ready bitmap level 1 does not match level 2");
            }
            tcb_t *prev = NULL;
            for (tcb_t *t = q->head; t; prev = t, t = t->tcbSchedNext) {
                if (t->tcbSchedPrev != prev || t->tcbDomain != d || t->tcbPriority != p ||
                    !isQueued(t) || !isRunnable(t)) {
                    printf("scheduler: thread %p badly queued at dom %lu prio %lu\n",
                           (void *)t, d, p);
                    fail("run queue invariant broken");
                }
                queued++;
            }
            if (q->end != prev) {
                fail("run queue end pointer is wrong");
            }
        }
    }
    word_t marked = 0;
    for (tcb_t *t = ksDebugTCBs; t; t = t->tcbDebugNext) {
        marked += isQueued(t);
    }
    if (marked != queued) {
        printf("scheduler: %lu threads marked queued, %lu in queues\n", marked, queued);
        fail("a thread is in more than one queue, or marked but not queued");
    }
#ifdef CONFIG_KERNEL_MCS
    /* the release queue: sorted by release time, its threads in no ready queue */
    word_t released = 0;
    tcb_t *prev = NULL;
    for (tcb_t *t = ksReleaseQueue.head; t; prev = t, t = t->tcbSchedNext) {
        if (t->tcbSchedPrev != prev || !t->tcbSchedContext || isQueued(t) ||
            !thread_state_get_tcbInReleaseQueue(t->tcbState)) {
            printf("scheduler: thread %p badly placed in the release queue\n", (void *)t);
            fail("release queue invariant broken");
        }
        if (prev && tcbReadyTime(prev) > tcbReadyTime(t)) {
            fail("release queue not sorted by release time");
        }
        refill_check_wellformed(t->tcbSchedContext, "release queue");
        released++;
    }
    if (ksReleaseQueue.end != prev) {
        fail("release queue end pointer is wrong");
    }
    word_t markedReleased = 0;
    for (tcb_t *t = ksDebugTCBs; t; t = t->tcbDebugNext) {
        markedReleased += thread_state_get_tcbInReleaseQueue(t->tcbState);
        if (t->tcbSchedContext && t->tcbSchedContext->scTcb != t) {
            printf("scheduler: thread %p and its scheduling context disagree\n", (void *)t);
            fail("thread / scheduling context link broken");
        }
    }
    if (markedReleased != released) {
        fail("a thread is marked in the release queue but not in it");
    }
    if (ksCurThread != ksIdleThread && ksCurThread->tcbSchedContext) {
        refill_check_wellformed(ksCurThread->tcbSchedContext, "current thread");
    }
#endif
}
#endif
