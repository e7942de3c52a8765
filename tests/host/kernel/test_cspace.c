/*
 * CSpace address resolution (src/kernel/cspace.c) over random CNode graphs built in
 * host memory: guards of every size, cycles, leaves of other types. Every lookup is
 * compared with a reference that consumes the cptr bit string as seL4's specification
 * describes it (slot, bits remaining, lookup fault and its details), and paths built
 * down the graph must resolve to the slot they were built for.
 */
#include <stdio.h>
#include <string.h>

#include <object/structures.h>
#include <kernel/cspace.h>
#include <api/failures.h>

#include "testlib.h"
#include "shim.h"

#define MAX_NODES 12

typedef struct node {
    cte_t *slots;
    word_t radix;
} node_t;

static node_t nodes[MAX_NODES];
static unsigned n_nodes;

static word_t bits_of(word_t v, word_t n)
{
    return n >= 64 ? v : v & ((1ul << n) - 1);
}

/* A cap to node i with a random guard that leaves room for the radix. */
static cap_t random_cnode_cap(unsigned i)
{
    word_t radix = nodes[i].radix;
    word_t guardSize;
    switch (rnd_below(4)) {
    case 0: guardSize = 0; break;
    case 1: guardSize = rnd_below(4); break;
    case 2: guardSize = 64 - radix; break;
    default: guardSize = rnd_below(64 - radix + 1); break;
    }
    word_t guard = bits_of(rnd(), guardSize);
    return cap_cnode_cap_new(radix, guardSize, guard, (word_t)nodes[i].slots);
}

static void build_graph(void)
{
    arena_reset();
    n_nodes = 1 + rnd_below(MAX_NODES);
    for (unsigned i = 0; i < n_nodes; i++) {
        nodes[i].radix = 1 + rnd_below(rnd_chance(10) ? 10 : 5);
        nodes[i].slots = arena_alloc(sizeof(cte_t) << nodes[i].radix,
                                     seL4_SlotBits + nodes[i].radix);
    }
    for (unsigned i = 0; i < n_nodes; i++) {
        for (word_t s = 0; s < BIT(nodes[i].radix); s++) {
            unsigned k = rnd_below(10);
            if (k < 4) {
                nodes[i].slots[s].cap = random_cnode_cap(rnd_below(n_nodes));
            } else if (k < 7) {
                nodes[i].slots[s].cap = cap_endpoint_cap_new(rnd(), 1, 1, 1, 1, 0x1000 * (s + 1));
            } else if (k < 8) {
                nodes[i].slots[s].cap = cap_notification_cap_new(0, 1, 1, 0x2000);
            } else {
                nodes[i].slots[s].cap = cap_null_cap_new();
            }
        }
    }
}

/* --- the reference ----------------------------------------------------------------- */

typedef struct ref_result {
    int fault;              /* -1: none; else lookup_fault tag */
    cte_t *slot;
    word_t bitsRemaining;
    word_t guardFound, bitsLeft, bitsFound;
} ref_result_t;

/* The k bits of the n-bit address after the first `pos` of them. */
static word_t take(word_t cptr, word_t n, word_t pos, word_t k)
{
    word_t shift = n - pos - k;
    return k == 0 ? 0 : bits_of(cptr >> shift, k);
}

static ref_result_t ref_resolve(cap_t root, word_t cptr, word_t n)
{
    ref_result_t r = { .fault = -1, .slot = NULL, .bitsRemaining = n };
    if (cap_get_capType(root) != cap_cnode_cap) {
        r.fault = lookup_fault_invalid_root;
        return r;
    }
    word_t pos = 0;                 /* bits of the address consumed so far */
    cap_t node = root;
    for (;;) {
        word_t radix = cap_cnode_cap_get_capCNodeRadix(node);
        word_t gsize = cap_cnode_cap_get_capCNodeGuardSize(node);
        word_t guard = cap_cnode_cap_get_capCNodeGuard(node);
        word_t left = n - pos;
        if (gsize > left || take(cptr, n, pos, gsize) != guard) {
            r.fault = lookup_fault_guard_mismatch;
            r.guardFound = guard;
            r.bitsLeft = left;
            r.bitsFound = gsize;
            return r;
        }
        if (gsize + radix > left) {
            r.fault = lookup_fault_depth_mismatch;
            r.bitsFound = gsize + radix;
            r.bitsLeft = left;
            return r;
        }
        word_t index = take(cptr, n, pos + gsize, radix);
        cte_t *slot = (cte_t *)cap_cnode_cap_get_capCNodePtr(node) + index;
        pos += gsize + radix;
        if (pos == n || cap_get_capType(slot->cap) != cap_cnode_cap) {
            r.slot = slot;
            r.bitsRemaining = n - pos;
            return r;
        }
        node = slot->cap;
    }
}

static void check_fault(const ref_result_t *r, lookup_fault_t f, word_t cptr, word_t n)
{
    CHECK(lookup_fault_get_lufType(f) == (word_t)r->fault,
          "cptr %#lx depth %lu: fault type %lu, expected %d", cptr, n,
          lookup_fault_get_lufType(f), r->fault);
    switch (r->fault) {
    case lookup_fault_guard_mismatch:
        CHECK(lookup_fault_guard_mismatch_get_guardFound(f) == r->guardFound &&
              lookup_fault_guard_mismatch_get_bitsLeft(f) == r->bitsLeft &&
              lookup_fault_guard_mismatch_get_bitsFound(f) == r->bitsFound,
              "cptr %#lx depth %lu: guard mismatch details (%#lx,%lu,%lu), expected "
              "(%#lx,%lu,%lu)", cptr, n, lookup_fault_guard_mismatch_get_guardFound(f),
              lookup_fault_guard_mismatch_get_bitsLeft(f),
              lookup_fault_guard_mismatch_get_bitsFound(f), r->guardFound, r->bitsLeft,
              r->bitsFound);
        break;
    case lookup_fault_depth_mismatch:
        CHECK(lookup_fault_depth_mismatch_get_bitsFound(f) == r->bitsFound &&
              lookup_fault_depth_mismatch_get_bitsLeft(f) == r->bitsLeft,
              "cptr %#lx depth %lu: depth mismatch details (%lu,%lu), expected (%lu,%lu)",
              cptr, n, lookup_fault_depth_mismatch_get_bitsFound(f),
              lookup_fault_depth_mismatch_get_bitsLeft(f), r->bitsFound, r->bitsLeft);
        break;
    default:
        break;
    }
}

static void check_resolve(cap_t root, word_t cptr, word_t n)
{
    ref_result_t r = ref_resolve(root, cptr, n);
    current_lookup_fault = lookup_fault_missing_capability_new(0x55);
    resolveAddressBits_ret_t k = resolveAddressBits(root, cptr, n);
    if (r.fault < 0) {
        CHECK(k.status == EXCEPTION_NONE && k.slot == r.slot &&
              k.bitsRemaining == r.bitsRemaining,
              "cptr %#lx depth %lu: got status %lu slot %p rem %lu, expected slot %p rem %lu",
              cptr, n, k.status, (void *)k.slot, k.bitsRemaining, (void *)r.slot,
              r.bitsRemaining);
    } else {
        CHECK(k.status == EXCEPTION_LOOKUP_FAULT,
              "cptr %#lx depth %lu: status %lu, expected a lookup fault", cptr, n, k.status);
        check_fault(&r, current_lookup_fault, cptr, n);
    }

    /* the CNode-operation form: exact depth, errors as syscall errors */
    bool_t src = rnd_chance(50);
    memset(&current_syscall_error, 0, sizeof(current_syscall_error));
    lookupSlot_ret_t l = lookupSlotForCNodeOp(src, root, cptr, n);
    if (r.fault >= 0) {
        CHECK(l.status == EXCEPTION_SYSCALL_ERROR &&
              current_syscall_error.type == seL4_FailedLookup &&
              current_syscall_error.failedLookupWasSource == src,
              "CNodeOp cptr %#lx depth %lu: status %lu error %lu", cptr, n, l.status,
              current_syscall_error.type);
        check_fault(&r, current_lookup_fault, cptr, n);
    } else if (r.bitsRemaining) {
        CHECK(l.status == EXCEPTION_SYSCALL_ERROR &&
              current_syscall_error.type == seL4_FailedLookup &&
              lookup_fault_get_lufType(current_lookup_fault) == lookup_fault_depth_mismatch &&
              lookup_fault_depth_mismatch_get_bitsFound(current_lookup_fault) == 0 &&
              lookup_fault_depth_mismatch_get_bitsLeft(current_lookup_fault) == r.bitsRemaining,
              "CNodeOp cptr %#lx depth %lu: expected depth mismatch (0, %lu)", cptr, n,
              r.bitsRemaining);
    } else {
        CHECK(l.status == EXCEPTION_NONE && l.slot == r.slot,
              "CNodeOp cptr %#lx depth %lu: status %lu slot %p, expected %p", cptr, n,
              l.status, (void *)l.slot, (void *)r.slot);
    }
}

/* Build the address of a slot reached by a random walk; returns its depth (0: none). */
static word_t random_path(cap_t root, word_t *cptr_out, cte_t **slot_out)
{
    word_t cptr = 0, n = 0;
    cap_t node = root;
    for (;;) {
        word_t radix = cap_cnode_cap_get_capCNodeRadix(node);
        word_t gsize = cap_cnode_cap_get_capCNodeGuardSize(node);
        if (n + gsize + radix > 64) {
            return 0;
        }
        word_t index = rnd_below(BIT(radix));
        word_t part = (cap_cnode_cap_get_capCNodeGuard(node) << radix) | index;
        word_t level = gsize + radix;
        cptr = level == 64 ? part : (cptr << level) | part;
        n += level;
        cte_t *slot = (cte_t *)cap_cnode_cap_get_capCNodePtr(node) + index;
        if (cap_get_capType(slot->cap) != cap_cnode_cap || rnd_chance(30)) {
            *cptr_out = cptr;
            *slot_out = slot;
            return n;
        }
        node = slot->cap;
    }
}

int main(int argc, char **argv)
{
    test_init("host-san-cspace", argc, argv);
    unsigned long graphs = test_iters(300), lookups = 0, paths = 0;
    for (unsigned long g = 0; g < graphs; g++) {
        build_graph();
        cap_t root = random_cnode_cap(0);
        for (unsigned i = 0; i < 400; i++) {
            word_t cptr, n;
            cte_t *slot;
            unsigned k = rnd_below(10);
            if (k < 4 && (n = random_path(root, &cptr, &slot))) {
                /* the slot the path was built for, at exactly its depth */
                resolveAddressBits_ret_t res = resolveAddressBits(root, cptr, n);
                CHECK(res.status == EXCEPTION_NONE && res.slot == slot && res.bitsRemaining == 0,
                      "path %#lx depth %lu: got %p rem %lu, built for %p", cptr, n,
                      (void *)res.slot, res.bitsRemaining, (void *)slot);
                paths++;
                /* the same address left-aligned in a deeper lookup, or with noise */
                if (n < 64 && rnd_chance(50)) {
                    word_t extra = 1 + rnd_below(64 - n);
                    cptr = (cptr << extra) | bits_of(rnd(), extra);
                    n += extra;
                } else if (rnd_chance(50)) {
                    cptr ^= 1ul << rnd_below(n);
                }
            } else {
                cptr = rnd_edgy();
                n = rnd_chance(20) ? 64 : 1 + rnd_below(64);
            }
            check_resolve(root, cptr, n);
            lookups++;
        }
        /* roots that are not CNodes, and depths outside [1, 64] */
        cap_t bad = rnd_chance(50) ? cap_null_cap_new() : cap_endpoint_cap_new(0, 1, 1, 1, 1, 0x1000);
        check_resolve(bad, rnd(), 1 + rnd_below(64));
        word_t depth = rnd_chance(50) ? 0 : 65 + rnd_below(1000);
        memset(&current_syscall_error, 0, sizeof(current_syscall_error));
        lookupSlot_ret_t l = lookupSlotForCNodeOp(false, root, rnd(), depth);
        CHECK(l.status == EXCEPTION_SYSCALL_ERROR && current_syscall_error.type == seL4_RangeError &&
              current_syscall_error.rangeErrorMin == 1 && current_syscall_error.rangeErrorMax == 64,
              "depth %lu: expected RangeError [1, 64]", depth);
    }
    printf("host-san-cspace: %lu graphs, %lu lookups (%lu along built paths)\n", graphs,
           lookups, paths);
    return test_finish();
}
