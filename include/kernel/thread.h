/*
 * Thread states, run queues and the scheduler.
 */
#pragma once

#include <object/structures.h>
#include <model/statedata.h>

/* Tick length and slice. MCS builds tick at the root thread's budget until MCS lands. */
#ifdef CONFIG_KERNEL_MCS
#define KERNEL_TICK_MS      CONFIG_BOOT_THREAD_TIME_SLICE
#define TIME_SLICE_TICKS    1
#else
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

void setThreadState(tcb_t *tptr, _thread_state_t ts);
void scheduleTCB(tcb_t *tptr);
void rescheduleRequired(void);
void possibleSwitchTo(tcb_t *target);
void schedule(void);
/* Would a thread of this priority be chosen now (nothing runnable outranks it)? */
bool_t isHighestPrio(dom_t dom, prio_t prio);
void chooseThread(void);
void switchToThread(tcb_t *thread);
void switchToIdleThread(void);
void activateThread(void);
void setPriority(tcb_t *tptr, prio_t prio);
void setMCPriority(tcb_t *tptr, prio_t mcp);
void timerTick(void);
void idle_thread(void);

#ifdef CONFIG_DEBUG_BUILD
void tcbDebugAppend(tcb_t *tcb);
void tcbDebugRemove(tcb_t *tcb);
void debug_check_scheduler(void);
#endif
