/*
 * Per-type capability operations shared by all invocations.
 */
#include <object/objecttype.h>
#include <api/failures.h>
#include <kernel/usererror.h>
#include <object/mdb.h>
#include <object/cnode.h>
#include <kernel/thread.h>
#include <object/endpoint.h>
#include <object/notification.h>
#include <object/tcb.h>
#include <object/interrupt.h>
#include <arch/fpu.h>
#ifdef CONFIG_KERNEL_MCS
#include <object/schedcontext.h>
#include <object/reply.h>
#endif

/*
 * What a copy of cap may be. Untyped caps with children cannot be copied (their
 * children would have two parents); IRQControl, zombies and reply caps copy to
 * nothing.
 */
deriveCap_ret_t deriveCap(cte_t *slot, cap_t cap)
{
    deriveCap_ret_t ret = { .status = EXCEPTION_NONE, .cap = cap };
    if (isArchCap(cap)) {
        return Arch_deriveCap(slot, cap);
    }
    switch (cap_get_capType(cap)) {
    case cap_zombie_cap:
    case cap_irq_control_cap:
#ifndef CONFIG_KERNEL_MCS
    case cap_reply_cap:
#endif
        ret.cap = cap_null_cap_new();
        break;
    case cap_untyped_cap:
        if (!slotHasNoChildren(slot)) {
            userError("Copying an untyped cap: it has children (revoke them first).");
            current_syscall_error.type = seL4_RevokeFirst;
            ret.status = EXCEPTION_SYSCALL_ERROR;
            ret.cap = cap_null_cap_new();
        }
        break;
    default:
        break;
    }
    return ret;
}

/* Does the cap name an object in memory (and so lie inside some untyped)? */
bool_t cap_is_physical(cap_t cap)
{
    switch (cap_get_capType(cap)) {
    case cap_untyped_cap:
    case cap_endpoint_cap:
    case cap_notification_cap:
    case cap_cnode_cap:
    case cap_thread_cap:
    case cap_zombie_cap:
    case cap_frame_cap:
    case cap_page_table_cap:
    case cap_asid_pool_cap:
#ifdef CONFIG_KERNEL_MCS
    case cap_reply_cap:
    case cap_sched_context_cap:
#endif
        return true;
    default:
        return false;
    }
}

/* Base of the object a physical cap names. */
pptr_t cap_get_capPtr(cap_t cap)
{
    switch (cap_get_capType(cap)) {
    case cap_untyped_cap:
        return cap_untyped_cap_get_capPtr(cap);
    case cap_endpoint_cap:
        return cap_endpoint_cap_get_capEPPtr(cap);
    case cap_notification_cap:
        return cap_notification_cap_get_capNtfnPtr(cap);
    case cap_cnode_cap:
        return cap_cnode_cap_get_capCNodePtr(cap);
    case cap_thread_cap:
        return ROUND_DOWN(cap_thread_cap_get_capTCBPtr(cap), TCB_SIZE_BITS);
    case cap_zombie_cap:
        return ROUND_DOWN(cap_zombie_cap_get_capZombiePtr(cap), seL4_SlotBits);
#ifdef CONFIG_KERNEL_MCS
    case cap_reply_cap:
        return cap_reply_cap_get_capReplyPtr(cap);
    case cap_sched_context_cap:
        return cap_sched_context_cap_get_capSCPtr(cap);
#endif
    default:
        return Arch_cap_get_capPtr(cap);
    }
}

/* log2 size of the object a physical cap names. */
word_t cap_get_capSizeBits(cap_t cap)
{
    switch (cap_get_capType(cap)) {
    case cap_untyped_cap:
        return cap_untyped_cap_get_capBlockSize(cap);
    case cap_endpoint_cap:
        return seL4_EndpointBits;
    case cap_notification_cap:
        return seL4_NotificationBits;
    case cap_cnode_cap:
        return cap_cnode_cap_get_capCNodeRadix(cap) + seL4_SlotBits;
    case cap_thread_cap:
        return TCB_SIZE_BITS;
    case cap_zombie_cap:
        return cap_zombie_cap_get_capZombieType(cap) == ZombieType_ZombieTCB ?
               TCB_SIZE_BITS : (cap_zombie_cap_get_capZombieType(cap) + seL4_SlotBits);
#ifdef CONFIG_KERNEL_MCS
    case cap_reply_cap:
        return seL4_ReplyBits;
    case cap_sched_context_cap:
        return cap_sched_context_cap_get_capSCSizeBits(cap);
#endif
    default:
        return Arch_cap_get_capSizeBits(cap);
    }
}

/*
 * Does cap b name the same object as a, or (for untyped) something inside it?
 * Decides MDB parenthood together with the revocable and badge rules.
 */
bool_t sameRegionAs(cap_t a, cap_t b)
{
    switch (cap_get_capType(a)) {
    case cap_untyped_cap: {
        if (!cap_is_physical(b)) {
            return false;
        }
        word_t aBase = cap_untyped_cap_get_capPtr(a);
        word_t aTop = aBase + MASK(cap_untyped_cap_get_capBlockSize(a));
        word_t bBase = (word_t)cap_get_capPtr(b);
        word_t bTop = bBase + MASK(cap_get_capSizeBits(b));
        return aBase <= bBase && bTop <= aTop && bBase <= bTop;
    }
    case cap_endpoint_cap:
        return cap_get_capType(b) == cap_endpoint_cap &&
               cap_endpoint_cap_get_capEPPtr(a) == cap_endpoint_cap_get_capEPPtr(b);
    case cap_notification_cap:
        return cap_get_capType(b) == cap_notification_cap &&
               cap_notification_cap_get_capNtfnPtr(a) == cap_notification_cap_get_capNtfnPtr(b);
    case cap_cnode_cap:
        return cap_get_capType(b) == cap_cnode_cap &&
               cap_cnode_cap_get_capCNodePtr(a) == cap_cnode_cap_get_capCNodePtr(b) &&
               cap_cnode_cap_get_capCNodeRadix(a) == cap_cnode_cap_get_capCNodeRadix(b);
    case cap_thread_cap:
        return cap_get_capType(b) == cap_thread_cap &&
               cap_thread_cap_get_capTCBPtr(a) == cap_thread_cap_get_capTCBPtr(b);
#ifndef CONFIG_KERNEL_MCS
    case cap_reply_cap:
        return cap_get_capType(b) == cap_reply_cap &&
               cap_reply_cap_get_capTCBPtr(a) == cap_reply_cap_get_capTCBPtr(b);
#else
    case cap_reply_cap:
        return cap_get_capType(b) == cap_reply_cap &&
               cap_reply_cap_get_capReplyPtr(a) == cap_reply_cap_get_capReplyPtr(b);
    case cap_sched_context_cap:
        return cap_get_capType(b) == cap_sched_context_cap &&
               cap_sched_context_cap_get_capSCPtr(a) == cap_sched_context_cap_get_capSCPtr(b) &&
               cap_sched_context_cap_get_capSCSizeBits(a) ==
               cap_sched_context_cap_get_capSCSizeBits(b);
    case cap_sched_control_cap:
        return cap_get_capType(b) == cap_sched_control_cap &&
               cap_sched_control_cap_get_core(a) == cap_sched_control_cap_get_core(b);
#endif
    case cap_domain_cap:
        return cap_get_capType(b) == cap_domain_cap;
    case cap_irq_control_cap:
        return cap_get_capType(b) == cap_irq_control_cap ||
               cap_get_capType(b) == cap_irq_handler_cap;
    case cap_irq_handler_cap:
        return cap_get_capType(b) == cap_irq_handler_cap &&
               cap_irq_handler_cap_get_capIRQ(a) == cap_irq_handler_cap_get_capIRQ(b);
    default:
        if (isArchCap(a)) {
            return Arch_sameRegionAs(a, b);
        }
        return false;
    }
}

/* log2 bytes of an object of type t (userObjSize matters for untyped, CNode, SC). */
word_t getObjectSize(word_t t, word_t userObjSize)
{
    switch (t) {
    case seL4_UntypedObject:
        return userObjSize;
    case seL4_TCBObject:
        return seL4_TCBBits;
    case seL4_EndpointObject:
        return seL4_EndpointBits;
    case seL4_NotificationObject:
        return seL4_NotificationBits;
    case seL4_CapTableObject:
        return seL4_SlotBits + userObjSize;
#ifdef CONFIG_KERNEL_MCS
    case seL4_SchedContextObject:
        return userObjSize;
    case seL4_ReplyObject:
        return seL4_ReplyBits;
#endif
    default:
        return Arch_getObjectSize(t);
    }
}

/*
 * A new object in memory that is already zero (untyped memory above the free index
 * always is), so only non-zero initial state is written here.
 */
cap_t createObject(word_t t, pptr_t regionBase, word_t userSize, bool_t deviceMemory)
{
    switch (t) {
    case seL4_UntypedObject:
        /* a fresh untyped is empty: free index 0 */
        return cap_untyped_cap_new(0, deviceMemory, userSize, regionBase);
    case seL4_TCBObject: {
        tcb_t *tcb = TCB_PTR(regionBase + TCB_OFFSET);
        Arch_initContext(&tcb->tcbArch.tcbContext);
#ifndef CONFIG_KERNEL_MCS
        tcb->tcbTimeSlice = TIME_SLICE_TICKS;
#endif
        tcb->tcbDomain = ksCurDomain;
#ifndef CONFIG_KERNEL_MCS
        setupReplyMaster(tcb);
#endif
#ifdef CONFIG_DEBUG_BUILD
        tcbDebugAppend(tcb);
#endif
        return cap_thread_cap_new(TCB_REF(tcb));
    }
    case seL4_EndpointObject:
        return cap_endpoint_cap_new(0, true, true, true, true, regionBase);
    case seL4_NotificationObject:
        return cap_notification_cap_new(0, true, true, regionBase);
    case seL4_CapTableObject:
        return cap_cnode_cap_new(userSize, 0, 0, regionBase);
#ifdef CONFIG_KERNEL_MCS
    case seL4_SchedContextObject:
        return cap_sched_context_cap_new(regionBase, userSize);
    case seL4_ReplyObject:
        return cap_reply_cap_new(true, regionBase);
#endif
    default:
        return Arch_createObject(t, regionBase, userSize, deviceMemory);
    }
}

/*
 * Do two caps name the same object (not merely overlapping memory)? Untypeds never
 * do: their children are other objects.
 */
bool_t sameObjectAs(cap_t a, cap_t b)
{
    if (cap_get_capType(a) == cap_untyped_cap) {
        return false;
    }
    if (cap_get_capType(a) == cap_irq_control_cap && cap_get_capType(b) == cap_irq_handler_cap) {
        return false;
    }
    if (cap_get_capType(a) == cap_frame_cap && cap_get_capType(b) == cap_frame_cap) {
        return cap_frame_cap_get_capFBasePtr(a) == cap_frame_cap_get_capFBasePtr(b) &&
               cap_frame_cap_get_capFSize(a) == cap_frame_cap_get_capFSize(b) &&
               cap_frame_cap_get_capFIsDevice(a) == cap_frame_cap_get_capFIsDevice(b);
    }
    return sameRegionAs(a, b);
}

/*
 * What deleting a cap leaves behind. The last cap to an endpoint or notification
 * wakes everything queued on it; the last cap to a CNode or TCB becomes a zombie that
 * finaliseSlot empties slot by slot.
 */
finaliseCap_ret_t finaliseCap(cap_t cap, bool_t final, bool_t exposed)
{
    finaliseCap_ret_t ret = { cap_null_cap_new(), cap_null_cap_new() };
    if (isArchCap(cap)) {
        return Arch_finaliseCap(cap, final);
    }
    switch (cap_get_capType(cap)) {
    case cap_endpoint_cap:
        if (final) {
            cancelAllIPC(EP_PTR(cap_endpoint_cap_get_capEPPtr(cap)));
        }
        return ret;
    case cap_notification_cap:
        if (final) {
            notification_t *ntfn = NTFN_PTR(cap_notification_cap_get_capNtfnPtr(cap));
#ifdef CONFIG_KERNEL_MCS
            schedContextMaybeUnbindNtfn(ntfn);
#endif
            unbindMaybeNotification(ntfn);
            cancelAllSignals(ntfn);
        }
        return ret;
#ifdef CONFIG_KERNEL_MCS
    case cap_reply_cap:
        if (final) {
            /* a caller waiting on it stops waiting; a receiver waiting with it stops */
            reply_t *reply = REPLY_PTR(cap_reply_cap_get_capReplyPtr(cap));
            tcb_t *tcb = reply->replyTCB;
            if (tcb) {
                if (thread_state_get_tsType(tcb->tcbState) == ThreadState_BlockedOnReply) {
                    reply_remove(reply, tcb);
                } else {
                    cancelIPC(tcb);
                }
            }
        }
        return ret;
    case cap_sched_context_cap:
        if (final) {
            sched_context_t *sc = SC_PTR(cap_sched_context_cap_get_capSCPtr(cap));
            schedContext_unbindAllTCBs(sc);
            schedContext_unbindNtfn(sc);
            schedContext_unbindReply(sc);
            if (sc->scYieldFrom) {
                schedContext_completeYieldTo(sc->scYieldFrom);
            }
            /* no longer configured: nothing can run on it */
            sc->scRefillMax = 0;
            sc->scSporadic = false;
        }
        return ret;
    case cap_sched_control_cap:
#else
    case cap_reply_cap:
#endif
    case cap_null_cap:
    case cap_domain_cap:
        return ret;
    default:
        break;
    }
    if (exposed) {
        fail("finaliseCap: cannot finalise this cap immediately");
    }
    switch (cap_get_capType(cap)) {
    case cap_cnode_cap:
        if (final) {
            word_t radix = cap_cnode_cap_get_capCNodeRadix(cap);
            ret.remainder = Zombie_new(BIT(radix), radix, cap_cnode_cap_get_capCNodePtr(cap));
        }
        return ret;
    case cap_thread_cap:
        if (final) {
            tcb_t *tcb = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
            unbindNotification(tcb);
#ifdef CONFIG_KERNEL_MCS
            sched_context_t *sc = tcb->tcbSchedContext;
            if (sc) {
                schedContext_unbindTCB(sc);
                if (sc->scYieldFrom) {
                    schedContext_completeYieldTo(sc->scYieldFrom);
                }
            }
#endif
            suspend(tcb);
#ifdef CONFIG_DEBUG_BUILD
            tcbDebugRemove(tcb);
#endif
            fpuThreadDelete(tcb);
            ret.remainder = Zombie_new(tcbCNodeEntries, ZombieType_ZombieTCB,
                                       (pptr_t)TCB_CTE_PTR(tcb, 0));
        }
        return ret;
    case cap_zombie_cap:
        ret.remainder = cap;
        return ret;
    case cap_irq_handler_cap:
        if (final) {
            deletingIRQHandler(cap_irq_handler_cap_get_capIRQ(cap));
            ret.cleanupInfo = cap;
        }
        return ret;
    default:
        return ret;
    }
}

void postCapDeletion(cap_t cap)
{
    if (cap_get_capType(cap) == cap_irq_handler_cap) {
        deletedIRQHandler(cap_irq_handler_cap_get_capIRQ(cap));
    }
}

/*
 * Apply a Mint/Mutate "data" word (seL4's updateCapData, src/object/objecttype.c): a badge
 * for an unbadged endpoint
 * or notification cap, a guard for a CNode cap. Anything invalid gives a null cap.
 */
cap_t updateCapData(bool_t preserve, word_t newData, cap_t cap)
{
    switch (cap_get_capType(cap)) {
    case cap_endpoint_cap:
        if (!preserve && cap_endpoint_cap_get_capEPBadge(cap) == 0) {
            return cap_endpoint_cap_set_capEPBadge(cap, newData);
        }
        return cap_null_cap_new();
    case cap_notification_cap:
        if (!preserve && cap_notification_cap_get_capNtfnBadge(cap) == 0) {
            return cap_notification_cap_set_capNtfnBadge(cap, newData);
        }
        return cap_null_cap_new();
    case cap_cnode_cap: {
        seL4_CNode_CapData_t w = { .words = { newData } };
        word_t guardSize = seL4_CNode_CapData_get_guardSize(w);
        if (guardSize + cap_cnode_cap_get_capCNodeRadix(cap) > wordBits) {
            return cap_null_cap_new();
        }
        word_t guard = seL4_CNode_CapData_get_guard(w) & MASK(guardSize);
        cap_t newCap = cap_cnode_cap_set_capCNodeGuard(cap, guard);
        return cap_cnode_cap_set_capCNodeGuardSize(newCap, guardSize);
    }
    default:
        return cap;
    }
}

cap_t maskCapRights(seL4_CapRights_t cap_rights, cap_t cap)
{
    if (isArchCap(cap)) {
        return Arch_maskCapRights(cap_rights, cap);
    }
    switch (cap_get_capType(cap)) {
    case cap_endpoint_cap:
        cap = cap_endpoint_cap_set_capCanSend(cap, cap_endpoint_cap_get_capCanSend(cap) &
                                              seL4_CapRights_get_capAllowWrite(cap_rights));
        cap = cap_endpoint_cap_set_capCanReceive(cap, cap_endpoint_cap_get_capCanReceive(cap) &
                                                 seL4_CapRights_get_capAllowRead(cap_rights));
        cap = cap_endpoint_cap_set_capCanGrant(cap, cap_endpoint_cap_get_capCanGrant(cap) &
                                               seL4_CapRights_get_capAllowGrant(cap_rights));
        return cap_endpoint_cap_set_capCanGrantReply(
                   cap, cap_endpoint_cap_get_capCanGrantReply(cap) &
                   seL4_CapRights_get_capAllowGrantReply(cap_rights));
    case cap_notification_cap:
        cap = cap_notification_cap_set_capNtfnCanSend(
                  cap, cap_notification_cap_get_capNtfnCanSend(cap) &
                  seL4_CapRights_get_capAllowWrite(cap_rights));
        return cap_notification_cap_set_capNtfnCanReceive(
                   cap, cap_notification_cap_get_capNtfnCanReceive(cap) &
                   seL4_CapRights_get_capAllowRead(cap_rights));
    case cap_reply_cap:
        return cap_reply_cap_set_capReplyCanGrant(cap, cap_reply_cap_get_capReplyCanGrant(cap) &
                                                  seL4_CapRights_get_capAllowGrant(cap_rights));
    default:
        return cap;
    }
}

/* CancelBadgedSends needs an endpoint cap with every right (seL4's decodeCNodeInvocation). */
bool_t hasCancelSendRights(cap_t cap)
{
    return cap_get_capType(cap) == cap_endpoint_cap &&
           cap_endpoint_cap_get_capCanSend(cap) && cap_endpoint_cap_get_capCanReceive(cap) &&
           cap_endpoint_cap_get_capCanGrant(cap) && cap_endpoint_cap_get_capCanGrantReply(cap);
}
