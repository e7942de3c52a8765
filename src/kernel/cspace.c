/*
 * CSpace address resolution. A cptr is consumed from its most significant end: at each
 * CNode the guard must match, then radix bits pick a slot; resolution continues into a
 * CNode cap found there while bits remain (seL4's resolveAddressBits, src/kernel/cspace.c).
 */
#include <kernel/cspace.h>
#include <api/failures.h>
#include <kernel/usererror.h>

lookup_fault_t current_lookup_fault;

resolveAddressBits_ret_t resolveAddressBits(cap_t nodeCap, cptr_t capptr, word_t n_bits)
{
    resolveAddressBits_ret_t ret = { .status = EXCEPTION_NONE, .slot = NULL,
                                     .bitsRemaining = n_bits };
    if (cap_get_capType(nodeCap) != cap_cnode_cap) {
        current_lookup_fault = lookup_fault_invalid_root_new();
        ret.status = EXCEPTION_LOOKUP_FAULT;
        return ret;
    }
    /* each level consumes at least one bit, so this loop ends within 64 levels */
    for (;;) {
        word_t radixBits = cap_cnode_cap_get_capCNodeRadix(nodeCap);
        word_t guardBits = cap_cnode_cap_get_capCNodeGuardSize(nodeCap);
        word_t levelBits = radixBits + guardBits;
        word_t capGuard = cap_cnode_cap_get_capCNodeGuard(nodeCap);
        assert(levelBits != 0);

        /* guardBits < 64 because a CNode's radix is at least 1 */
        word_t guard = guardBits > n_bits ? 0 :
                       (capptr >> ((n_bits - guardBits) & MASK(wordRadix))) & MASK(guardBits);
        if (guardBits > n_bits || guard != capGuard) {
            current_lookup_fault = lookup_fault_guard_mismatch_new(capGuard, n_bits, guardBits);
            ret.status = EXCEPTION_LOOKUP_FAULT;
            return ret;
        }
        if (levelBits > n_bits) {
            current_lookup_fault = lookup_fault_depth_mismatch_new(levelBits, n_bits);
            ret.status = EXCEPTION_LOOKUP_FAULT;
            return ret;
        }
        word_t offset = (capptr >> (n_bits - levelBits)) & MASK(radixBits);
        cte_t *slot = CNODE_PTR(cap_cnode_cap_get_capCNodePtr(nodeCap)) + offset;
        if (n_bits == levelBits) {
            ret.slot = slot;
            ret.bitsRemaining = 0;
            return ret;
        }
        n_bits -= levelBits;
        if (cap_get_capType(slot->cap) != cap_cnode_cap) {
            ret.slot = slot;
            ret.bitsRemaining = n_bits;
            return ret;
        }
        nodeCap = slot->cap;
    }
}

lookupSlot_raw_ret_t lookupSlot(tcb_t *thread, cptr_t capptr)
{
    cap_t threadRoot = TCB_CTE_PTR(thread, tcbCTable)->cap;
    resolveAddressBits_ret_t res = resolveAddressBits(threadRoot, capptr, wordBits);
    return (lookupSlot_raw_ret_t){ .status = res.status, .slot = res.slot };
}

lookupCap_ret_t lookupCap(tcb_t *thread, cptr_t cPtr)
{
    lookupSlot_raw_ret_t res = lookupSlot(thread, cPtr);
    if (unlikely(res.status != EXCEPTION_NONE)) {
        return (lookupCap_ret_t){ .status = res.status, .cap = cap_null_cap_new() };
    }
    return (lookupCap_ret_t){ .status = EXCEPTION_NONE, .cap = res.slot->cap };
}

lookupCapAndSlot_ret_t lookupCapAndSlot(tcb_t *thread, cptr_t cPtr)
{
    lookupSlot_raw_ret_t res = lookupSlot(thread, cPtr);
    if (unlikely(res.status != EXCEPTION_NONE)) {
        return (lookupCapAndSlot_ret_t){ .status = res.status, .cap = cap_null_cap_new(),
                                         .slot = NULL };
    }
    return (lookupCapAndSlot_ret_t){ .status = EXCEPTION_NONE, .cap = res.slot->cap,
                                     .slot = res.slot };
}

/* What resolveAddressBits found wrong, for the diagnostic. */
static const char *lookupFaultName(lookup_fault_t fault)
{
    switch (lookup_fault_get_lufType(fault)) {
    case lookup_fault_invalid_root:
        return "a level is not a CNode";
    case lookup_fault_missing_capability:
        return "no cap there";
    case lookup_fault_depth_mismatch:
        return "the depth ends inside a level";
    case lookup_fault_guard_mismatch:
        return "a guard does not match";
    default:
        return "unknown lookup fault";
    }
}

/* Lookups on behalf of CNode operations must land exactly on a slot at the given depth. */
lookupSlot_ret_t lookupSlotForCNodeOp(bool_t isSource, cap_t root, cptr_t capptr, word_t depth)
{
    lookupSlot_ret_t ret = { .status = EXCEPTION_SYSCALL_ERROR, .slot = NULL };
    if (unlikely(cap_get_capType(root) != cap_cnode_cap)) {
        userError("CNode lookup: the %s root is a cap of type %lu, not a CNode.",
                  isSource ? "source" : "destination", (word_t)cap_get_capType(root));
        current_lookup_fault = lookup_fault_invalid_root_new();
        syscall_error_failed_lookup(isSource);
        return ret;
    }
    if (unlikely(depth < 1 || depth > wordBits)) {
        userError("CNode lookup: depth %lu is outside 1..%lu.", depth, (word_t)wordBits);
        syscall_error_range(1, wordBits);
        return ret;
    }
    resolveAddressBits_ret_t res = resolveAddressBits(root, capptr, depth);
    if (unlikely(res.status != EXCEPTION_NONE)) {
        userError("CNode lookup: index 0x%lx at depth %lu fails: %s.", capptr, depth,
                  lookupFaultName(current_lookup_fault));
        syscall_error_failed_lookup(isSource);
        return ret;
    }
    if (unlikely(res.bitsRemaining != 0)) {
        userError("CNode lookup: index 0x%lx at depth %lu stops at a non-CNode cap with %lu "
                  "bits left.", capptr, depth, res.bitsRemaining);
        current_lookup_fault = lookup_fault_depth_mismatch_new(0, res.bitsRemaining);
        syscall_error_failed_lookup(isSource);
        return ret;
    }
    ret.status = EXCEPTION_NONE;
    ret.slot = res.slot;
    return ret;
}
