/*
 * Definitions of the kernel's global state.
 */
#include <model/statedata.h>

tcb_t *ksCurThread;
tcb_t *ksIdleThread;
tcb_t *ksSchedulerAction;
tcb_queue_t ksReadyQueues[CONFIG_NUM_DOMAINS * CONFIG_NUM_PRIORITIES];
word_t ksReadyQueuesL1Bitmap[CONFIG_NUM_DOMAINS];
word_t ksReadyQueuesL2Bitmap[CONFIG_NUM_DOMAINS][L2_BITMAP_SIZE];
dom_t ksCurDomain;
word_t ksDomainTime;
irq_t ksCurrentIRQ;
#ifdef CONFIG_DEBUG_BUILD
tcb_t *ksDebugTCBs;
#endif
#ifdef CONFIG_KERNEL_MCS
sched_context_t *ksCurSC;
sched_context_t *ksIdleSC;
ticks_t ksConsumed;
ticks_t ksCurTime;
bool_t ksReprogram;
tcb_queue_t ksReleaseQueue;
#endif

/*
 * Work done since the last preemption check. It sits in .boot.bss as the design asks;
 * boot code keeps the page holding .boot.bss out of the memory it recycles.
 */
BOOT_BSS word_t ksWorkUnitsCompleted;

char kernel_stack_alloc[BIT(CONFIG_KERNEL_STACK_BITS)] ALIGN(BIT(CONFIG_KERNEL_STACK_BITS));
