/*
 * CNode slots and the capability derivation tree (MDB).
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
bool_t ensureNoChildren(cte_t *slot);
void cteMove(cap_t newCap, cte_t *srcSlot, cte_t *destSlot);
void cteSwap(cap_t cap1, cte_t *slot1, cap_t cap2, cte_t *slot2);
bool_t isFinalCapability(cte_t *cte);
exception_t cteDelete(cte_t *slot, bool_t exposed);
void cteDeleteOne(cte_t *slot);
exception_t cteRevoke(cte_t *slot);
bool_t slotCapLongRunningDelete(cte_t *slot);
exception_t decodeCNodeInvocation(word_t invLabel, word_t length, cap_t cap, word_t *buffer);
