/*
 * The capability derivation tree (MDB): inserting, moving, swapping, deleting and
 * revoking caps in CNode slots (src/object/mdb.c), as seL4's src/object/cnode.c does.
 */
#pragma once

#include <object/structures.h>

void cteInsert(cap_t newCap, cte_t *srcSlot, cte_t *destSlot);
bool_t isCapRevocable(cap_t derivedCap, cap_t srcCap);
#ifndef CONFIG_KERNEL_MCS
void setupReplyMaster(tcb_t *thread);
#endif
#ifdef CONFIG_DEBUG_BUILD
void debug_check_mdb_slot(const cte_t *slot);
#endif
bool_t isMDBParentOf(cte_t *a, cte_t *b);
bool_t slotHasNoChildren(cte_t *slot);
void cteMove(cap_t newCap, cte_t *srcSlot, cte_t *destSlot);
void cteSwap(cap_t cap1, cte_t *slot1, cap_t cap2, cte_t *slot2);
bool_t isFinalCapability(cte_t *cte);
exception_t cteDelete(cte_t *slot, bool_t exposed);
void cteDeleteOne(cte_t *slot);
exception_t cteRevoke(cte_t *slot);
bool_t slotCapLongRunningDelete(cte_t *slot);

/*
 * The two MDB link operations everything else is built from, inline so the fastpath
 * can use them without a call. Linking puts a cap into an empty slot right after
 * `after` in the tree; unlinking takes a slot's cap out, passing its first-badged
 * mark to its successor, and leaves the slot empty. Neither runs any finalisation.
 */
static inline void mdbLinkAfter(cte_t *after, cte_t *slot, cap_t cap, bool_t revocable)
{
    word_t next = mdb_node_get_mdbNext(after->cteMDBNode);
    slot->cap = cap;
    slot->cteMDBNode = mdb_node_new(next, revocable, revocable, (word_t)after);
    if (next) {
        mdb_node_ptr_set_mdbPrev(&CTE_PTR(next)->cteMDBNode, (word_t)slot);
    }
    /* mdbNext is all of its word */
    mdb_node_ptr_set_mdbNext_np(&after->cteMDBNode, (word_t)slot);
}

static inline void mdbUnlink(cte_t *slot)
{
    mdb_node_t mdb = slot->cteMDBNode;
    word_t prev = mdb_node_get_mdbPrev(mdb), next = mdb_node_get_mdbNext(mdb);
    if (prev) {
        /* mdbNext is all of its word */
        mdb_node_ptr_set_mdbNext_np(&CTE_PTR(prev)->cteMDBNode, next);
    }
    if (next) {
        /* the first badged cap's badge lineage passes to its successor */
        mdb_node_t *n = &CTE_PTR(next)->cteMDBNode;
        mdb_node_ptr_mset_mdbFirstBadged_mdbPrev(
            n, mdb_node_ptr_is_mdbFirstBadged(n) || mdb_node_is_mdbFirstBadged(mdb), prev);
    }
    slot->cap = cap_null_cap_new();
    slot->cteMDBNode = mdb_node_new(0, false, false, 0);
}
