/*
 * Untyped_Retype: decode every argument and check every destination slot first, then
 * reset the untyped if it has no children (preemptibly), then create the objects.
 * Nothing is changed unless everything was valid (seL4's decodeUntypedInvocation,
 * src/object/untyped.c).
 */
#include <object/untyped.h>
#include <object/mdb.h>
#include <object/objecttype.h>
#include <object/invocation.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <model/preemption.h>
#include <api/failures.h>
#include <api/message.h>
#include <machine/io.h>
#include <kernel/usererror.h>

static bool_t isDeviceRetypeAllowed(word_t newType)
{
    /* device memory is only ever frames or smaller device untyped */
    return newType == seL4_UntypedObject || Arch_isFrameType(newType);
}

exception_t decodeUntypedInvocation(word_t invLabel, word_t length, cte_t *slot, cap_t cap,
                                    bool_t call, word_t *buffer)
{
    (void)call;
    if (invLabel != UntypedRetype) {
        userError("Untyped: label %lu is not an Untyped invocation.", invLabel);
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (length < 6 || current_extra_caps.excaprefs[0] == NULL) {
        userErrorTruncated("Untyped Retype", length, 6, 1);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t newType = getSyscallArg(0, buffer);
    word_t userObjSize = getSyscallArg(1, buffer);
    word_t nodeIndex = getSyscallArg(2, buffer);
    word_t nodeDepth = getSyscallArg(3, buffer);
    word_t nodeOffset = getSyscallArg(4, buffer);
    word_t nodeWindow = getSyscallArg(5, buffer);
    cap_t rootCap = current_extra_caps.excaprefs[0]->cap;

    if (newType >= seL4_ObjectTypeCount) {
        userError("Untyped Retype: object type %lu does not exist (%lu types).", newType,
                  (word_t)seL4_ObjectTypeCount);
        return syscall_error_invalid_argument(0);
    }
    if (userObjSize >= wordBits || getObjectSize(newType, userObjSize) > seL4_MaxUntypedBits) {
        userError("Untyped Retype: size %lu makes a type %lu object larger than 2^%lu bytes.",
                  userObjSize, newType, (word_t)seL4_MaxUntypedBits);
        return syscall_error_range(0, seL4_MaxUntypedBits);
    }
    if (newType == seL4_CapTableObject && userObjSize == 0) {
        userError("Untyped Retype: a CNode of 2^0 slots cannot be made (size 0).");
        return syscall_error_invalid_argument(1);
    }
    if (newType == seL4_UntypedObject && userObjSize < seL4_MinUntypedBits) {
        userError("Untyped Retype: untyped of 2^%lu bytes is below the minimum 2^%lu.",
                  userObjSize, (word_t)seL4_MinUntypedBits);
        return syscall_error_invalid_argument(1);
    }
#ifdef CONFIG_KERNEL_MCS
    if (newType == seL4_SchedContextObject && userObjSize < seL4_MinSchedContextBits) {
        userError("Untyped Retype: scheduling context of 2^%lu bytes is below the minimum "
                  "2^%lu.", userObjSize, (word_t)seL4_MinSchedContextBits);
        return syscall_error_invalid_argument(1);
    }
#endif
    word_t objectSize = getObjectSize(newType, userObjSize);

    cap_t nodeCap;
    if (nodeDepth == 0) {
        nodeCap = rootCap;
    } else {
        lookupSlot_ret_t lu = lookupSlotForCNodeOp(false, rootCap, nodeIndex, nodeDepth);
        if (lu.status != EXCEPTION_NONE) {
            userError("Untyped Retype: destination CNode (index 0x%lx, depth %lu) not found.",
                      nodeIndex, nodeDepth);
            return lu.status;
        }
        nodeCap = lu.slot->cap;
    }
    if (cap_get_capType(nodeCap) != cap_cnode_cap) {
        userError("Untyped Retype: the destination %s (index 0x%lx, depth %lu) is a cap of type "
                  "%lu, not a CNode.", nodeDepth ? "slot" : "root", nodeIndex, nodeDepth,
                  (word_t)cap_get_capType(nodeCap));
        current_lookup_fault = lookup_fault_missing_capability_new(nodeDepth);
        return syscall_error_failed_lookup(false);
    }

    word_t nodeSize = BIT(cap_cnode_cap_get_capCNodeRadix(nodeCap));
    if (nodeOffset > nodeSize - 1) {
        userError("Untyped Retype: destination offset %lu is past the CNode's last slot %lu.",
                  nodeOffset, nodeSize - 1);
        return syscall_error_range(0, nodeSize - 1);
    }
    if (nodeWindow < 1 || nodeWindow > CONFIG_RETYPE_FAN_OUT_LIMIT) {
        userError("Untyped Retype: %lu objects requested; one call makes 1 to %lu.", nodeWindow,
                  (word_t)CONFIG_RETYPE_FAN_OUT_LIMIT);
        return syscall_error_range(1, CONFIG_RETYPE_FAN_OUT_LIMIT);
    }
    if (nodeWindow > nodeSize - nodeOffset) {
        userError("Untyped Retype: %lu objects from slot %lu do not fit in a CNode of %lu slots.",
                  nodeWindow, nodeOffset, nodeSize);
        return syscall_error_range(1, nodeSize - nodeOffset);
    }
    cte_t *destCNode = CNODE_PTR(cap_cnode_cap_get_capCNodePtr(nodeCap));
    for (word_t i = nodeOffset; i < nodeOffset + nodeWindow; i++) {
        if (cap_get_capType(destCNode[i].cap) != cap_null_cap) {
            userError("Untyped Retype: destination slot %lu is not empty.", i);
            return syscall_error_simple(seL4_DeleteFirst);
        }
    }

    /* no children: the whole untyped is free again (it is reset first) */
    bool_t reset = slotHasNoChildren(slot);
    word_t freeIndex = reset ? 0 : cap_untyped_cap_get_capFreeIndex(cap);
    pptr_t regionBase = cap_untyped_cap_get_capPtr(cap);
    pptr_t freeRef = GET_FREE_REF(regionBase, freeIndex);
    word_t blockSize = cap_untyped_cap_get_capBlockSize(cap);
    word_t untypedFreeBytes = BIT(blockSize) - FREE_INDEX_TO_OFFSET(freeIndex);
    /* untypeds are aligned to their size, so the free space is whole objects after rounding */
    if ((untypedFreeBytes >> objectSize) < nodeWindow) {
        userError("Untyped Retype: %lu objects of 2^%lu bytes do not fit in the %lu bytes left.",
                  nodeWindow, objectSize, untypedFreeBytes);
        current_syscall_error.memoryLeft = untypedFreeBytes;
        return syscall_error_simple(seL4_NotEnoughMemory);
    }
    pptr_t alignedFreeRef = ROUND_UP(freeRef, objectSize);
    bool_t deviceMemory = cap_untyped_cap_get_capIsDevice(cap);
    if (deviceMemory && !isDeviceRetypeAllowed(newType)) {
        userError("Untyped Retype: device memory becomes only frames or untyped, not type %lu.",
                  newType);
        return syscall_error_invalid_argument(1);
    }

    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeUntyped_Retype(slot, reset, alignedFreeRef, newType, userObjSize, destCNode,
                                nodeOffset, nodeWindow, deviceMemory);
}

/*
 * Clear what was used of an untyped, from the top down, one chunk per preemption
 * point. The free index follows the cleared part down: it is written when the kernel
 * stops clearing (preempted, or done), the only times anything can read it, so after
 * an interruption the cap says exactly which memory may be dirty and the restarted
 * call continues from there.
 */
compile_assert(reset_chunk_whole_steps, CONFIG_RESET_CHUNK_BITS >= 6);

static exception_t resetUntypedCap(cte_t *srcSlot)
{
    cap_t cap = srcSlot->cap;
    word_t blockSize = cap_untyped_cap_get_capBlockSize(cap);
    pptr_t regionBase = cap_untyped_cap_get_capPtr(cap);
    word_t offset = FREE_INDEX_TO_OFFSET(cap_untyped_cap_get_capFreeIndex(cap));
    bool_t deviceMemory = cap_untyped_cap_get_capIsDevice(cap);
    word_t chunk = CONFIG_RESET_CHUNK_BITS;

    if (offset == 0) {
        return EXCEPTION_NONE;
    }
    if (deviceMemory || blockSize < chunk) {
        /* device memory is never touched; tiny untypeds are cleared in one go */
        if (!deviceMemory) {
            memset((void *)regionBase, 0, BIT(blockSize));
        }
        srcSlot->cap = cap_untyped_cap_set_capFreeIndex(cap, 0);
        return EXCEPTION_NONE;
    }
    for (sword_t o = (sword_t)ROUND_DOWN(offset - 1, chunk); o >= 0; o -= (sword_t)BIT(chunk)) {
        memzero64((void *)(regionBase + o), BIT(chunk));
        exception_t status = preemptionPoint();
        if (status != EXCEPTION_NONE) {
            srcSlot->cap = cap_untyped_cap_set_capFreeIndex(cap, OFFSET_TO_FREE_INDEX(o));
            return status;
        }
    }
    srcSlot->cap = cap_untyped_cap_set_capFreeIndex(cap, 0);
    return EXCEPTION_NONE;
}

exception_t invokeUntyped_Retype(cte_t *srcSlot, bool_t reset, pptr_t retypeBase,
                                 word_t newType, word_t userSize, cte_t *destCNode,
                                 word_t destOffset, word_t destLength, bool_t deviceMemory)
{
    pptr_t regionBase = cap_untyped_cap_get_capPtr(srcSlot->cap);
    if (reset) {
        exception_t status = resetUntypedCap(srcSlot);
        if (status != EXCEPTION_NONE) {
            return status;
        }
    }
    word_t objectSize = getObjectSize(newType, userSize);
    pptr_t freeRef = retypeBase + (destLength << objectSize);
    srcSlot->cap = cap_untyped_cap_set_capFreeIndex(srcSlot->cap,
                                                    GET_FREE_INDEX(regionBase, freeRef));
    for (word_t i = 0; i < destLength; i++) {
        cap_t cap = createObject(newType, retypeBase + (i << objectSize), userSize, deviceMemory);
        /* a new cap goes right after its untyped parent in the derivation tree */
        mdbLinkAfter(srcSlot, destCNode + destOffset + i, cap, true);
    }
#ifdef CONFIG_DEBUG_BUILD
    debug_check_untyped_children(srcSlot, destLength);
#endif
    return EXCEPTION_NONE;
}

#ifdef CONFIG_DEBUG_BUILD
/*
 * The first count children of an untyped (the newest) lie inside it and below its free
 * index. The invariant checker looks at all of them; after a retype, the new ones are
 * what changed.
 */
void debug_check_untyped_children(const cte_t *slot, word_t count)
{
    cap_t cap = slot->cap;
    word_t base = cap_untyped_cap_get_capPtr(cap);
    word_t top = GET_FREE_REF(base, cap_untyped_cap_get_capFreeIndex(cap));
    word_t end = base + BIT(cap_untyped_cap_get_capBlockSize(cap));
    word_t n = mdb_node_get_mdbNext(slot->cteMDBNode);
    for (word_t i = 0; i < count && n && isMDBParentOf((cte_t *)slot, CTE_PTR(n));
         i++, n = mdb_node_get_mdbNext(CTE_PTR(n)->cteMDBNode)) {
        cap_t child = CTE_PTR(n)->cap;
        word_t cbase = cap_get_capPtr(child);
        word_t cend = cbase + BIT(cap_get_capSizeBits(child));
        if (cbase < base || cend > end || cend > top) {
            printf("untyped %p..%p (free from %p) has child %p..%p\n", (void *)base, (void *)end,
                   (void *)top, (void *)cbase, (void *)cend);
            fail("object outside its untyped");
        }
        debug_check_mdb_slot(CTE_PTR(n));
    }
}
#endif
