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
struct tcb {
    arch_tcb_t tcbArch;             /* first: trap.S saves registers at the TCB pointer */
    thread_state_t tcbState;
    notification_t *tcbBoundNotification;
    seL4_Fault_t tcbFault;
    lookup_fault_t tcbLookupFailure;
    dom_t tcbDomain;
    prio_t tcbMCP;
    prio_t tcbPriority;
    word_t tcbTimeSlice;            /* ticks left (MCS: until the SC model lands) */
#ifndef CONFIG_KERNEL_MCS
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
#ifdef CONFIG_DEBUG_BUILD
    tcb_t *tcbDebugNext;            /* list of all live TCBs, for DumpScheduler */
    tcb_t *tcbDebugPrev;
    char tcbName[];                 /* the rest of the object */
#endif
};

#define TCB_NAME_LENGTH     (BIT(TCB_SIZE_BITS - 1) - offsetof(struct tcb, tcbName))
compile_assert(tcb_fits, sizeof(struct tcb) + 16 <= BIT(TCB_SIZE_BITS - 1));
compile_assert(tcb_slots_fit, tcbCNodeEntries * sizeof(cte_t) <= BIT(TCB_SIZE_BITS - 1));

#define EP_PTR(p)       ((endpoint_t *)(p))
#define NTFN_PTR(p)     ((notification_t *)(p))
#define CNODE_PTR(p)    ((cte_t *)(p))

static inline word_t thread_state_get_tsType_w(const thread_state_t *ts)
{
    return thread_state_ptr_get_tsType((thread_state_t *)ts);
}

/* Objects in a CNode of the given radix. */
#define CNODE_SIZE_BITS(radix)  ((radix) + seL4_SlotBits)
