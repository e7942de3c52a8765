/*
 * The capability derivation tree (MDB). Every slot is on one doubly linked list in
 * depth-first order of derivation; a cap's descendants follow it directly. Deleting
 * and revoking walk this list, with preemption points, and never recurse.
 */
#include <object/mdb.h>
#include <object/objecttype.h>
#include <object/untyped.h>
#include <model/preemption.h>
#include <machine/io.h>

/*
 * A derived cap is revocable (can have its own children revoked separately) when it
 * is a fresh badge of an endpoint or notification, an untyped, or an IRQ handler
 * issued from IRQControl.
 */
bool_t isCapRevocable(cap_t derivedCap, cap_t srcCap)
{
    switch (cap_get_capType(derivedCap)) {
    case cap_endpoint_cap:
        return cap_endpoint_cap_get_capEPBadge(derivedCap) !=
               cap_endpoint_cap_get_capEPBadge(srcCap);
    case cap_notification_cap:
        return cap_notification_cap_get_capNtfnBadge(derivedCap) !=
               cap_notification_cap_get_capNtfnBadge(srcCap);
    case cap_irq_handler_cap:
        return cap_get_capType(srcCap) == cap_irq_control_cap;
    case cap_untyped_cap:
        return true;
    default:
        return false;
    }
}

/*
 * A copy of an untyped cap covers the same memory but keeps its own free index. Objects
 * made through the copy are invisible to the original's free index, so the original is
 * marked full: once the copy and its objects are gone, retyping from the original resets
 * (clears) the whole region instead of handing out memory the copy's objects dirtied.
 */
static void setUntypedCapAsFull(cap_t srcCap, cap_t newCap, cte_t *srcSlot)
{
    if (cap_get_capType(srcCap) == cap_untyped_cap && cap_get_capType(newCap) == cap_untyped_cap &&
        cap_untyped_cap_get_capPtr(srcCap) == cap_untyped_cap_get_capPtr(newCap) &&
        cap_untyped_cap_get_capBlockSize(srcCap) == cap_untyped_cap_get_capBlockSize(newCap)) {
        srcSlot->cap = cap_untyped_cap_set_capFreeIndex(
                           srcCap, MAX_FREE_INDEX(cap_untyped_cap_get_capBlockSize(srcCap)));
    }
}

void cteInsert(cap_t newCap, cte_t *srcSlot, cte_t *destSlot)
{
    setUntypedCapAsFull(srcSlot->cap, newCap, srcSlot);
    assert(cap_get_capType(destSlot->cap) == cap_null_cap);
    mdbLinkAfter(srcSlot, destSlot, newCap, isCapRevocable(newCap, srcSlot->cap));
#ifdef CONFIG_DEBUG_BUILD
    debug_check_mdb_slot(destSlot);
#endif
}

#ifndef CONFIG_KERNEL_MCS
/* Every non-MCS thread owns a master reply cap in its reply slot. */
void setupReplyMaster(tcb_t *thread)
{
    cte_t *slot = TCB_CTE_PTR(thread, tcbReply);
    if (cap_get_capType(slot->cap) == cap_null_cap) {
        slot->cap = cap_reply_cap_new(true, true, TCB_REF(thread));
        slot->cteMDBNode = mdb_node_new(0, false, false, 0);
        mdb_node_ptr_set_mdbRevocable(&slot->cteMDBNode, true);
        mdb_node_ptr_set_mdbFirstBadged(&slot->cteMDBNode, true);
    }
}
#endif

#ifdef CONFIG_DEBUG_BUILD
/* The links around a slot point back at it. */
void debug_check_mdb_slot(const cte_t *slot)
{
    word_t prev = mdb_node_get_mdbPrev(slot->cteMDBNode);
    word_t next = mdb_node_get_mdbNext(slot->cteMDBNode);
    if (prev && mdb_node_get_mdbNext(CTE_PTR(prev)->cteMDBNode) != (word_t)slot) {
        printf("MDB: slot %p has prev %p whose next is %p\n", (void *)slot, (void *)prev,
               (void *)mdb_node_get_mdbNext(CTE_PTR(prev)->cteMDBNode));
        fail("derivation tree link broken");
    }
    if (next && mdb_node_get_mdbPrev(CTE_PTR(next)->cteMDBNode) != (word_t)slot) {
        printf("MDB: slot %p has next %p whose prev is %p\n", (void *)slot, (void *)next,
               (void *)mdb_node_get_mdbPrev(CTE_PTR(next)->cteMDBNode));
        fail("derivation tree link broken");
    }
}
#endif

/*
 * Is b a child of a in the derivation tree? Only a revocable cap has children; a
 * badged endpoint/notification cap's children are those with its badge that were not
 * themselves minted with a fresh badge.
 */
bool_t isMDBParentOf(cte_t *a, cte_t *b)
{
    if (!mdb_node_get_mdbRevocable(a->cteMDBNode) || !sameRegionAs(a->cap, b->cap)) {
        return false;
    }
    switch (cap_get_capType(a->cap)) {
    case cap_endpoint_cap: {
        word_t badge = cap_endpoint_cap_get_capEPBadge(a->cap);
        if (badge == 0) {
            return true;
        }
        return badge == cap_endpoint_cap_get_capEPBadge(b->cap) &&
               !mdb_node_get_mdbFirstBadged(b->cteMDBNode);
    }
    case cap_notification_cap: {
        word_t badge = cap_notification_cap_get_capNtfnBadge(a->cap);
        if (badge == 0) {
            return true;
        }
        return badge == cap_notification_cap_get_capNtfnBadge(b->cap) &&
               !mdb_node_get_mdbFirstBadged(b->cteMDBNode);
    }
    default:
        return true;
    }
}

/* True if no cap was derived from slot's cap. */
bool_t slotHasNoChildren(cte_t *slot)
{
    word_t next = mdb_node_get_mdbNext(slot->cteMDBNode);
    return !next || !isMDBParentOf(slot, CTE_PTR(next));
}

/* --- moving and swapping ------------------------------------------------------------ */

/* Move a cap to an empty slot, taking its place in the tree with it. */
void cteMove(cap_t newCap, cte_t *srcSlot, cte_t *destSlot)
{
    assert(cap_get_capType(destSlot->cap) == cap_null_cap);
    mdb_node_t mdb = srcSlot->cteMDBNode;
    destSlot->cap = newCap;
    srcSlot->cap = cap_null_cap_new();
    destSlot->cteMDBNode = mdb;
    srcSlot->cteMDBNode = mdb_node_new(0, false, false, 0);
    word_t prev = mdb_node_get_mdbPrev(mdb), next = mdb_node_get_mdbNext(mdb);
    if (prev) {
        mdb_node_ptr_set_mdbNext(&CTE_PTR(prev)->cteMDBNode, (word_t)destSlot);
    }
    if (next) {
        mdb_node_ptr_set_mdbPrev(&CTE_PTR(next)->cteMDBNode, (word_t)destSlot);
    }
}

/* Exchange two caps and their places in the tree (both slots non-empty). */
void cteSwap(cap_t cap1, cte_t *slot1, cap_t cap2, cte_t *slot2)
{
    mdb_node_t mdb1 = slot1->cteMDBNode;
    slot1->cap = cap2;
    slot2->cap = cap1;

    word_t prev = mdb_node_get_mdbPrev(mdb1), next = mdb_node_get_mdbNext(mdb1);
    if (prev) {
        mdb_node_ptr_set_mdbNext(&CTE_PTR(prev)->cteMDBNode, (word_t)slot2);
    }
    if (next) {
        mdb_node_ptr_set_mdbPrev(&CTE_PTR(next)->cteMDBNode, (word_t)slot2);
    }
    /* adjacent slots: the links just written may be slot2's own */
    mdb1 = slot1->cteMDBNode;
    mdb_node_t mdb2 = slot2->cteMDBNode;
    slot1->cteMDBNode = mdb2;
    slot2->cteMDBNode = mdb1;

    prev = mdb_node_get_mdbPrev(mdb2);
    next = mdb_node_get_mdbNext(mdb2);
    if (prev) {
        mdb_node_ptr_set_mdbNext(&CTE_PTR(prev)->cteMDBNode, (word_t)slot1);
    }
    if (next) {
        mdb_node_ptr_set_mdbPrev(&CTE_PTR(next)->cteMDBNode, (word_t)slot1);
    }
#ifdef CONFIG_DEBUG_BUILD
    debug_check_mdb_slot(slot1);
    debug_check_mdb_slot(slot2);
#endif
}

static void capSwapForDelete(cte_t *slot1, cte_t *slot2)
{
    if (slot1 != slot2) {
        cteSwap(slot1->cap, slot1, slot2->cap, slot2);
    }
}

/* --- deletion ----------------------------------------------------------------------- */

/* Is this the last cap to its object (neither tree neighbour names the same object)? */
bool_t isFinalCapability(cte_t *cte)
{
    mdb_node_t mdb = cte->cteMDBNode;
    word_t prev = mdb_node_get_mdbPrev(mdb), next = mdb_node_get_mdbNext(mdb);
    if (prev && sameObjectAs(CTE_PTR(prev)->cap, cte->cap)) {
        return false;
    }
    return !next || !sameObjectAs(cte->cap, CTE_PTR(next)->cap);
}

static void emptySlot(cte_t *slot, cap_t cleanupInfo)
{
    if (cap_get_capType(slot->cap) == cap_null_cap) {
        return;
    }
    mdbUnlink(slot);
    postCapDeletion(cleanupInfo);
}

/* A zombie whose slots are all cleared (or that only refers to itself) can go. */
static bool_t capRemovable(cap_t cap, cte_t *slot)
{
    switch (cap_get_capType(cap)) {
    case cap_null_cap:
        return true;
    case cap_zombie_cap: {
        word_t n = cap_zombie_cap_get_capZombieNumber(cap);
        cte_t *z_slot = CTE_PTR(cap_zombie_cap_get_capZombiePtr(cap));
        return n == 0 || (n == 1 && slot == z_slot);
    }
    default:
        fail("capRemovable: finalisation left a live cap");
    }
}

static bool_t capCyclicZombie(cap_t cap, cte_t *slot)
{
    return cap_get_capType(cap) == cap_zombie_cap &&
           CTE_PTR(cap_zombie_cap_get_capZombiePtr(cap)) == slot;
}

typedef struct finaliseSlot_ret {
    exception_t status;
    bool_t success;
    cap_t cleanupInfo;
} finaliseSlot_ret_t;

static exception_t reduceZombie(cte_t *slot, bool_t immediate);

/*
 * Finalise the cap in slot. Deleting a CNode or TCB turns the cap into a zombie whose
 * slots are emptied one at a time (each a preemption point); a zombie met inside
 * another's slots is swapped out to be finished by its owner. Iteration, not
 * recursion: the nesting depth of cteDelete is bounded by two.
 */
static finaliseSlot_ret_t finaliseSlot(cte_t *slot, bool_t immediate)
{
    while (cap_get_capType(slot->cap) != cap_null_cap) {
        bool_t final = isFinalCapability(slot);
        finaliseCap_ret_t fc = finaliseCap(slot->cap, final, false);
        if (capRemovable(fc.remainder, slot)) {
            return (finaliseSlot_ret_t){ EXCEPTION_NONE, true, fc.cleanupInfo };
        }
        slot->cap = fc.remainder;
        if (!immediate && capCyclicZombie(fc.remainder, slot)) {
            return (finaliseSlot_ret_t){ EXCEPTION_NONE, false, fc.cleanupInfo };
        }
        exception_t status = reduceZombie(slot, immediate);
        if (status != EXCEPTION_NONE) {
            return (finaliseSlot_ret_t){ status, false, cap_null_cap_new() };
        }
        status = preemptionPoint();
        if (status != EXCEPTION_NONE) {
            return (finaliseSlot_ret_t){ status, false, cap_null_cap_new() };
        }
    }
    return (finaliseSlot_ret_t){ EXCEPTION_NONE, true, cap_null_cap_new() };
}

exception_t cteDelete(cte_t *slot, bool_t exposed)
{
    finaliseSlot_ret_t fs = finaliseSlot(slot, exposed);
    if (fs.status != EXCEPTION_NONE) {
        return fs.status;
    }
    if (exposed || fs.success) {
        emptySlot(slot, fs.cleanupInfo);
    }
    return EXCEPTION_NONE;
}

static exception_t reduceZombie(cte_t *slot, bool_t immediate)
{
    cap_t zombie = slot->cap;
    cte_t *ptr = CTE_PTR(cap_zombie_cap_get_capZombiePtr(zombie));
    word_t n = cap_zombie_cap_get_capZombieNumber(zombie);
    word_t type = cap_zombie_cap_get_capZombieType(zombie);
    assert(n > 0);

    if (immediate) {
        /*
         * Deleting an empty slot changes nothing, so a run of them at the zombie's end
         * goes at once: one unit of work each, as one cteDelete each would be, and no
         * more than the units left before the next preemption check. (A test process's
         * CSpace has 2^17 slots, nearly all empty.)
         */
        if (cap_get_capType(ptr[n - 1].cap) == cap_null_cap) {
            word_t k = 1, max = MIN(n, preemptionUnitsLeft() + 1);
            while (k < max && cap_get_capType(ptr[n - 1 - k].cap) == cap_null_cap) {
                k++;
            }
            preemptionConsume(k - 1);
            slot->cap = cap_zombie_cap_set_capZombieNumber(zombie, n - k);
            return EXCEPTION_NONE;
        }
        /* clear the zombie's last remaining slot */
        exception_t status = cteDelete(ptr + n - 1, false);
        if (status != EXCEPTION_NONE) {
            return status;
        }
        switch (cap_get_capType(slot->cap)) {
        case cap_null_cap:
            break;
        case cap_zombie_cap: {
            cte_t *ptr2 = CTE_PTR(cap_zombie_cap_get_capZombiePtr(slot->cap));
            if (ptr == ptr2 && cap_zombie_cap_get_capZombieNumber(slot->cap) == n &&
                cap_zombie_cap_get_capZombieType(slot->cap) == type) {
                slot->cap = cap_zombie_cap_set_capZombieNumber(slot->cap, n - 1);
            } else {
                /* the zombie moved into its own first slot and another took its place */
                assert(ptr2 == slot && ptr != slot);
            }
            break;
        }
        default:
            fail("reduceZombie: expected a zombie or nothing");
        }
    } else {
        /* let the zombie's owner finish it: swap it into the object's own first slot */
        assert(ptr != slot);
        capSwapForDelete(ptr, slot);
    }
    return EXCEPTION_NONE;
}

/* Delete a cap that cannot be the last reference to a cyclic structure (reply caps). */
void cteDeleteOne(cte_t *slot)
{
    if (cap_get_capType(slot->cap) == cap_null_cap) {
        return;
    }
    bool_t final = isFinalCapability(slot);
    finaliseCap_ret_t fc = finaliseCap(slot->cap, final, true);
    assert(capRemovable(fc.remainder, slot) && cap_get_capType(fc.remainder) == cap_null_cap);
    emptySlot(slot, fc.cleanupInfo);
}

/* Delete every descendant of slot's cap, newest first; preemptible. */
exception_t cteRevoke(cte_t *slot)
{
    for (word_t next = mdb_node_get_mdbNext(slot->cteMDBNode);
         next && isMDBParentOf(slot, CTE_PTR(next));
         next = mdb_node_get_mdbNext(slot->cteMDBNode)) {
        exception_t status = cteDelete(CTE_PTR(next), true);
        if (status != EXCEPTION_NONE) {
            return status;
        }
        status = preemptionPoint();
        if (status != EXCEPTION_NONE) {
            return status;
        }
    }
    return EXCEPTION_NONE;
}

/* Deleting this cap may take many steps (a final CNode, TCB or zombie). */
bool_t slotCapLongRunningDelete(cte_t *slot)
{
    if (cap_get_capType(slot->cap) == cap_null_cap || !isFinalCapability(slot)) {
        return false;
    }
    switch (cap_get_capType(slot->cap)) {
    case cap_thread_cap:
    case cap_zombie_cap:
    case cap_cnode_cap:
        return true;
    default:
        return false;
    }
}
