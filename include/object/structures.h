/*
 * Kernel objects. The bit layouts of caps, MDB nodes, thread states, endpoints,
 * notifications, faults and PTEs are generated from include/object/structures.bf;
 * this file adds the plain C structures built from them.
 */
#pragma once

#include <config.h>
#include <assert.h>
#include <api/abi.h>

/* Generated setters check that values fit their fields in debug builds. */
#define BF_ASSERT(x) assert(x)
#include <object/structures_gen.h>
#include <arch/object/structures.h>
#include <arch/hardware.h>
#include <arch/timer.h>

/* A CNode slot: a capability and its place in the derivation tree. */
typedef struct cte {
    cap_t cap;
    mdb_node_t cteMDBNode;
} cte_t;
compile_assert(cte_size, sizeof(cte_t) == BIT(seL4_SlotBits));

#define CTE_PTR(p)  ((cte_t *)(p))

enum _thread_state {
    ThreadState_Inactive = 0,
    ThreadState_Running,
    ThreadState_Restart,
    ThreadState_BlockedOnReceive,
    ThreadState_BlockedOnSend,
    ThreadState_BlockedOnReply,
    ThreadState_BlockedOnNotification,
    ThreadState_IdleThreadState,
};
typedef word_t _thread_state_t;

enum _endpoint_state {
    EPState_Idle = 0,
    EPState_Send = 1,
    EPState_Recv = 2,
};

enum _notification_state {
    NtfnState_Idle = 0,
    NtfnState_Waiting = 1,
    NtfnState_Active = 2,
};

/* Slots kept inside every TCB object, before the tcb_t itself. */
enum tcb_cnode_index {
    tcbCTable = 0,
    tcbVTable = 1,
#ifdef CONFIG_KERNEL_MCS
    tcbBuffer = 2,
    tcbFaultHandler = 3,
    tcbTimeoutHandler = 4,
#else
    tcbReply = 2,
    tcbCaller = 3,
    tcbBuffer = 4,
#endif
    tcbCNodeEntries,
};

/* The TCB object is 2^seL4_TCBBits bytes: slots in the first half, tcb_t in the second. */
#define TCB_SIZE_BITS       seL4_TCBBits
#define TCB_OFFSET          BIT(TCB_SIZE_BITS - 1)
#define TCB_PTR(p)          ((tcb_t *)(p))
#define TCB_CTE_PTR(t, i)   (((cte_t *)((word_t)(t) & ~MASK(TCB_SIZE_BITS))) + (i))
#define TCB_REF(t)          ((word_t)(t))

typedef struct tcb tcb_t;
#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
/* A thread's KernelBenchmarks=track_utilisation counters (cycles and counts). */
typedef struct tcb_benchmark {
    uint64_t utilisation;           /* cycles it was scheduled, kernel time included */
    uint64_t number_schedules;
    uint64_t kernel_utilisation;    /* cycles in kernel entries it made */
    uint64_t number_kernel_entries;
    uint64_t schedule_start_time;
} tcb_benchmark_t;
#endif
#ifdef CONFIG_KERNEL_MCS
typedef struct sched_context sched_context_t;
typedef struct reply reply_t;
#endif
struct tcb {
    arch_tcb_t tcbArch;             /* first: trap.S saves registers at the TCB pointer */
    thread_state_t tcbState;
    notification_t *tcbBoundNotification;
    seL4_Fault_t tcbFault;
    lookup_fault_t tcbLookupFailure;
    dom_t tcbDomain;
    prio_t tcbMCP;
    prio_t tcbPriority;
#ifdef CONFIG_KERNEL_MCS
    sched_context_t *tcbSchedContext;   /* the SC it runs on; NULL: it cannot run */
    sched_context_t *tcbYieldTo;        /* the SC it yielded to (SchedContext_YieldTo) */
#else
    word_t tcbTimeSlice;            /* ticks left of its slice */
    cptr_t tcbFaultHandler;
#endif
    word_t tcbIPCBuffer;
    word_t tcbFlags;
#ifdef CONFIG_HAVE_FPU
    bool_t tcbFpuLazyOff;           /* FS is Off only until it first uses the FPU */
#endif
    /* run-queue and endpoint-queue links */
    tcb_t *tcbSchedNext;
    tcb_t *tcbSchedPrev;
    tcb_t *tcbEPNext;
    tcb_t *tcbEPPrev;
#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
    tcb_benchmark_t tcbBenchmark;
#endif
#ifdef CONFIG_DEBUG_BUILD
    tcb_t *tcbDebugNext;            /* list of all live TCBs, for DumpScheduler */
    tcb_t *tcbDebugPrev;
    char tcbName[];                 /* the rest of the object */
#endif
};

#define TCB_NAME_LENGTH     (BIT(TCB_SIZE_BITS - 1) - offsetof(struct tcb, tcbName))
compile_assert(tcb_fits, sizeof(struct tcb) + 16 <= BIT(TCB_SIZE_BITS - 1));
compile_assert(tcb_slots_fit, tcbCNodeEntries * sizeof(cte_t) <= BIT(TCB_SIZE_BITS - 1));

#ifdef CONFIG_KERNEL_MCS
/* One replenishment of a scheduling context: rAmount ticks usable from rTime on. */
typedef struct refill {
    ticks_t rTime;
    ticks_t rAmount;
} refill_t;

#define MIN_REFILLS 2u

/*
 * A scheduling context. Its refills follow it in the same object, a circular buffer
 * of scRefillMax entries from scRefillHead to scRefillTail. scRefillMax = 0 means it
 * has never been configured (or was deleted): it cannot run anything.
 */
struct sched_context {
    ticks_t scPeriod;               /* 0: round robin (budget = period) */
    ticks_t scConsumed;             /* ticks used since SchedContext_Consumed last read it */
    word_t scCore;
    tcb_t *scTcb;                   /* the thread running on it, if any */
    reply_t *scReply;               /* the newest reply object of the chain it was lent down */
    notification_t *scNotification; /* bound notification (lends it to passive waiters) */
    word_t scBadge;                 /* sent with timeout faults */
    tcb_t *scYieldFrom;             /* the thread that yielded to it */
    word_t scRefillMax;
    word_t scRefillHead;
    word_t scRefillTail;
    bool_t scSporadic;
};

/*
 * A reply object. replyTCB is the caller blocked on it (BlockedOnReply) or the
 * receiver waiting with it (BlockedOnReceive); the thread state points back.
 */
struct reply {
    tcb_t *replyTCB;
    call_stack_t replyPrev;         /* the previous (older) reply of the chain, or 0 */
    call_stack_t replyNext;         /* the newer reply, or (isHead) the donated SC, or 0 */
    word_t padding;
};

#define SC_PTR(p)       ((sched_context_t *)(p))
#define SC_REF(p)       ((word_t)(p))
#define REPLY_PTR(p)    ((reply_t *)(p))
#define REPLY_REF(p)    ((word_t)(p))

/* libsel4's sizes are int arithmetic, as seL4 spells them: exact, only wider here */
/* NOLINTBEGIN(bugprone-implicit-widening-of-multiplication-result) */
compile_assert(sc_core_size, sizeof(sched_context_t) + MIN_REFILLS * sizeof(refill_t) ==
               seL4_CoreSchedContextBytes);
compile_assert(refill_size, sizeof(refill_t) == seL4_RefillSizeBytes);
/* NOLINTEND(bugprone-implicit-widening-of-multiplication-result) */
compile_assert(reply_size, sizeof(reply_t) == BIT(seL4_ReplyBits));
#endif

#define EP_PTR(p)       ((endpoint_t *)(p))
#define NTFN_PTR(p)     ((notification_t *)(p))
#define CNODE_PTR(p)    ((cte_t *)(p))

