/*
 * Resolving capability addresses (cptrs) through CNodes, as seL4 does (seL4's
 * src/kernel/cspace.c).
 */
#pragma once

#include <object/structures.h>

typedef struct lookupCap_ret {
    exception_t status;
    cap_t cap;
} lookupCap_ret_t;

typedef struct lookupCapAndSlot_ret {
    exception_t status;
    cap_t cap;
    cte_t *slot;
} lookupCapAndSlot_ret_t;

typedef struct lookupSlot_raw_ret {
    exception_t status;
    cte_t *slot;
} lookupSlot_raw_ret_t;

typedef struct lookupSlot_ret {
    exception_t status;
    cte_t *slot;
} lookupSlot_ret_t;

typedef struct resolveAddressBits_ret {
    exception_t status;
    cte_t *slot;
    word_t bitsRemaining;
} resolveAddressBits_ret_t;

/* The failure of the last lookup, reported to user space as seL4 does. */
extern lookup_fault_t current_lookup_fault;

lookupCap_ret_t lookupCap(tcb_t *thread, cptr_t cPtr);
lookupCapAndSlot_ret_t lookupCapAndSlot(tcb_t *thread, cptr_t cPtr);
lookupSlot_raw_ret_t lookupSlot(tcb_t *thread, cptr_t capptr);
lookupSlot_ret_t lookupSlotForCNodeOp(bool_t isSource, cap_t root, cptr_t capptr, word_t depth);
resolveAddressBits_ret_t resolveAddressBits(cap_t nodeCap, cptr_t capptr, word_t n_bits);
