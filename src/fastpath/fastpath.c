/*
 * The IPC fastpath: Call to a waiting server and ReplyRecv to a waiting client, for
 * short messages without caps. Every condition the slowpath would act on differently
 * sends the call to the slowpath unchanged, so the fastpath's effects are exactly the
 * slowpath's, only reached with fewer steps. The MCS forms move the caller's
 * scheduling context along with the call (to a passive server) and back with the reply.
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

#ifdef CONFIG_FASTPATH

/* More than the register MRs, or any caps: not for the fastpath. */
static inline FORCE_INLINE bool_t fastpath_mi_check(word_t msgInfo)
{
    return (msgInfo & MASK(seL4_MsgLengthBits + seL4_MsgExtraCapBits)) > n_msgRegisters;
}

/*
 * The cap cptr names in the thread's CSpace, or a null cap wherever the full lookup
 * (resolveAddressBits) would fail: the same walk without the fault bookkeeping, since
 * every failure goes to the slowpath, which looks up again and reports it.
 */
static inline FORCE_INLINE cap_t lookup_fp(cap_t node, cptr_t cptr)
{
    word_t left = wordBits;
    if (cap_get_capType(node) != cap_cnode_cap) {
        return cap_null_cap_new();
    }
    /* each level consumes at least one bit: at most wordBits iterations */
    for (;;) {
        word_t guardBits = cap_cnode_cap_get_capCNodeGuardSize(node);
        word_t radixBits = cap_cnode_cap_get_capCNodeRadix(node);
        word_t levelBits = guardBits + radixBits;
        if (unlikely(levelBits > left)) {
            return cap_null_cap_new();
        }
        /* guardBits >= 1 here, so the shift is below wordBits */
        if (guardBits && ((cptr >> (left - guardBits)) & MASK(guardBits)) !=
            cap_cnode_cap_get_capCNodeGuard(node)) {
            return cap_null_cap_new();
        }
        left -= levelBits;
        cte_t *slot = CNODE_PTR(cap_cnode_cap_get_capCNodePtr(node)) +
                      ((cptr >> left) & MASK(radixBits));
        cap_t cap = slot->cap;
        if (left == 0 || cap_get_capType(cap) != cap_cnode_cap) {
            return cap;
        }
        node = cap;
    }
}

/* The thread's address space as setVMRoot would install it, or 0: slowpath. */
static inline FORCE_INLINE word_t fastpath_satp(tcb_t *tcb)
{
    word_t satp = threadSatp(tcb);
    if (satp == 0 || !satpStillNamed(satp)) {
        return 0;
    }
    return satp;
}

static inline FORCE_INLINE void copy_mrs(word_t length, tcb_t *src, tcb_t *dest)
{
    /* length <= n_msgRegisters (fastpath_mi_check): unrolled, constant offsets */
#pragma GCC unroll 4
    for (word_t i = 0; i < n_msgRegisters; i++) {
        if (i >= length) {
            break;
        }
        setRegister(dest, msgRegisters[i], getRegister(src, msgRegisters[i]));
    }
}

/* Hand the CPU straight to dest and return to user space there. */
static NORETURN void switch_and_restore(tcb_t *dest, word_t satp, word_t badge, word_t msgInfo)
{
    write_csr(satp, satp);
    ksCurThread = dest;
    setRegister(dest, badgeRegister, badge);
    /* as the slowpath delivers it: no caps, none unwrapped */
    setRegister(dest, msgInfoRegister,
                wordFromMessageInfo(seL4_MessageInfo_set_capsUnwrapped(
                                        messageInfoFromWord(msgInfo), 0)));
    lazyFPURestore(dest);
    restore_user_context();
}

#ifndef CONFIG_KERNEL_MCS
NORETURN void fastpath_call(word_t cptr, word_t msgInfo)
{
    tcb_t *cur = ksCurThread;
    word_t satp;
    if (fastpath_mi_check(msgInfo) ||
        seL4_Fault_get_seL4_FaultType(cur->tcbFault) != seL4_Fault_NullFault) {
        slowpath(seL4_SysCall);
    }
    cap_t ep_cap = lookup_fp(TCB_CTE_PTR(cur, tcbCTable)->cap, cptr);
    if (cap_get_capType(ep_cap) != cap_endpoint_cap || !cap_endpoint_cap_get_capCanSend(ep_cap) ||
        (!cap_endpoint_cap_get_capCanGrant(ep_cap) &&
         !cap_endpoint_cap_get_capCanGrantReply(ep_cap))) {
        slowpath(seL4_SysCall);
    }
    endpoint_t *ep = EP_PTR(cap_endpoint_cap_get_capEPPtr(ep_cap));
    if (endpoint_ptr_get_state(ep) != EPState_Recv) {
        slowpath(seL4_SysCall);
    }
    tcb_t *dest = (tcb_t *)endpoint_ptr_get_epQueue_head(ep);
    /* the slowpath's schedule() would not run dest now, or would do more */
    if (!(satp = fastpath_satp(dest)) || (CONFIG_NUM_DOMAINS > 1 && dest->tcbDomain != ksCurDomain) ||
        (dest->tcbPriority < cur->tcbPriority && !isHighestPrio(ksCurDomain, dest->tcbPriority))) {
        slowpath(seL4_SysCall);
    }

    /* commit: dest leaves the endpoint, cur waits for the reply through a reply cap */
    tcb_queue_t queue = tcbEPDequeue(dest, ep_ptr_get_queue(ep));
    ep_ptr_set_queue(ep, queue);
    if (!queue.head) {
        endpoint_ptr_set_state(ep, EPState_Idle);
    }
    thread_state_ptr_set_tsType(&cur->tcbState, ThreadState_BlockedOnReply);
    /* cteInsert of a reply cap under cur's master: not revocable, nothing else to do */
    mdbLinkAfter(TCB_CTE_PTR(cur, tcbReply), TCB_CTE_PTR(dest, tcbCaller),
                 cap_reply_cap_new(thread_state_get_blockingIPCCanGrant(dest->tcbState), false,
                                   TCB_REF(cur)), false);
    copy_mrs(msgInfo & MASK(seL4_MsgLengthBits), cur, dest);
    thread_state_ptr_set_tsType(&dest->tcbState, ThreadState_Running);
    switch_and_restore(dest, satp, cap_endpoint_cap_get_capEPBadge(ep_cap), msgInfo);
}

NORETURN void fastpath_reply_recv(word_t cptr, word_t msgInfo)
{
    tcb_t *cur = ksCurThread;
    word_t satp;
    if (fastpath_mi_check(msgInfo) ||
        seL4_Fault_get_seL4_FaultType(cur->tcbFault) != seL4_Fault_NullFault) {
        slowpath(seL4_SysReplyRecv);
    }
    cap_t ep_cap = lookup_fp(TCB_CTE_PTR(cur, tcbCTable)->cap, cptr);
    if (cap_get_capType(ep_cap) != cap_endpoint_cap || !cap_endpoint_cap_get_capCanReceive(ep_cap)) {
        slowpath(seL4_SysReplyRecv);
    }
    /* a pending signal on the bound notification, or a waiting sender: slowpath */
    notification_t *bound = cur->tcbBoundNotification;
    endpoint_t *ep = EP_PTR(cap_endpoint_cap_get_capEPPtr(ep_cap));
    if ((bound && notification_ptr_get_state(bound) == NtfnState_Active) ||
        endpoint_ptr_get_state(ep) == EPState_Send) {
        slowpath(seL4_SysReplyRecv);
    }
    cte_t *callerSlot = TCB_CTE_PTR(cur, tcbCaller);
    cap_t callerCap = callerSlot->cap;
    if (cap_get_capType(callerCap) != cap_reply_cap) {
        slowpath(seL4_SysReplyRecv);
    }
    tcb_t *caller = TCB_PTR(cap_reply_cap_get_capTCBPtr(callerCap));
    if (seL4_Fault_get_seL4_FaultType(caller->tcbFault) != seL4_Fault_NullFault ||
        !(satp = fastpath_satp(caller)) ||
        (CONFIG_NUM_DOMAINS > 1 && caller->tcbDomain != ksCurDomain) ||
        (caller->tcbPriority < cur->tcbPriority &&
         !isHighestPrio(ksCurDomain, caller->tcbPriority))) {
        slowpath(seL4_SysReplyRecv);
    }

    /* commit: cur waits on the endpoint; the reply cap is used up; caller runs */
    thread_state_ptr_set_tsType(&cur->tcbState, ThreadState_BlockedOnReceive);
    thread_state_ptr_set_blockingObject(&cur->tcbState, (word_t)ep);
    thread_state_ptr_set_blockingIPCCanGrant(&cur->tcbState, cap_endpoint_cap_get_capCanGrant(ep_cap));
    ep_ptr_set_queue(ep, tcbEPAppend(cur, ep_ptr_get_queue(ep)));
    endpoint_ptr_set_state(ep, EPState_Recv);
    /* cteDeleteOne of a reply cap: finalising one does nothing, so only unlink it */
    mdbUnlink(callerSlot);
    copy_mrs(msgInfo & MASK(seL4_MsgLengthBits), cur, caller);
    thread_state_ptr_set_tsType(&caller->tcbState, ThreadState_Running);
    switch_and_restore(caller, satp, 0, msgInfo);
}

#else /* CONFIG_KERNEL_MCS */

/*
 * What the slowpath does first on MCS: read the clock and check the budget (and the
 * domain's time), then release whatever the release queue holds that is due. If any
 * of that would act (charge, rotate, wake someone), the slowpath must do it.
 */
static inline FORCE_INLINE bool_t fastpath_time_check(void)
{
    updateTimestamp();
    return refill_sufficient(ksCurSC, ksConsumed) && !isCurDomainExpired() &&
           !(ksReleaseQueue.head && refill_ready(ksReleaseQueue.head->tcbSchedContext));
}

NORETURN void fastpath_call(word_t cptr, word_t msgInfo)
{
    tcb_t *cur = ksCurThread;
    word_t satp;
    if (fastpath_mi_check(msgInfo) ||
        seL4_Fault_get_seL4_FaultType(cur->tcbFault) != seL4_Fault_NullFault ||
        !fastpath_time_check()) {
        slowpath(seL4_SysCall);
    }
    cap_t ep_cap = lookup_fp(TCB_CTE_PTR(cur, tcbCTable)->cap, cptr);
    if (cap_get_capType(ep_cap) != cap_endpoint_cap || !cap_endpoint_cap_get_capCanSend(ep_cap) ||
        (!cap_endpoint_cap_get_capCanGrant(ep_cap) &&
         !cap_endpoint_cap_get_capCanGrantReply(ep_cap))) {
        slowpath(seL4_SysCall);
    }
    endpoint_t *ep = EP_PTR(cap_endpoint_cap_get_capEPPtr(ep_cap));
    if (endpoint_ptr_get_state(ep) != EPState_Recv) {
        slowpath(seL4_SysCall);
    }
    tcb_t *dest = (tcb_t *)endpoint_ptr_get_epQueue_head(ep);
    /* a passive server waiting with a reply object, that the scheduler would run now */
    reply_t *reply = REPLY_PTR(thread_state_get_replyObject(dest->tcbState));
    if (!(satp = fastpath_satp(dest)) || (CONFIG_NUM_DOMAINS > 1 && dest->tcbDomain != ksCurDomain) ||
        !isHighestPrio(ksCurDomain, dest->tcbPriority) ||
        dest->tcbSchedContext != NULL || reply == NULL) {
        slowpath(seL4_SysCall);
    }

    /* commit: dest leaves the endpoint; cur waits on dest's reply object */
    tcb_queue_t queue = tcbEPDequeue(dest, ep_ptr_get_queue(ep));
    ep_ptr_set_queue(ep, queue);
    if (!queue.head) {
        endpoint_ptr_set_state(ep, EPState_Idle);
    }
    thread_state_ptr_set_tsType(&cur->tcbState, ThreadState_BlockedOnReply);
    thread_state_ptr_set_replyObject(&cur->tcbState, REPLY_REF(reply));
    thread_state_ptr_set_replyObject(&dest->tcbState, 0);
    reply->replyTCB = cur;
    /* cur's scheduling context goes with the call: the reply heads its chain */
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
    copy_mrs(msgInfo & MASK(seL4_MsgLengthBits), cur, dest);
    thread_state_ptr_set_tsType(&dest->tcbState, ThreadState_Running);
    switch_and_restore(dest, satp, cap_endpoint_cap_get_capEPBadge(ep_cap), msgInfo);
}

NORETURN void fastpath_reply_recv(word_t cptr, word_t msgInfo, cptr_t replyCPtr)
{
    tcb_t *cur = ksCurThread;
    word_t satp;
    if (fastpath_mi_check(msgInfo) ||
        seL4_Fault_get_seL4_FaultType(cur->tcbFault) != seL4_Fault_NullFault ||
        !fastpath_time_check()) {
        slowpath(seL4_SysReplyRecv);
    }
    cap_t cspace = TCB_CTE_PTR(cur, tcbCTable)->cap;
    cap_t ep_cap = lookup_fp(cspace, cptr);
    if (cap_get_capType(ep_cap) != cap_endpoint_cap || !cap_endpoint_cap_get_capCanReceive(ep_cap)) {
        slowpath(seL4_SysReplyRecv);
    }
    cap_t reply_cap = lookup_fp(cspace, replyCPtr);
    if (cap_get_capType(reply_cap) != cap_reply_cap) {
        slowpath(seL4_SysReplyRecv);
    }
    notification_t *bound = cur->tcbBoundNotification;
    endpoint_t *ep = EP_PTR(cap_endpoint_cap_get_capEPPtr(ep_cap));
    if ((bound && notification_ptr_get_state(bound) == NtfnState_Active) ||
        endpoint_ptr_get_state(ep) == EPState_Send) {
        slowpath(seL4_SysReplyRecv);
    }
    /* the reply must head the chain of the SC we run on: the reply gives it back */
    reply_t *reply = REPLY_PTR(cap_reply_cap_get_capReplyPtr(reply_cap));
    tcb_t *caller = reply->replyTCB;
    if (caller == NULL || !call_stack_get_isHead(reply->replyNext) ||
        SC_PTR(call_stack_get_callStackPtr(reply->replyNext)) != cur->tcbSchedContext ||
        thread_state_get_tsType(caller->tcbState) != ThreadState_BlockedOnReply) {
        slowpath(seL4_SysReplyRecv);
    }
    if (seL4_Fault_get_seL4_FaultType(caller->tcbFault) != seL4_Fault_NullFault ||
        !(satp = fastpath_satp(caller)) || !isHighestPrio(ksCurDomain, caller->tcbPriority) ||
        (CONFIG_NUM_DOMAINS > 1 && caller->tcbDomain != ksCurDomain) ||
        caller->tcbSchedContext != NULL) {
        slowpath(seL4_SysReplyRecv);
    }

    /* commit: cur waits on the endpoint with the reply object; caller runs on the SC */
    thread_state_ptr_set_tsType(&cur->tcbState, ThreadState_BlockedOnReceive);
    thread_state_ptr_set_blockingObject(&cur->tcbState, (word_t)ep);
    thread_state_ptr_set_replyObject(&cur->tcbState, REPLY_REF(reply));
    thread_state_ptr_set_replyObject(&caller->tcbState, 0);
    reply->replyTCB = cur;
    ep_ptr_set_queue(ep, tcbEPAppend(cur, ep_ptr_get_queue(ep)));
    endpoint_ptr_set_state(ep, EPState_Recv);
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
    copy_mrs(msgInfo & MASK(seL4_MsgLengthBits), cur, caller);
    thread_state_ptr_set_tsType(&caller->tcbState, ThreadState_Running);
    switch_and_restore(caller, satp, 0, msgInfo);
}
#endif /* CONFIG_KERNEL_MCS */

#endif /* CONFIG_FASTPATH */
