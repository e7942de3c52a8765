/*
 * The kernel's global state (seL4's ks* variables).
 */
#pragma once

#include <config.h>
#include <object/structures.h>

#define L2_BITMAP_BITS      wordBits
#define L2_BITMAP_SIZE      ((CONFIG_NUM_PRIORITIES + wordBits - 1) / wordBits)

typedef struct tcb_queue {
    tcb_t *head;
    tcb_t *end;
} tcb_queue_t;

/* What the scheduler must do before returning to user space. */
#define SchedulerAction_ResumeCurrentThread ((tcb_t *)0)
#define SchedulerAction_ChooseNewThread     ((tcb_t *)1)

extern tcb_t *ksCurThread;
extern tcb_t *ksIdleThread;
extern tcb_t *ksSchedulerAction;
extern tcb_queue_t ksReadyQueues[CONFIG_NUM_DOMAINS * CONFIG_NUM_PRIORITIES];
extern word_t ksReadyQueuesL1Bitmap[CONFIG_NUM_DOMAINS];
extern word_t ksReadyQueuesL2Bitmap[CONFIG_NUM_DOMAINS][L2_BITMAP_SIZE];
extern dom_t ksCurDomain;
extern word_t ksDomainTime;
extern word_t ksWorkUnitsCompleted;
extern irq_t ksCurrentIRQ;
#ifdef CONFIG_DEBUG_BUILD
extern tcb_t *ksDebugTCBs;
#endif
#ifdef CONFIG_KERNEL_MCS
extern sched_context_t *ksCurSC;        /* the SC being charged for the current thread */
extern sched_context_t *ksIdleSC;
extern ticks_t ksConsumed;              /* ticks used since the last commitTime */
extern ticks_t ksCurTime;               /* the time at this kernel entry */
extern bool_t ksReprogram;              /* the timer must be set again before leaving */
extern tcb_queue_t ksReleaseQueue;      /* threads waiting for a refill, by release time */
#endif

/* The kernel stack: one, shared by every entry. */
extern char kernel_stack_alloc[BIT(CONFIG_KERNEL_STACK_BITS)];
