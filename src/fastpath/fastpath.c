/*
 * The IPC fastpath: Call to a waiting server and ReplyRecv to a waiting client, for
 * short messages without caps. Every condition the slowpath would act on differently
 * sends the call to the slowpath unchanged, so the fastpath's effects are exactly the
 * slowpath's, only reached with fewer steps. The MCS forms move the caller's
 * scheduling context along with the call (to a passive server) and back with the reply.
 *
 * Two more, each behind its own option as in seL4 (off by default): a VM fault
 * delivered to a fault handler waiting on its endpoint, and the handler's ReplyRecv
 * resuming the faulted thread (KernelExceptionFastpath); seL4_Signal on MCS when the
 * thread woken, if any, does not take the CPU (KernelSignalFastpath).
 *
 * trap.S jumps here straight from the trap entry, with the current thread's TCB in a2
 * (the third argument) and nothing else done; the way out is fastpath_restore, which
 * returns to the thread switched to with the badge and message info in a0/a1. In
 * release builds neither function has a stack frame (-Wstack-usage=0, CMakeLists.txt);
 * docs/PERFORMANCE.md accounts for every instruction.
 */
#include <fastpath/fastpath.h>
#include <arch/traps.h>
#include <config.h>
#include <api/syscall.h>
#include <api/message.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <object/mdb.h>
#include <object/endpoint.h>
#include <arch/fpu.h>
#include <benchmark/benchmark_utilisation.h>
#ifdef CONFIG_SIGNAL_FASTPATH
#include <object/notification.h>
#endif

#if defined(CONFIG_FASTPATH) || defined(CONFIG_EXCEPTION_FASTPATH)

/*
 * slowpath and fastpath_restore under names GCC does not know to be noreturn: it never
 * tail-calls a noreturn function (it keeps the return address for backtraces), and
 * every exit from here must be a jump, with no frame to save ra in.
 */
void fastpath_to_slowpath(syscall_t syscall) __asm__("slowpath");
void fastpath_exit(word_t badge, word_t msgInfo, tcb_t *tcb) __asm__("fastpath_restore");
/* back to ksCurThread with every register from its TCB (restore_user_context) */
void fastpath_resume(void) __asm__("restore_user_context");
#ifdef CONFIG_EXCEPTION_FASTPATH
/* a fault the fastpath does not take: the slowpath's exception entry, scause in the TCB */
void fastpath_to_exception(void) __asm__("c_handle_exception");
#endif

#ifdef CONFIG_KERNEL_MCS
#define FASTPATH_MCS 1
#else
#define FASTPATH_MCS 0
#endif

/*
 * More than the register MRs, any caps, or capsUnwrapped bits the sender set: not for
 * the fastpath. (The slowpath clears those bits; refusing them here saves clearing them
 * on every fastpath exit. capsUnwrapped has a bit per extra cap, below the label.)
 */
static inline FORCE_INLINE bool_t fastpath_mi_check(word_t msgInfo)
{
    return (msgInfo & MASK(seL4_MsgLengthBits + seL4_MsgExtraCapBits + seL4_MsgMaxExtraCaps)) >
           n_msgRegisters;
}

/*
 * The cap cptr names in the thread's CSpace, or a null cap wherever the full lookup
 * (resolveAddressBits) would fail: the same walk without the fault bookkeeping, since
 * every failure goes to the slowpath, which looks up again and reports it. The cptr is
 * shifted left as levels consume it, so each level's guard and index are its top bits.
 * A CNode's radix is 1..63 and guard + radix <= wordBits (decodeUntypedInvocation and
 * updateCapData refuse anything else), so no shift below reaches wordBits.
 */
static inline FORCE_INLINE cap_t lookup_fp(cap_t node, cptr_t cptr)
{
    if (unlikely(cap_get_capType(node) != cap_cnode_cap)) {
        return cap_null_cap_new();
    }
    /* bits of the cptr not yet used; shifts by wordBits - n are written -n & 63 */
    sword_t left = wordBits;
    for (;;) {
        word_t guardBits = cap_cnode_cap_get_capCNodeGuardSize(node);
        word_t radixBits = cap_cnode_cap_get_capCNodeRadix(node);
        left -= (sword_t)(guardBits + radixBits);
        if (unlikely(left < 0)) {
            return cap_null_cap_new();
        }
        if (guardBits) {
            if (unlikely((cptr >> (-guardBits & 63)) != cap_cnode_cap_get_capCNodeGuard(node))) {
                return cap_null_cap_new();
            }
            cptr <<= guardBits;
        }
        cap_t cap = CNODE_PTR(cap_cnode_cap_get_capCNodePtr(node))[cptr >> (-radixBits & 63)].cap;
        cptr <<= radixBits;
        if (left == 0 || cap_get_capType(cap) != cap_cnode_cap) {
            return cap;
        }
        node = cap;
    }
}

/*
 * The satp the thread switched to runs with, or 0: slowpath. If it is the satp in use,
 * its ASID still names its root (deleteASID and deleteASIDPool re-run
 * setVMRoot(ksCurThread) whenever they unname one); if not, it does too unless
 * riscvKSStaleVTables says otherwise, and only then is the ASID table read.
 */
static inline FORCE_INLINE word_t fastpath_satp(tcb_t *tcb, word_t curSatp)
{
    word_t satp = threadSatp(tcb);
    if (unlikely(satp == 0) || (satp != curSatp && unlikely(riscvKSStaleVTables) &&
                                !satpStillNamed(satp))) {
        return 0;
    }
    assert(satpStillNamed(satp));
    return satp;
}

/* Would the slowpath's schedule() run this thread now, and nothing else first? */
static inline FORCE_INLINE bool_t fastpath_runs_now(tcb_t *cur, tcb_t *tcb)
{
    /* with one domain, ksCurDomain is 0 */
    dom_t dom = CONFIG_NUM_DOMAINS > 1 ? ksCurDomain : 0;
    if (CONFIG_NUM_DOMAINS > 1 && tcb->tcbDomain != dom) {
        return false;
    }
#ifdef CONFIG_KERNEL_MCS
    /* MCS: the current thread leaves its SC behind, so it never keeps the CPU */
    (void)cur;
    return isHighestPrio(dom, tcb->tcbPriority);
#else
    return tcb->tcbPriority >= cur->tcbPriority || isHighestPrio(dom, tcb->tcbPriority);
#endif
}

/*
 * dest, blocked until now, becomes the running thread: Running, its address space, the
 * FPU. The caller then leaves for dest.
 */
static inline FORCE_INLINE void fastpath_make_current(tcb_t *cur, tcb_t *dest, word_t satp,
                                                      word_t curSatp)
{
#ifdef CONFIG_KERNEL_MCS
    /* its reply object was handed over (Call) or it had none (BlockedOnReply) */
    thread_state_ptr_mset_tsType_replyObject(&dest->tcbState, ThreadState_Running, 0);
#else
    thread_state_ptr_set_tsType_np(&dest->tcbState, ThreadState_Running);
#endif
    if (satp != curSatp) {
        write_csr(satp, satp);
    }
    benchmark_utilisation_switch(cur, dest);
    ksCurThread = dest;
    /* lazyFPURestore: dest was blocked, so it is not the idle thread */
    lazyFPURestoreNotIdle(dest);
}

/* dest made current, and out through fastpath_restore with the badge and message info */
static inline FORCE_INLINE void fastpath_deliver(tcb_t *cur, tcb_t *dest, word_t satp,
                                                 word_t curSatp, word_t badge, word_t msgInfo)
{
    fastpath_make_current(cur, dest, satp, curSatp);
    seL4_MessageInfo_t info = { .words = { msgInfo } };
    benchmark_utilisation_exit();
    /* fastpath_mi_check let no capsUnwrapped bits through (and a fault message has
     * none): the word goes back as it came */
    assert(seL4_MessageInfo_get_capsUnwrapped(info) == 0 &&
           seL4_MessageInfo_new(1, 0, 0, 0).words[0] ==
           BIT(seL4_MsgLengthBits + seL4_MsgExtraCapBits + seL4_MsgMaxExtraCaps));
    fastpath_exit(badge, wordFromMessageInfo(info), dest);
}

/*
 * The common tail: the message registers, then fastpath_deliver with the badge and the
 * message info as the slowpath delivers them (no caps, none unwrapped).
 */
static inline FORCE_INLINE void fastpath_switch(tcb_t *cur, tcb_t *dest, word_t satp,
                                                word_t curSatp, word_t badge, word_t msgInfo)
{
    word_t length = msgInfo & MASK(seL4_MsgLengthBits);
#pragma GCC unroll 4
    for (word_t i = 0; i < n_msgRegisters; i++) {
        if (i >= length) {
            break;
        }
        setRegister(dest, msgRegisters[i], getRegister(cur, msgRegisters[i]));
    }
    fastpath_deliver(cur, dest, satp, curSatp, badge, msgInfo);
}

/* dest, the receiver at the head of ep's queue, leaves it */
static inline FORCE_INLINE void fastpath_dequeue_receiver(endpoint_t *ep, tcb_t *dest)
{
    tcb_t *next = dest->tcbEPNext;
    endpoint_ptr_set_epQueue_head_np(ep, TCB_REF(next));
    if (unlikely(next)) {
        next->tcbEPPrev = NULL;
        dest->tcbEPNext = NULL;
    } else {
        endpoint_ptr_mset_epQueue_tail_state(ep, 0, EPState_Idle);
    }
}

#ifdef CONFIG_KERNEL_MCS
/*
 * cur waits on dest's reply object, which heads cur's SC's chain; the SC goes to dest
 * (reply_push with a passive callee, after reply_unlink of dest).
 */
static inline FORCE_INLINE void fastpath_block_on_reply(tcb_t *cur, tcb_t *dest, reply_t *reply)
{
    thread_state_ptr_mset_tsType_replyObject(&cur->tcbState, ThreadState_BlockedOnReply,
                                             REPLY_REF(reply));
    reply->replyTCB = cur;
    sched_context_t *sc = cur->tcbSchedContext;
    reply_t *older = sc->scReply;
    if (older) {
        older->replyNext = call_stack_new(0, REPLY_REF(reply));
    }
    reply->replyPrev = call_stack_new(0, REPLY_REF(older));
    reply->replyNext = call_stack_new(1, SC_REF(sc));
    sc->scReply = reply;
    sc->scTcb = dest;
    dest->tcbSchedContext = sc;
    cur->tcbSchedContext = NULL;
}
#else
/* cur waits for the reply; cteInsert of a (never revocable) reply cap to cur */
static inline FORCE_INLINE void fastpath_block_on_reply(tcb_t *cur, tcb_t *dest, cte_t *replySlot)
{
    thread_state_ptr_set_tsType_np(&cur->tcbState, ThreadState_BlockedOnReply);
    cte_t *callerSlot = TCB_CTE_PTR(dest, tcbCaller);
    callerSlot->cap = cap_reply_cap_new(thread_state_get_blockingIPCCanGrant(dest->tcbState),
                                        false, TCB_REF(cur));
    mdb_node_ptr_set_mdbNext_np(&callerSlot->cteMDBNode, 0);
    mdb_node_ptr_set_mdbPrev_np(&callerSlot->cteMDBNode, (word_t)replySlot);
    mdb_node_ptr_set_mdbNext_np(&replySlot->cteMDBNode, (word_t)callerSlot);
}
#endif

#ifdef CONFIG_KERNEL_MCS
/*
 * What the slowpath does first on MCS: advance the clock (updateTimestamp), check the
 * budget and the domain's time, then release whatever the release queue holds that is
 * due. If any of that would act (charge, rotate, end the domain, wake someone), the
 * slowpath must do it. Otherwise the clock is left where it was: the next
 * updateTimestamp adds the whole interval since ksCurTime, which comes to the same
 * ksConsumed and ksDomainTime as advancing them here, because the scheduling context
 * being charged (ksCurSC) goes along with the message.
 */
static inline FORCE_INLINE bool_t fastpath_time_check(void)
{
    ticks_t now = getCurrentTime();
    ticks_t consumed = now - ksCurTime;
    /* refill_sufficient(ksCurSC, ksConsumed + consumed), as one comparison: the head
     * refill covers what was used and MIN_BUDGET more (tick counts are far from overflow) */
    return refill_head(ksCurSC)->rAmount >= ksConsumed + consumed + MIN_BUDGET &&
           !(CONFIG_NUM_DOMAINS > 1 && consumed + MIN_BUDGET >= ksDomainTime) &&
           !(ksReleaseQueue.head && refill_head(ksReleaseQueue.head->tcbSchedContext)->rTime <= now);
}
#endif

/*
 * What every IPC fastpath checks first: a message that fits the registers and names no
 * caps, no fault pending on the caller, and (MCS, when checkTime) nothing for the
 * slowpath's clock work to do. False: the slowpath.
 */
static inline FORCE_INLINE bool_t fastpath_entry_ok(tcb_t *cur, word_t msgInfo,
                                                   bool_t checkTime)
{
    if (unlikely(fastpath_mi_check(msgInfo) ||
                 seL4_Fault_get_seL4_FaultType(cur->tcbFault) != seL4_Fault_NullFault)) {
        return false;
    }
#ifdef CONFIG_KERNEL_MCS
    return !checkTime || likely(fastpath_time_check());
#else
    (void)checkTime;
    return true;
#endif
}

#ifdef CONFIG_FASTPATH
void fastpath_call(word_t cptr, word_t msgInfo, tcb_t *cur)
{
    assert(cur == ksCurThread);
    if (unlikely(!fastpath_entry_ok(cur, msgInfo, true))) {
        fastpath_to_slowpath(seL4_SysCall);
        return;
    }
    cap_t ep_cap = lookup_fp(TCB_CTE_PTR(cur, tcbCTable)->cap, cptr);
    if (unlikely(cap_get_capType(ep_cap) != cap_endpoint_cap ||
                 !cap_endpoint_cap_is_capCanSend(ep_cap) ||
                 !(cap_endpoint_cap_is_capCanGrant(ep_cap) ||
                   cap_endpoint_cap_is_capCanGrantReply(ep_cap)))) {
        fastpath_to_slowpath(seL4_SysCall);
        return;
    }
    endpoint_t *ep = EP_PTR(cap_endpoint_cap_get_capEPPtr(ep_cap));
    if (unlikely(endpoint_ptr_get_state(ep) != EPState_Recv)) {
        fastpath_to_slowpath(seL4_SysCall);
        return;
    }
    tcb_t *dest = TCB_PTR(endpoint_ptr_get_epQueue_head(ep));
    word_t curSatp = read_csr(satp);
    word_t satp = fastpath_satp(dest, curSatp);
    if (unlikely(!satp || !fastpath_runs_now(cur, dest))) {
        fastpath_to_slowpath(seL4_SysCall);
        return;
    }
#ifdef CONFIG_KERNEL_MCS
    /* a passive server waiting with a reply object */
    reply_t *reply = REPLY_PTR(thread_state_get_replyObject(dest->tcbState));
    if (unlikely(dest->tcbSchedContext != NULL || reply == NULL)) {
        fastpath_to_slowpath(seL4_SysCall);
        return;
    }
#else
    /* the reply cap goes right after cur's master, which must have no child yet */
    cte_t *replySlot = TCB_CTE_PTR(cur, tcbReply);
    if (unlikely(mdb_node_get_mdbNext(replySlot->cteMDBNode) != 0)) {
        fastpath_to_slowpath(seL4_SysCall);
        return;
    }
#endif

    /* commit: dest leaves the head of the endpoint's queue, cur waits for the reply */
    fastpath_dequeue_receiver(ep, dest);
#ifdef CONFIG_KERNEL_MCS
    fastpath_block_on_reply(cur, dest, reply);
#else
    fastpath_block_on_reply(cur, dest, replySlot);
#endif
    fastpath_switch(cur, dest, satp, curSatp, cap_endpoint_cap_get_capEPBadge(ep_cap), msgInfo);
}

#ifdef CONFIG_KERNEL_MCS
#define REPLY_RECV_REPLY reply_t *reply
#define REPLY_RECV_REPLY_ARG reply
#else
#define REPLY_RECV_REPLY cte_t *callerSlot
#define REPLY_RECV_REPLY_ARG callerSlot
#endif

/*
 * ReplyRecv's commit, once every check has passed: cur waits at the end of the
 * endpoint's queue, and the reply is used up (MCS: the reply object leaves the call
 * chain and the SC goes back to the caller; non-MCS: the reply cap is deleted).
 */
static inline FORCE_INLINE void fastpath_reply_recv_commit(tcb_t *cur, tcb_t *caller,
                                                           endpoint_t *ep, tcb_t *tail,
                                                           cap_t ep_cap, REPLY_RECV_REPLY)
{
#ifdef CONFIG_KERNEL_MCS
    (void)ep_cap;
#else
    (void)caller;
#endif
    cur->tcbEPPrev = tail;
    cur->tcbEPNext = NULL;
    if (likely(!tail)) {
        endpoint_ptr_set_epQueue_head_np(ep, TCB_REF(cur));
    } else {
        tail->tcbEPNext = cur;
    }
    endpoint_ptr_mset_epQueue_tail_state(ep, TCB_REF(cur), EPState_Recv);
#ifdef CONFIG_KERNEL_MCS
    thread_state_ptr_mset_tsType_replyObject(&cur->tcbState, ThreadState_BlockedOnReceive,
                                             REPLY_REF(reply));
    thread_state_ptr_set_blockingObject(&cur->tcbState, (word_t)ep);
    reply->replyTCB = cur;
    /* the reply leaves the chain and the SC goes back to the caller */
    sched_context_t *sc = cur->tcbSchedContext;
    reply_t *older = REPLY_PTR(call_stack_get_callStackPtr(reply->replyPrev));
    sc->scReply = older;
    if (older) {
        older->replyNext = reply->replyNext;
    }
    reply->replyPrev = call_stack_new(0, 0);
    reply->replyNext = call_stack_new(0, 0);
    cur->tcbSchedContext = NULL;
    caller->tcbSchedContext = sc;
    sc->scTcb = caller;
#else
    thread_state_ptr_set_tsType_np(&cur->tcbState, ThreadState_BlockedOnReceive);
    thread_state_ptr_mset_blockingIPCCanGrant_blockingObject(
        &cur->tcbState, cap_endpoint_cap_get_capCanGrant(ep_cap), (word_t)ep);
    /*
     * cteDeleteOne of the reply cap: finalising one does nothing, so it is only taken
     * out of the tree. It is its master's only child and has none of its own (reply
     * caps are never derived), so that is the master's next link.
     */
    assert(mdb_node_get_mdbNext(callerSlot->cteMDBNode) == 0);
    mdb_node_ptr_set_mdbNext_np(&CTE_PTR(mdb_node_get_mdbPrev(callerSlot->cteMDBNode))->cteMDBNode, 0);
    callerSlot->cap = cap_null_cap_new();
    callerSlot->cteMDBNode = mdb_node_new(0, false, false, 0);
#endif
}

#ifdef CONFIG_EXCEPTION_FASTPATH
/*
 * The reply to a VM fault: it restarts the faulted thread at the faulting instruction
 * with all its registers as they were (handleFaultReply takes nothing from a VM fault's
 * reply). ReplyRecv hands over with what it has looked up and checked, before anything
 * is changed; out of line, so that the reply to a Call pays nothing for it.
 */
static void fastpath_reply_recv_vmfault(tcb_t *cur, tcb_t *caller, endpoint_t *ep,
                                        tcb_t *tail, cap_t ep_cap, REPLY_RECV_REPLY,
                                        word_t satp) NOINLINE;
static void fastpath_reply_recv_vmfault(tcb_t *cur, tcb_t *caller, endpoint_t *ep,
                                        tcb_t *tail, cap_t ep_cap, REPLY_RECV_REPLY,
                                        word_t satp)
{
    /* (read again rather than passed: it would be a ninth argument word) */
    word_t curSatp = read_csr(satp);
    fastpath_reply_recv_commit(cur, caller, ep, tail, ep_cap, REPLY_RECV_REPLY_ARG);
    /* handleFaultReply (restart) and activateThread: it resumes at the fault */
    caller->tcbFault = seL4_Fault_NullFault_new();
    setRegister(caller, NextIP, getRegister(caller, FaultIP));
    /* (restore_user_context charges the exit to the utilisation counters) */
    fastpath_make_current(cur, caller, satp, curSatp);
    fastpath_resume();
}
#endif

/* ReplyRecv: the reply to a Call (or, with the exception fastpath, to a VM fault) */
void fastpath_reply_recv(word_t cptr, word_t msgInfo, tcb_t *cur)
{
    assert(cur == ksCurThread);
    if (unlikely(!fastpath_entry_ok(cur, msgInfo, true))) {
        fastpath_to_slowpath(seL4_SysReplyRecv);
        return;
    }
    cap_t cspace = TCB_CTE_PTR(cur, tcbCTable)->cap;
    cap_t ep_cap = lookup_fp(cspace, cptr);
    if (unlikely(cap_get_capType(ep_cap) != cap_endpoint_cap ||
                 !cap_endpoint_cap_is_capCanReceive(ep_cap))) {
        fastpath_to_slowpath(seL4_SysReplyRecv);
        return;
    }
    /* a pending signal on the bound notification, or a waiting sender: slowpath */
    notification_t *bound = cur->tcbBoundNotification;
    endpoint_t *ep = EP_PTR(cap_endpoint_cap_get_capEPPtr(ep_cap));
    if (unlikely((bound && notification_ptr_get_state(bound) == NtfnState_Active) ||
                 endpoint_ptr_get_state(ep) == EPState_Send)) {
        fastpath_to_slowpath(seL4_SysReplyRecv);
        return;
    }
#ifdef CONFIG_KERNEL_MCS
    /* the reply (cptr in a6) must head the chain of the SC we run on: it gives it back */
    /* (the CSpace root is read again rather than kept in registers through both walks:
     * that would take more registers than the caller-saved ones, and so a frame) */
    __asm__ volatile("" ::: "memory");
    cap_t reply_cap = lookup_fp(TCB_CTE_PTR(cur, tcbCTable)->cap, getRegister(cur, replyRegister));
    if (unlikely(cap_get_capType(reply_cap) != cap_reply_cap)) {
        fastpath_to_slowpath(seL4_SysReplyRecv);
        return;
    }
    reply_t *reply = REPLY_PTR(cap_reply_cap_get_capReplyPtr(reply_cap));
    tcb_t *caller = reply->replyTCB;
    if (unlikely(caller == NULL || !call_stack_get_isHead(reply->replyNext) ||
                 SC_PTR(call_stack_get_callStackPtr(reply->replyNext)) != cur->tcbSchedContext ||
                 thread_state_get_tsType(caller->tcbState) != ThreadState_BlockedOnReply ||
                 caller->tcbSchedContext != NULL)) {
        fastpath_to_slowpath(seL4_SysReplyRecv);
        return;
    }
#else
    cte_t *callerSlot = TCB_CTE_PTR(cur, tcbCaller);
    cap_t callerCap = callerSlot->cap;
    if (unlikely(cap_get_capType(callerCap) != cap_reply_cap)) {
        fastpath_to_slowpath(seL4_SysReplyRecv);
        return;
    }
    tcb_t *caller = TCB_PTR(cap_reply_cap_get_capTCBPtr(callerCap));
#endif
    tcb_t *tail = TCB_PTR(endpoint_ptr_get_epQueue_tail(ep));
    word_t curSatp = read_csr(satp);
    word_t satp = fastpath_satp(caller, curSatp);
    if (unlikely(!satp || !fastpath_runs_now(cur, caller) ||
                 /* MCS queues are in priority order: the fastpath only appends */
                 (FASTPATH_MCS && tail && tail->tcbPriority < cur->tcbPriority))) {
        fastpath_to_slowpath(seL4_SysReplyRecv);
        return;
    }
    if (unlikely(seL4_Fault_get_seL4_FaultType(caller->tcbFault) != seL4_Fault_NullFault)) {
#ifdef CONFIG_EXCEPTION_FASTPATH
        if (seL4_Fault_get_seL4_FaultType(caller->tcbFault) == seL4_Fault_VMFault) {
            fastpath_reply_recv_vmfault(cur, caller, ep, tail, ep_cap, REPLY_RECV_REPLY_ARG, satp);
            return;
        }
#endif
        fastpath_to_slowpath(seL4_SysReplyRecv);
        return;
    }
    fastpath_reply_recv_commit(cur, caller, ep, tail, ep_cap, REPLY_RECV_REPLY_ARG);
    fastpath_switch(cur, caller, satp, curSatp, 0, msgInfo);
}

#endif /* CONFIG_FASTPATH */

#ifdef CONFIG_EXCEPTION_FASTPATH
/* a VM fault's message is the four register MRs, as setMRs_fault writes them */
compile_assert(vmfault_fits_registers, seL4_VMFault_Length == n_msgRegisters);

/*
 * A page fault in user mode, with scause in a0 and stval in a1 (trap.S, which has
 * saved scause and the faulting PC). Taken here when the slowpath would send the fault
 * (handleVMFaultEvent, then handleFault) to a handler waiting on its endpoint and
 * switch to it; anything else goes on to c_handle_exception. The handler gets the VM
 * fault message (IP, Addr, PrefetchFault, FSR) with the handler cap's badge; the
 * faulted thread waits for the reply exactly as after a Call (seL4's fastpath_vm_fault).
 */
void fastpath_vm_fault(word_t scause, word_t addr, tcb_t *cur)
{
    assert(cur == ksCurThread);
    word_t fsr;
    word_t instructionFault = 0;
    switch (scause) {
    case RISCVInstructionPageFault:
        fsr = RISCVInstructionAccessFault;
        instructionFault = 1;
        break;
    case RISCVLoadPageFault:
        fsr = RISCVLoadAccessFault;
        break;
    case RISCVStorePageFault:
        fsr = RISCVStoreAccessFault;
        break;
    default:
        fastpath_to_exception();
        return;
    }
#ifdef CONFIG_KERNEL_MCS
    if (unlikely(!fastpath_time_check())) {
        fastpath_to_exception();
        return;
    }
    /* the cap in the TCB's fault-handler slot; a fault goes without a reply otherwise */
    cap_t handler = TCB_CTE_PTR(cur, tcbFaultHandler)->cap;
    if (unlikely(cap_get_capType(handler) != cap_endpoint_cap ||
                 !(cap_endpoint_cap_is_capCanGrant(handler) ||
                   cap_endpoint_cap_is_capCanGrantReply(handler)))) {
        fastpath_to_exception();
        return;
    }
#else
    /* the handler cptr, resolved in the faulting thread's CSpace (sendFaultIPC) */
    cap_t handler = lookup_fp(TCB_CTE_PTR(cur, tcbCTable)->cap, cur->tcbFaultHandler);
    if (unlikely(cap_get_capType(handler) != cap_endpoint_cap ||
                 !cap_endpoint_cap_is_capCanSend(handler) ||
                 !(cap_endpoint_cap_is_capCanGrant(handler) ||
                   cap_endpoint_cap_is_capCanGrantReply(handler)))) {
        fastpath_to_exception();
        return;
    }
#endif
    endpoint_t *ep = EP_PTR(cap_endpoint_cap_get_capEPPtr(handler));
    if (unlikely(endpoint_ptr_get_state(ep) != EPState_Recv)) {
        fastpath_to_exception();
        return;
    }
    tcb_t *dest = TCB_PTR(endpoint_ptr_get_epQueue_head(ep));
    word_t curSatp = read_csr(satp);
    word_t satp = fastpath_satp(dest, curSatp);
    if (unlikely(!satp || !fastpath_runs_now(cur, dest))) {
        fastpath_to_exception();
        return;
    }
#ifdef CONFIG_KERNEL_MCS
    reply_t *reply = REPLY_PTR(thread_state_get_replyObject(dest->tcbState));
    if (unlikely(dest->tcbSchedContext != NULL || reply == NULL)) {
        fastpath_to_exception();
        return;
    }
#else
    cte_t *replySlot = TCB_CTE_PTR(cur, tcbReply);
    if (unlikely(mdb_node_get_mdbNext(replySlot->cteMDBNode) != 0)) {
        fastpath_to_exception();
        return;
    }
#endif

    /* commit: the fault is recorded, then it goes as a Call would */
    cur->tcbFault = seL4_Fault_VMFault_new(addr, fsr, instructionFault);
    fastpath_dequeue_receiver(ep, dest);
#ifdef CONFIG_KERNEL_MCS
    fastpath_block_on_reply(cur, dest, reply);
#else
    fastpath_block_on_reply(cur, dest, replySlot);
#endif
    setRegister(dest, msgRegisters[seL4_VMFault_IP], getRegister(cur, FaultIP));
    setRegister(dest, msgRegisters[seL4_VMFault_Addr], addr);
    setRegister(dest, msgRegisters[seL4_VMFault_PrefetchFault], instructionFault);
    setRegister(dest, msgRegisters[seL4_VMFault_FSR], fsr);
    seL4_MessageInfo_t info = seL4_MessageInfo_new(seL4_Fault_VMFault, 0, 0, seL4_VMFault_Length);
    fastpath_deliver(cur, dest, satp, curSatp, cap_endpoint_cap_get_capEPBadge(handler),
                     wordFromMessageInfo(info));
}
#endif /* CONFIG_EXCEPTION_FASTPATH */

#ifdef CONFIG_SIGNAL_FASTPATH
/*
 * seL4_Signal (Send on a notification cap), MCS only as in seL4. The signaller always
 * keeps the CPU here: a pending word is set or ORed, or a waiter (the head of the
 * queue, or the bound thread blocked in an endpoint receive) is woken with the badge
 * and queued to run, when it has no higher priority than the signaller and the
 * slowpath's schedule() would leave it behind the signaller in the ready queue (at
 * the head of its priority's queue below the signaller's priority or in another
 * domain, at the tail at the same priority). Anything else, including a woken thread
 * that takes a scheduling context from the notification and a sporadic one (whose
 * refills the slowpath moves, reprogramming the timer), goes to the slowpath.
 *
 * Unlike the other fastpaths this one calls out (the ready-queue insertion), so it
 * has a frame of its own.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstack-usage="
void fastpath_signal(word_t cptr, word_t msgInfo, tcb_t *cur)
{
    assert(cur == ksCurThread);
    /* caps named in the message are looked up (and may fail) before the invocation */
    if (unlikely(!fastpath_entry_ok(cur, msgInfo, true))) {
        fastpath_to_slowpath(seL4_SysSend);
        return;
    }
    cap_t cap = lookup_fp(TCB_CTE_PTR(cur, tcbCTable)->cap, cptr);
    if (unlikely(cap_get_capType(cap) != cap_notification_cap ||
                 !cap_notification_cap_get_capNtfnCanSend(cap))) {
        fastpath_to_slowpath(seL4_SysSend);
        return;
    }
    notification_t *ntfn = NTFN_PTR(cap_notification_cap_get_capNtfnPtr(cap));
    word_t badge = cap_notification_cap_get_capNtfnBadge(cap);
    word_t ntfnState = notification_ptr_get_state(ntfn);
    tcb_t *dest;
    if (ntfnState == NtfnState_Active) {
        notification_ptr_set_ntfnMsgIdentifier(
            ntfn, notification_ptr_get_ntfnMsgIdentifier(ntfn) | badge);
        fastpath_resume();
        return;
    }
    if (ntfnState == NtfnState_Waiting) {
        dest = TCB_PTR(notification_ptr_get_ntfnQueue_head(ntfn));
    } else {
        dest = TCB_PTR(notification_ptr_get_ntfnBoundTCB(ntfn));
        if (!dest || thread_state_get_tsType(dest->tcbState) != ThreadState_BlockedOnReceive) {
            notification_ptr_set_state(ntfn, NtfnState_Active);
            notification_ptr_set_ntfnMsgIdentifier(ntfn, badge);
            fastpath_resume();
            return;
        }
    }
    sched_context_t *sc = dest->tcbSchedContext;
    if (unlikely(sc == NULL || sc->scSporadic || dest->tcbPriority > cur->tcbPriority ||
                 thread_state_get_tcbInReleaseQueue(dest->tcbState))) {
        fastpath_to_slowpath(seL4_SysSend);
        return;
    }
    /* a woken thread with an SC out of budget: the slowpath's business */
    bool_t schedulable = sc_active(sc);
    if (unlikely(schedulable && !(refill_ready(sc) && refill_sufficient(sc, 0)))) {
        fastpath_to_slowpath(seL4_SysSend);
        return;
    }

    /* commit */
    if (ntfnState == NtfnState_Waiting) {
        tcb_queue_t queue = tcbEPDequeue(dest, ntfn_ptr_get_queue(ntfn));
        ntfn_ptr_set_queue(ntfn, queue);
        if (!queue.head) {
            notification_ptr_set_state(ntfn, NtfnState_Idle);
        }
    } else {
        /* cancelIPC of the bound thread's endpoint receive */
        dest->tcbFault = seL4_Fault_NullFault_new();
        endpoint_t *ep = EP_PTR(thread_state_get_blockingObject(dest->tcbState));
        tcb_queue_t queue = tcbEPDequeue(dest, ep_ptr_get_queue(ep));
        ep_ptr_set_queue(ep, queue);
        if (!queue.head) {
            endpoint_ptr_set_state(ep, EPState_Idle);
        }
        reply_t *reply = REPLY_PTR(thread_state_get_replyObject(dest->tcbState));
        if (reply) {
            reply->replyTCB = NULL;
        }
    }
    thread_state_ptr_set_tsType(&dest->tcbState, ThreadState_Running);
    setRegister(dest, badgeRegister, badge);
    if (schedulable) {
        /* possibleSwitchTo, then schedule(): the signaller stays, dest waits its turn */
        if ((CONFIG_NUM_DOMAINS > 1 && dest->tcbDomain != ksCurDomain) ||
            dest->tcbPriority < cur->tcbPriority) {
            tcbSchedEnqueue(dest);
        } else {
            tcbSchedAppend(dest);
        }
    }
    fastpath_resume();
}
#pragma GCC diagnostic pop
#endif /* CONFIG_SIGNAL_FASTPATH */

#endif /* CONFIG_FASTPATH || CONFIG_EXCEPTION_FASTPATH */
