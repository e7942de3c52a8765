/*
 * Run queues and the scheduler (non-MCS, seL4's classic model): one FIFO queue per
 * domain and priority, a two-level bitmap to find the highest non-empty queue in
 * constant time, round robin by time slice within a priority.
 */
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <machine/io.h>
#include <arch/machine.h>
#include <arch/fpu.h>
#include <kernel/domain.h>

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
    word_t l1 = wordBits - 1 - clzl_inline(ksReadyQueuesL1Bitmap[dom]);
    word_t l2 = wordBits - 1 - clzl_inline(ksReadyQueuesL2Bitmap[dom][invert_l1_index(l1)]);
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

void setThreadState(tcb_t *tptr, _thread_state_t ts)
{
    thread_state_ptr_set_tsType(&tptr->tcbState, ts);
    scheduleTCB(tptr);
}

void rescheduleRequired(void)
{
    if (ksSchedulerAction != SchedulerAction_ResumeCurrentThread &&
        ksSchedulerAction != SchedulerAction_ChooseNewThread) {
        tcbSchedEnqueue(ksSchedulerAction);
    }
    ksSchedulerAction = SchedulerAction_ChooseNewThread;
}

/* The current thread stopped being runnable: something else must run. */
void scheduleTCB(tcb_t *tptr)
{
    if (tptr == ksCurThread && ksSchedulerAction == SchedulerAction_ResumeCurrentThread &&
        !isRunnable(tptr)) {
        rescheduleRequired();
    }
}

/* target became runnable: run it now if it should preempt, else queue it. */
void possibleSwitchTo(tcb_t *target)
{
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
    setVMRoot(thread);
    tcbSchedDequeue(thread);
    ksCurThread = thread;
}

void switchToIdleThread(void)
{
    setVMRoot(ksIdleThread);
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

bool_t isHighestPrio(dom_t dom, prio_t prio)
{
    return ksReadyQueuesL1Bitmap[dom] == 0 || prio >= getHighestPrio(dom);
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
void schedule(void)
{
    if (ksSchedulerAction != SchedulerAction_ResumeCurrentThread) {
        bool_t wasRunnable = isRunnable(ksCurThread);
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
}

/* Prepare the current thread to run: a restarted thread resumes at its fault PC. */
void activateThread(void)
{
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

void setMCPriority(tcb_t *tptr, prio_t mcp)
{
    tptr->tcbMCP = mcp;
}

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
}
#endif
