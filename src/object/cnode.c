/*
 * CNode invocations (seL4's src/object/cnode.c): Revoke, Delete, CancelBadgedSends, Copy,
 * Mint, Move, Mutate, Rotate and (non-MCS) SaveCaller. Every slot lookup and check
 * happens before the operation; the operations themselves cannot fail, except for
 * preemption of Revoke and Delete, which a restarted call resumes.
 */
#include <object/mdb.h>
#include <object/cnode.h>
#include <object/objecttype.h>
#include <object/endpoint.h>
#include <object/invocation.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <api/failures.h>
#include <api/message.h>
#include <machine/io.h>
#include <kernel/usererror.h>

static exception_t ensureEmptySlot(cte_t *slot)
{
    if (cap_get_capType(slot->cap) != cap_null_cap) {
        userError("Slot not empty.");
        return syscall_error_simple(seL4_DeleteFirst);
    }
    return EXCEPTION_NONE;
}

static exception_t missingCap(bool_t source, word_t depth)
{
    current_lookup_fault = lookup_fault_missing_capability_new(depth);
    return syscall_error_failed_lookup(source);
}

static exception_t invokeCNodeRevoke(cte_t *destSlot)
{
    return cteRevoke(destSlot);
}

static exception_t invokeCNodeDelete(cte_t *destSlot)
{
    return cteDelete(destSlot, true);
}

static exception_t invokeCNodeCancelBadgedSends(cap_t cap)
{
    word_t badge = cap_endpoint_cap_get_capEPBadge(cap);
    if (badge) {
        cancelBadgedSends(EP_PTR(cap_endpoint_cap_get_capEPPtr(cap)), badge);
    }
    return EXCEPTION_NONE;
}

static exception_t invokeCNodeInsert(cap_t cap, cte_t *srcSlot, cte_t *destSlot)
{
    cteInsert(cap, srcSlot, destSlot);
    return EXCEPTION_NONE;
}

static exception_t invokeCNodeMove(cap_t cap, cte_t *srcSlot, cte_t *destSlot)
{
    cteMove(cap, srcSlot, destSlot);
    return EXCEPTION_NONE;
}

static exception_t invokeCNodeRotate(cap_t cap1, cap_t cap2, cte_t *slot1, cte_t *slot2,
                                     cte_t *slot3)
{
    if (slot1 == slot3) {
        cteSwap(cap1, slot1, cap2, slot2);
    } else {
        cteMove(cap2, slot2, slot3);
        cteMove(cap1, slot1, slot2);
    }
    return EXCEPTION_NONE;
}

#ifndef CONFIG_KERNEL_MCS
static exception_t invokeCNodeSaveCaller(cte_t *destSlot)
{
    cte_t *srcSlot = TCB_CTE_PTR(ksCurThread, tcbCaller);
    cap_t cap = srcSlot->cap;
    switch (cap_get_capType(cap)) {
    case cap_null_cap:
        /* nothing to save: seL4 succeeds without doing anything */
        break;
    case cap_reply_cap:
        if (!cap_reply_cap_get_capReplyMaster(cap)) {
            cteMove(cap, srcSlot, destSlot);
        }
        break;
    default:
        fail("caller slot holds something other than a reply cap");
    }
    return EXCEPTION_NONE;
}
#endif

static exception_t decodeCNodeCopyFamily(word_t invLabel, word_t length, cte_t *destSlot,
                                         word_t *buffer)
{
    if (length < 4 || current_extra_caps.excaprefs[0] == NULL) {
        userError("CNode Copy/Mint/Move/Mutate: Truncated message.");
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t srcIndex = getSyscallArg(2, buffer);
    word_t srcDepth = getSyscallArg(3, buffer);
    cap_t srcRoot = current_extra_caps.excaprefs[0]->cap;

    exception_t status = ensureEmptySlot(destSlot);
    if (status != EXCEPTION_NONE) {
        userError("CNode Copy/Mint/Move/Mutate: Destination not available.");
        return status;
    }
    lookupSlot_ret_t lu = lookupSlotForCNodeOp(true, srcRoot, srcIndex, srcDepth);
    if (lu.status != EXCEPTION_NONE) {
        userError("CNode Copy/Mint/Move/Mutate: Invalid source slot.");
        return lu.status;
    }
    cte_t *srcSlot = lu.slot;
    if (cap_get_capType(srcSlot->cap) == cap_null_cap) {
        userError("CNode Copy/Mint/Move/Mutate: Source slot invalid or empty.");
        return missingCap(true, srcDepth);
    }

    cap_t newCap;
    bool_t isMove;
    switch (invLabel) {
    case CNodeCopy: {
        if (length < 5) {
            userError("Truncated message for CNode Copy operation.");
            return syscall_error_simple(seL4_TruncatedMessage);
        }
        seL4_CapRights_t rights = { .words = { getSyscallArg(4, buffer) } };
        deriveCap_ret_t dc = deriveCap(srcSlot, maskCapRights(rights, srcSlot->cap));
        if (dc.status != EXCEPTION_NONE) {
            userError("Error deriving cap for CNode Copy operation.");
            return dc.status;
        }
        newCap = dc.cap;
        isMove = false;
        break;
    }
    case CNodeMint: {
        if (length < 6) {
            userError("CNode Mint: Truncated message.");
            return syscall_error_simple(seL4_TruncatedMessage);
        }
        seL4_CapRights_t rights = { .words = { getSyscallArg(4, buffer) } };
        word_t capData = getSyscallArg(5, buffer);
        cap_t srcCap = maskCapRights(rights, srcSlot->cap);
        deriveCap_ret_t dc = deriveCap(srcSlot, updateCapData(false, capData, srcCap));
        if (dc.status != EXCEPTION_NONE) {
            userError("Error deriving cap for CNode Mint operation.");
            return dc.status;
        }
        newCap = dc.cap;
        isMove = false;
        break;
    }
    case CNodeMove:
        newCap = srcSlot->cap;
        isMove = true;
        break;
    case CNodeMutate:
        if (length < 5) {
            userError("CNode Mutate: Truncated message.");
            return syscall_error_simple(seL4_TruncatedMessage);
        }
        newCap = updateCapData(true, getSyscallArg(4, buffer), srcSlot->cap);
        isMove = true;
        break;
    default:
        fail("decodeCNodeCopyFamily: not a copy-family label");
    }
    if (cap_get_capType(newCap) == cap_null_cap) {
        userError("CNode Copy/Mint/Move/Mutate: Mutated cap would be invalid.");
        return syscall_error_simple(seL4_IllegalOperation);
    }

    setThreadState(ksCurThread, ThreadState_Restart);
    if (isMove) {
        return invokeCNodeMove(newCap, srcSlot, destSlot);
    }
    return invokeCNodeInsert(newCap, srcSlot, destSlot);
}

static exception_t decodeCNodeRotate(word_t length, cte_t *destSlot, word_t *buffer)
{
    if (length < 8 || current_extra_caps.excaprefs[0] == NULL ||
        current_extra_caps.excaprefs[1] == NULL) {
        userError("CNode Rotate: Target cap invalid.");
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t pivotNewData = getSyscallArg(2, buffer);
    word_t pivotIndex = getSyscallArg(3, buffer);
    word_t pivotDepth = getSyscallArg(4, buffer);
    word_t srcNewData = getSyscallArg(5, buffer);
    word_t srcIndex = getSyscallArg(6, buffer);
    word_t srcDepth = getSyscallArg(7, buffer);
    cap_t pivotRoot = current_extra_caps.excaprefs[0]->cap;
    cap_t srcRoot = current_extra_caps.excaprefs[1]->cap;

    lookupSlot_ret_t lu = lookupSlotForCNodeOp(true, srcRoot, srcIndex, srcDepth);
    if (lu.status != EXCEPTION_NONE) {
        userError("CNode Rotate: Invalid source slot.");
        return lu.status;
    }
    cte_t *srcSlot = lu.slot;
    lu = lookupSlotForCNodeOp(true, pivotRoot, pivotIndex, pivotDepth);
    if (lu.status != EXCEPTION_NONE) {
        userError("CNode Rotate: Invalid pivot slot.");
        return lu.status;
    }
    cte_t *pivotSlot = lu.slot;

    if (pivotSlot == srcSlot || pivotSlot == destSlot) {
        userError("CNode Rotate: Pivot slot the same as source or dest slot.");
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (srcSlot != destSlot) {
        exception_t status = ensureEmptySlot(destSlot);
        if (status != EXCEPTION_NONE) {
            userError("CNode Rotate: Destination slot not empty.");
            return status;
        }
    }
    if (cap_get_capType(srcSlot->cap) == cap_null_cap) {
        userError("CNode Rotate: Source slot empty.");
        return missingCap(true, srcDepth);
    }
    if (cap_get_capType(pivotSlot->cap) == cap_null_cap) {
        userError("CNode Rotate: Pivot slot empty.");
        return missingCap(false, pivotDepth);
    }
    cap_t newSrcCap = updateCapData(true, srcNewData, srcSlot->cap);
    cap_t newPivotCap = updateCapData(true, pivotNewData, pivotSlot->cap);
    if (cap_get_capType(newSrcCap) == cap_null_cap) {
        userError("CNode Rotate: Source cap invalid.");
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (cap_get_capType(newPivotCap) == cap_null_cap) {
        userError("CNode Rotate: Pivot cap invalid.");
        return syscall_error_simple(seL4_IllegalOperation);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeCNodeRotate(newSrcCap, newPivotCap, srcSlot, pivotSlot, destSlot);
}

exception_t decodeCNodeInvocation(word_t invLabel, word_t length, cap_t cap, word_t *buffer)
{
#ifdef CONFIG_KERNEL_MCS
    const word_t lastLabel = CNodeRotate;
#else
    const word_t lastLabel = CNodeSaveCaller;
#endif
    if (invLabel < CNodeRevoke || invLabel > lastLabel) {
        userError("CNodeCap: Illegal Operation attempted.");
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (length < 2) {
        userError("CNode operation: Truncated message.");
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t index = getSyscallArg(0, buffer);
    word_t depth = getSyscallArg(1, buffer);
    lookupSlot_ret_t lu = lookupSlotForCNodeOp(false, cap, index, depth);
    if (lu.status != EXCEPTION_NONE) {
        userError("CNode operation: Target slot invalid.");
        return lu.status;
    }
    cte_t *destSlot = lu.slot;

    switch (invLabel) {
    case CNodeCopy:
    case CNodeMint:
    case CNodeMove:
    case CNodeMutate:
        return decodeCNodeCopyFamily(invLabel, length, destSlot, buffer);
    case CNodeRevoke:
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeCNodeRevoke(destSlot);
    case CNodeDelete:
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeCNodeDelete(destSlot);
#ifndef CONFIG_KERNEL_MCS
    case CNodeSaveCaller: {
        exception_t status = ensureEmptySlot(destSlot);
        if (status != EXCEPTION_NONE) {
            userError("CNode SaveCaller: Destination slot not empty.");
            return status;
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeCNodeSaveCaller(destSlot);
    }
#endif
    case CNodeCancelBadgedSends: {
        cap_t destCap = destSlot->cap;
        if (!hasCancelSendRights(destCap)) {
            userError("CNode CancelBadgedSends: Target cap invalid.");
            return syscall_error_simple(seL4_IllegalOperation);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeCNodeCancelBadgedSends(destCap);
    }
    case CNodeRotate:
        return decodeCNodeRotate(length, destSlot, buffer);
    default:
        userError("CNodeCap: Illegal Operation attempted.");
        return syscall_error_simple(seL4_IllegalOperation);
    }
}
