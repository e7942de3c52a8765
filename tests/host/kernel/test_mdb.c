/*
 * The capability derivation tree (src/object/mdb.c, the link operations of
 * include/object/cnode.h, retype's insertions in src/object/untyped.c): random
 * sequences of retypes, copies and mints, moves, mutates, swaps, deletes and revokes
 * over a CNode of slots in host memory and the CNodes and TCBs retyped into it, with
 * preemption at random (an interrupted delete or revoke is restarted, as the kernel
 * restarts the syscall).
 *
 * The oracle keeps seL4's abstract derivation tree: for every cap its cdt parent and
 * whether it is an original (seL4's abstract specification: cap_insert with
 * should_be_parent_of, cap_move, cap_swap, empty_slot), with children in the order
 * the kernel's list must keep them (newest first). Deletion is simulated on that tree
 * as seL4 defines it (finaliseSlot, reduceZombie, capSwapForDelete over slots, with
 * finality decided over all caps rather than list neighbours), and revoke deletes
 * first children until none is left. After every step:
 *  - every slot holds the cap the oracle expects; empty slots have no links;
 *  - links are mutual, every live slot is on exactly one list, once, and no list
 *    reaches a slot that is not live; each slot's successor is its oracle successor
 *    in depth-first order;
 *  - for every cap, the run of slots after it that the kernel counts as its
 *    descendants (isMDBParentOf) is exactly its oracle descendants, and its revocable
 *    bit is the oracle's "original";
 *  - two live objects never overlap unless one is an untyped the other descends from;
 *  - finalisation ran for exactly the endpoints, notifications and threads whose last
 *    cap went, and CNodes and TCBs nothing names any more have empty slots.
 * After each preemption the links are checked too.
 */
#include <stdio.h>
#include <string.h>

#include <object/structures.h>
#include <object/objecttype.h>
#include <object/untyped.h>
#include <object/mdb.h>
#include <object/cnode.h>
#include <object/invocation.h>
#include <api/failures.h>
#include <kernel/cspace.h>
#include <model/statedata.h>

exception_t decodeCNodeInvocation(word_t invLabel, word_t length, cap_t cap, word_t *buffer);

#include "testlib.h"
#include "shim.h"
#include "ref_caps.h"

#define S_RADIX     7
#define S_SLOTS     BIT(S_RADIX)
#define MEM_BITS    18              /* the root untyped */
#define MAX_ENT     4096
#define MAX_OBJ     1024

static cte_t *S;                    /* the test's CNode */
static cte_t *S_root;               /* a slot holding a cap to S (outside the universe) */
static word_t mem;                  /* the root untyped's memory */

/* --- the oracle -------------------------------------------------------------------- */

typedef struct entity {
    int alive;
    cap_t cap;
    int parent;         /* entity; 0 is the root of the forest (not a cap) */
    int original;
    cte_t *slot;
    int first, next, prev;  /* children, newest first; siblings */
} entity_t;

static entity_t ent[MAX_ENT];
static int n_ent;

/* objects with slots (CNodes, TCBs) created by retype */
typedef struct tobj {
    int alive;
    cap_t cap;          /* the cap it was created with: its identity */
    cte_t *slots;
    int n;
} tobj_t;

static tobj_t obj[MAX_OBJ];
static int n_obj;

/* slot -> entity: slots live in S or in the root untyped's memory */
static int slot_ent_S[S_SLOTS];
static int slot_ent_mem[BIT(MEM_BITS - seL4_SlotBits)];

static int *slot_map(const cte_t *s)
{
    word_t a = (word_t)s;
    if (a >= (word_t)S && a < (word_t)(S + S_SLOTS)) {
        return &slot_ent_S[s - S];
    }
    if (a >= mem && a < mem + BIT(MEM_BITS) && !(a & MASK(seL4_SlotBits))) {
        return &slot_ent_mem[(a - mem) >> seL4_SlotBits];
    }
    return NULL;
}

static int ent_at(const cte_t *s)
{
    int *m = slot_map(s);
    return m ? *m : 0;
}

/* tree surgery: link x as first child of p, or right after sibling s */
static void tree_link(int x, int p, int after)
{
    ent[x].parent = p;
    ent[x].prev = after;
    ent[x].next = after ? ent[after].next : ent[p].first;
    if (after) {
        ent[after].next = x;
    } else {
        ent[p].first = x;
    }
    if (ent[x].next) {
        ent[ent[x].next].prev = x;
    }
}

/* unlink x; its children take its place, in order */
static void tree_remove(int x)
{
    int p = ent[x].parent, after = ent[x].prev;
    int next = ent[x].next;
    if (after) {
        ent[after].next = next;
    } else {
        ent[p].first = next;
    }
    if (next) {
        ent[next].prev = after;
    }
    for (int c = ent[x].first; c;) {
        int cn = ent[c].next;
        tree_link(c, p, after);
        after = c;
        c = cn;
    }
    ent[x].first = 0;
}

static int ent_new(cte_t *slot, cap_t cap, int parent, int after, int original)
{
    int e = 0;
    for (int i = 1; i < n_ent; i++) {
        if (!ent[i].alive) {
            e = i;
            break;
        }
    }
    if (!e) {
        CHECK(n_ent < MAX_ENT, "too many entities");
        e = n_ent++;
    }
    ent[e] = (entity_t){ .alive = 1, .cap = cap, .original = original, .slot = slot };
    tree_link(e, parent, after);
    *slot_map(slot) = e;
    return e;
}

static int is_ancestor(int a, int e)
{
    for (int p = ent[e].parent; p; p = ent[p].parent) {
        if (p == a) {
            return 1;
        }
    }
    return 0;
}

/* the next entity in depth-first order within e's root tree, or 0 */
static int dfs_next(int e)
{
    if (ent[e].first) {
        return ent[e].first;
    }
    for (int x = e; ent[x].parent; x = ent[x].parent) {
        if (ent[x].next) {
            return ent[x].next;
        }
    }
    return 0;
}

/* The universe: S's slots and the slots of every live CNode and TCB. */
#define FOR_UNIVERSE(s) \
    for (int _o = -1; _o < n_obj; _o++) \
        if (_o < 0 || obj[_o].alive) \
            for (int _i = 0; _i < (_o < 0 ? (int)S_SLOTS : obj[_o].n); _i++) \
                for (cte_t *s = _o < 0 ? &S[_i] : &obj[_o].slots[_i]; s; s = NULL)

static int owner_of(const cte_t *s)
{
    for (int o = 0; o < n_obj; o++) {
        if (obj[o].alive && s >= obj[o].slots && s < obj[o].slots + obj[o].n) {
            return o;
        }
    }
    return -1;
}

/* seL4's should_be_parent_of (abstract spec, CSpace_A) */
static int should_be_parent(cap_t src, int src_original, cap_t new_cap, int new_original)
{
    if (!src_original || !ref_same_region(src, new_cap)) {
        return 0;
    }
    if (cap_get_capType(src) == cap_endpoint_cap && cap_endpoint_cap_get_capEPBadge(src)) {
        return cap_endpoint_cap_get_capEPBadge(src) == cap_endpoint_cap_get_capEPBadge(new_cap) &&
               !new_original;
    }
    if (cap_get_capType(src) == cap_notification_cap && cap_notification_cap_get_capNtfnBadge(src)) {
        return cap_notification_cap_get_capNtfnBadge(src) ==
               cap_notification_cap_get_capNtfnBadge(new_cap) && !new_original;
    }
    return 1;
}

static int names_object(cap_t c, const tobj_t *o)
{
    if (cap_get_capType(c) == cap_zombie_cap) {
        return CTE_PTR(cap_zombie_cap_get_capZombiePtr(c)) == o->slots;
    }
    return ref_same_object(o->cap, c);
}

/* finalisation calls the simulation made */
static unsigned long exp_cancelAllIPC, exp_cancelAllSignals, exp_suspend, exp_deletingIRQHandler;
static unsigned long exp_cancelBadgedSends;

static cap_t slot_cap(const cte_t *s)
{
    int e = ent_at(s);
    return e > 0 ? ent[e].cap : cap_null_cap_new();
}

/* the last cap to its object, judged over every cap (zombies never share) */
static int o_is_final(int e)
{
    for (int f = 1; f < n_ent; f++) {
        if (f != e && ent[f].alive && ref_same_object(ent[e].cap, ent[f].cap)) {
            return 0;
        }
    }
    return 1;
}

static cap_t o_finalise_cap(cap_t c, int final)
{
    switch (cap_get_capType(c)) {
    case cap_endpoint_cap:
        exp_cancelAllIPC += final;
        return cap_null_cap_new();
    case cap_notification_cap:
        exp_cancelAllSignals += final;
        return cap_null_cap_new();
    case cap_cnode_cap:
        if (final) {
            word_t radix = cap_cnode_cap_get_capCNodeRadix(c);
            return Zombie_new(BIT(radix), radix, cap_cnode_cap_get_capCNodePtr(c));
        }
        return cap_null_cap_new();
    case cap_thread_cap:
        if (final) {
            exp_suspend++;
            return Zombie_new(tcbCNodeEntries, ZombieType_ZombieTCB,
                              (word_t)TCB_CTE_PTR(cap_thread_cap_get_capTCBPtr(c), 0));
        }
        return cap_null_cap_new();
    case cap_irq_handler_cap:
        exp_deletingIRQHandler += final;
        return cap_null_cap_new();
    case cap_zombie_cap:
        return c;
    default:
        return cap_null_cap_new();
    }
}

static int o_removable(cap_t c, const cte_t *slot)
{
    if (cap_get_capType(c) == cap_null_cap) {
        return 1;
    }
    CHECK(cap_get_capType(c) == cap_zombie_cap, "oracle: finalisation left type %lu",
          cap_get_capType(c));
    word_t n = cap_zombie_cap_get_capZombieNumber(c);
    return n == 0 || (n == 1 && CTE_PTR(cap_zombie_cap_get_capZombiePtr(c)) == slot);
}

static void o_empty_slot(cte_t *slot)
{
    int e = ent_at(slot);
    if (e > 0) {
        tree_remove(e);
        ent[e].alive = 0;
        *slot_map(slot) = 0;
    }
}

static void o_swap(cte_t *a, cte_t *b)
{
    if (a == b) {
        return;
    }
    int ea = ent_at(a), eb = ent_at(b);
    *slot_map(a) = eb;
    *slot_map(b) = ea;
    if (ea) {
        ent[ea].slot = b;
    }
    if (eb) {
        ent[eb].slot = a;
    }
}

static void o_cte_delete(cte_t *slot, int exposed);

static void o_reduce_zombie(cte_t *slot, int immediate)
{
    cap_t z = slot_cap(slot);
    cte_t *ptr = CTE_PTR(cap_zombie_cap_get_capZombiePtr(z));
    word_t n = cap_zombie_cap_get_capZombieNumber(z);
    word_t type = cap_zombie_cap_get_capZombieType(z);
    CHECK(n > 0, "oracle: reducing an empty zombie");
    if (immediate) {
        o_cte_delete(ptr + n - 1, 0);
        cap_t now = slot_cap(slot);
        if (cap_get_capType(now) == cap_zombie_cap) {
            cte_t *ptr2 = CTE_PTR(cap_zombie_cap_get_capZombiePtr(now));
            if (ptr2 == ptr && cap_zombie_cap_get_capZombieNumber(now) == n &&
                cap_zombie_cap_get_capZombieType(now) == type) {
                ent[ent_at(slot)].cap = cap_zombie_cap_set_capZombieNumber(now, n - 1);
            } else {
                CHECK(ptr2 == slot && ptr != slot, "oracle: expected a self-referential zombie");
            }
        } else {
            CHECK(cap_get_capType(now) == cap_null_cap, "oracle: expected a zombie or nothing");
        }
    } else {
        CHECK(ptr != slot, "oracle: cyclic zombie passed to unexposed reduceZombie");
        o_swap(ptr, slot);
    }
}

/* seL4's finaliseSlot; returns whether the slot may be emptied */
static int o_finalise_slot(cte_t *slot, int immediate)
{
    while (ent_at(slot) > 0) {
        int e = ent_at(slot);
        cap_t rem = o_finalise_cap(ent[e].cap, o_is_final(e));
        if (o_removable(rem, slot)) {
            return 1;
        }
        ent[e].cap = rem;
        if (!immediate && CTE_PTR(cap_zombie_cap_get_capZombiePtr(rem)) == slot) {
            return 0;
        }
        o_reduce_zombie(slot, immediate);
    }
    return 1;
}

static void o_cte_delete(cte_t *slot, int exposed)
{
    if (o_finalise_slot(slot, exposed) || exposed) {
        o_empty_slot(slot);
    }
}

static void o_revoke(cte_t *slot)
{
    /* as the kernel does: delete whatever follows the slot's cap as its descendant */
    for (int x; (x = ent_at(slot)) && ent[x].first;) {
        o_cte_delete(ent[ent[x].first].slot, 1);
    }
}

/* --- the checks -------------------------------------------------------------------- */

static int visits_S[S_SLOTS], visits_mem[BIT(MEM_BITS - seL4_SlotBits)];

static int *visits(const cte_t *s)
{
    if (s >= S && s < S + S_SLOTS) {
        return &visits_S[s - S];
    }
    return &visits_mem[((word_t)s - mem) >> seL4_SlotBits];
}

static int in_universe(word_t a)
{
    if (!slot_map((const cte_t *)a)) {
        return 0;
    }
    if (a >= (word_t)S && a < (word_t)(S + S_SLOTS)) {
        return 1;
    }
    return owner_of((const cte_t *)a) >= 0;
}

/* Links only: holds in every state the kernel leaves, preempted or not. */
static void check_links(const char *when)
{
    memset(visits_S, 0, sizeof(visits_S));
    memset(visits_mem, 0, sizeof(visits_mem));
    int live = 0;
    FOR_UNIVERSE(s) {
        word_t prev = mdb_node_get_mdbPrev(s->cteMDBNode), next = mdb_node_get_mdbNext(s->cteMDBNode);
        if (cap_get_capType(s->cap) == cap_null_cap) {
            CHECK(s->cteMDBNode.words[0] == 0 && s->cteMDBNode.words[1] == 0,
                  "%s: empty slot %p has MDB %#lx:%#lx", when, (void *)s, s->cteMDBNode.words[0],
                  s->cteMDBNode.words[1]);
            continue;
        }
        live++;
        CHECK(!prev || (in_universe(prev) && mdb_node_get_mdbNext(CTE_PTR(prev)->cteMDBNode) ==
                        (word_t)s && cap_get_capType(CTE_PTR(prev)->cap) != cap_null_cap),
              "%s: slot %p: prev %p does not link back", when, (void *)s, (void *)prev);
        CHECK(!next || (in_universe(next) && mdb_node_get_mdbPrev(CTE_PTR(next)->cteMDBNode) ==
                        (word_t)s && cap_get_capType(CTE_PTR(next)->cap) != cap_null_cap),
              "%s: slot %p: next %p does not link back", when, (void *)s, (void *)next);
    }
    int seen = 0;
    FOR_UNIVERSE(s) {
        if (cap_get_capType(s->cap) == cap_null_cap || mdb_node_get_mdbPrev(s->cteMDBNode)) {
            continue;
        }
        for (cte_t *x = s; x; x = CTE_PTR(mdb_node_get_mdbNext(x->cteMDBNode))) {
            CHECK(++*visits(x) == 1, "%s: slot %p reached twice (a cycle)", when, (void *)x);
            seen++;
        }
    }
    CHECK(seen == live, "%s: %d live slots but %d on lists", when, live, seen);
}

static void check_all(const char *op)
{
    check_links(op);
    /* contents and the tree */
    FOR_UNIVERSE(s) {
        int e = ent_at(s);
        if (!e) {
            CHECK(cap_get_capType(s->cap) == cap_null_cap, "%s: slot %p should be empty, holds "
                  "type %lu", op, (void *)s, cap_get_capType(s->cap));
            continue;
        }
        CHECK(caps_equal(s->cap, ent[e].cap), "%s: slot %p holds %#lx:%#lx, expected %#lx:%#lx",
              op, (void *)s, s->cap.words[0], s->cap.words[1], ent[e].cap.words[0],
              ent[e].cap.words[1]);
        CHECK(mdb_node_get_mdbRevocable(s->cteMDBNode) == (word_t)ent[e].original,
              "%s: slot %p revocable %lu, oracle original %d", op, (void *)s,
              mdb_node_get_mdbRevocable(s->cteMDBNode), ent[e].original);
        int succ = dfs_next(e);
        word_t next = mdb_node_get_mdbNext(s->cteMDBNode);
        CHECK(succ ? next == (word_t)ent[succ].slot : (!next || ent[ent_at(CTE_PTR(next))].parent == 0),
              "%s: slot %p (type %lu) is followed by %p (type %lu), expected %p", op, (void *)s,
              cap_get_capType(s->cap), (void *)next,
              next ? cap_get_capType(CTE_PTR(next)->cap) : 0,
              succ ? (void *)ent[succ].slot : NULL);
        int run = 0;
        for (word_t n = mdb_node_get_mdbNext(s->cteMDBNode); n && isMDBParentOf(s, CTE_PTR(n));
             n = mdb_node_get_mdbNext(CTE_PTR(n)->cteMDBNode)) {
            int d = ent_at(CTE_PTR(n));
            CHECK(d > 0 && is_ancestor(e, d), "%s: slot %p (type %lu) is followed by %p (type "
                  "%lu) as a descendant, which it is not", op, (void *)s,
                  cap_get_capType(s->cap), (void *)n, cap_get_capType(CTE_PTR(n)->cap));
            run++;
        }
        int desc = 0;
        for (int d = 1; d < n_ent; d++) {
            desc += ent[d].alive && is_ancestor(e, d);
        }
        CHECK(run == desc, "%s: slot %p (type %lu) has %d descendants, the kernel sees %d", op,
              (void *)s, cap_get_capType(s->cap), desc, run);
    }
    /* objects never overlap unless an untyped contains its descendants */
    for (int a = 1; a < n_ent; a++) {
        if (!ent[a].alive) {
            continue;
        }
        region_view_t va = view(ent[a].cap);
        if (!va.physical) {
            continue;
        }
        for (int b = a + 1; b < n_ent; b++) {
            if (!ent[b].alive) {
                continue;
            }
            region_view_t vb = view(ent[b].cap);
            if (!vb.physical || va.base + BIT(va.bits) <= vb.base || vb.base + BIT(vb.bits) <= va.base) {
                continue;
            }
            int ok = ref_same_object(ent[a].cap, ent[b].cap) ||
                     (cap_get_capType(ent[a].cap) == cap_untyped_cap && is_ancestor(a, b)) ||
                     (cap_get_capType(ent[b].cap) == cap_untyped_cap && is_ancestor(b, a));
            CHECK(ok, "%s: live objects overlap: type %lu at %#lx (2^%lu) and type %lu at %#lx "
                  "(2^%lu)", op, cap_get_capType(ent[a].cap), va.base, va.bits,
                  cap_get_capType(ent[b].cap), vb.base, vb.bits);
        }
    }
    CHECK(shim_calls.deletingIRQHandler == exp_deletingIRQHandler &&
          shim_calls.deletedIRQHandler == exp_deletingIRQHandler,
          "%s: IRQ handler finalisations %lu/%lu/%lu", op, shim_calls.deletingIRQHandler,
          shim_calls.deletedIRQHandler, exp_deletingIRQHandler);
    CHECK(shim_calls.cancelBadgedSends == exp_cancelBadgedSends, "%s: cancelBadgedSends %lu/%lu",
          op, shim_calls.cancelBadgedSends, exp_cancelBadgedSends);
    CHECK(shim_calls.cancelAllIPC == exp_cancelAllIPC &&
          shim_calls.cancelAllSignals == exp_cancelAllSignals && shim_calls.suspend == exp_suspend,
          "%s: finalisations: cancelAllIPC %lu/%lu cancelAllSignals %lu/%lu suspend %lu/%lu", op,
          shim_calls.cancelAllIPC, exp_cancelAllIPC, shim_calls.cancelAllSignals,
          exp_cancelAllSignals, shim_calls.suspend, exp_suspend);
}

/* CNodes and TCBs left without caps: finalised, so their slots are empty; forget them. */
static void reap_objects(const char *op)
{
    for (int o = 0; o < n_obj; o++) {
        if (!obj[o].alive) {
            continue;
        }
        int named = 0;
        for (int e = 1; e < n_ent && !named; e++) {
            named = ent[e].alive && names_object(ent[e].cap, &obj[o]);
        }
        if (named) {
            continue;
        }
        for (int i = 0; i < obj[o].n; i++) {
            cte_t *s = &obj[o].slots[i];
            CHECK(cap_get_capType(s->cap) == cap_null_cap && !s->cteMDBNode.words[0] &&
                  !s->cteMDBNode.words[1], "%s: slot %d of a finalised object still holds type "
                  "%lu", op, i, cap_get_capType(s->cap));
            CHECK(!ent_at(s), "%s: oracle kept a cap in a finalised object", op);
        }
        obj[o].alive = 0;
    }
}

/* --- operations -------------------------------------------------------------------- */

/*
 * Slots a user could name: S's, and those of CNodes some cap (not a zombie) names.
 * TCB slots are not addressable through CNode operations, and neither is anything
 * only a zombie still refers to.
 */
static int addressable(const cte_t *s)
{
    int o = owner_of(s);
    if (o < 0) {
        return 1;
    }
    if (cap_get_capType(obj[o].cap) != cap_cnode_cap) {
        return 0;
    }
    for (int e = 1; e < n_ent; e++) {
        if (ent[e].alive && cap_get_capType(ent[e].cap) != cap_zombie_cap &&
            names_object(ent[e].cap, &obj[o])) {
            return 1;
        }
    }
    return 0;
}

static cte_t *pick_live(int in_S_only)
{
    cte_t *c[S_SLOTS + 8 * MAX_OBJ];
    int n = 0;
    FOR_UNIVERSE(s) {
        int e = ent_at(s);
        if (e && cap_get_capType(ent[e].cap) != cap_zombie_cap &&
            (!in_S_only || (s >= S && s < S + S_SLOTS)) && addressable(s)) {
            c[n++] = s;
        }
    }
    return n ? c[rnd_below(n)] : NULL;
}

static cte_t *pick_empty(void)
{
    cte_t *c[S_SLOTS + 8 * MAX_OBJ];
    int n = 0;
    FOR_UNIVERSE(s) {
        if (!ent_at(s) && addressable(s)) {
            c[n++] = s;
        }
    }
    return n ? c[rnd_below(n)] : NULL;
}

static int root_ent;
static unsigned long n_zombies;
static unsigned long n_ops[8], n_noop[8], n_preempt;


static unsigned long retype_err[seL4_NumErrors];

static void op_retype(void)
{
    /* the untyped */
    cte_t *u = NULL;
    for (int tries = 0; tries < 20 && !u; tries++) {
        cte_t *s = pick_live(0);
        if (s && cap_get_capType(s->cap) == cap_untyped_cap) {
            u = s;
        }
    }
    if (!u) {
        n_noop[0]++;
        return;
    }
    /* the destination CNode: S or a retyped CNode */
    cte_t *root = S_root;
    if (rnd_chance(30)) {
        cte_t *s = pick_live(0);
        if (s && cap_get_capType(s->cap) == cap_cnode_cap) {
            root = s;
        }
    }
    cte_t *dest = CNODE_PTR(cap_cnode_cap_get_capCNodePtr(root->cap));
    word_t size = BIT(cap_cnode_cap_get_capCNodeRadix(root->cap));
    static const word_t types[] = { seL4_UntypedObject, seL4_TCBObject, seL4_EndpointObject,
                                    seL4_NotificationObject, seL4_CapTableObject,
                                    seL4_RISCV_4K_Page, seL4_RISCV_PageTableObject,
#ifdef CONFIG_KERNEL_MCS
                                    seL4_SchedContextObject, seL4_ReplyObject,
#endif
                                  };
    word_t type = types[rnd_below(ARRAY_SIZE(types))];
    word_t ubits = cap_untyped_cap_get_capBlockSize(u->cap);
    word_t user = type == seL4_UntypedObject ? seL4_MinUntypedBits + rnd_below(ubits - 3) :
                  type == seL4_CapTableObject ? 1 + rnd_below(3) :
#ifdef CONFIG_KERNEL_MCS
                  type == seL4_SchedContextObject ? seL4_MinSchedContextBits + rnd_below(3) :
#endif
                  0;
    word_t *a = shim_syscall_args;
    a[0] = type, a[1] = user, a[2] = 0, a[3] = 0;
    a[4] = rnd_below(size);
    a[5] = 1 + rnd_below(MIN(3ul, size - a[4]));
    current_extra_caps.excaprefs[0] = root;

    int ue = ent_at(u);
    cap_t ucap = u->cap;
    exception_t st = decodeUntypedInvocation(UntypedRetype, 6, u, u->cap, true, shim_args());
    CHECK(st == EXCEPTION_NONE || st == EXCEPTION_SYSCALL_ERROR, "retype: status %lu", st);
    if (st != EXCEPTION_NONE) {
        retype_err[current_syscall_error.type]++;
        n_noop[0]++;
        return;
    }
    CHECK(cap_untyped_cap_set_capFreeIndex(u->cap, 0).words[1] ==
          cap_untyped_cap_set_capFreeIndex(ucap, 0).words[1] && u->cap.words[0] == ucap.words[0],
          "retype changed more than the untyped's free index");
    ent[ue].cap = u->cap;
    for (word_t i = 0; i < a[5]; i++) {
        cte_t *s = &dest[a[4] + i];
        cap_t c = s->cap;
        ent_new(s, c, ue, 0, 1);
        word_t t = cap_get_capType(c);
        if (t == cap_cnode_cap || t == cap_thread_cap) {
            CHECK(n_obj < MAX_OBJ, "too many objects");
            tobj_t *o = &obj[n_obj++];
            o->alive = 1;
            o->cap = c;
            if (t == cap_cnode_cap) {
                o->slots = CNODE_PTR(cap_cnode_cap_get_capCNodePtr(c));
                o->n = BIT(cap_cnode_cap_get_capCNodeRadix(c));
            } else {
                o->slots = TCB_CTE_PTR(cap_thread_cap_get_capTCBPtr(c), 0);
                o->n = tcbCNodeEntries;
#ifndef CONFIG_KERNEL_MCS
                /* its master reply cap: an original of its own */
                ent_new(&o->slots[tcbReply],
                        cap_reply_cap_new(1, 1, cap_thread_cap_get_capTCBPtr(c)), 0, 0, 1);
#endif
            }
        }
    }
    n_ops[0]++;
}

/* endpoints and notifications carry the badge rules: pick them more often */
static cte_t *pick_live_badgeable(void)
{
    cte_t *s = pick_live(0);
    for (int tries = 0; tries < 4 && s && rnd_chance(70); tries++) {
        word_t t = cap_get_capType(s->cap);
        if (t == cap_endpoint_cap || t == cap_notification_cap) {
            break;
        }
        s = pick_live(0);
    }
    return s;
}

static void op_copy(int mint)
{
    cte_t *src = pick_live_badgeable(), *dest = pick_empty();
    if (!src || !dest) {
        n_noop[1]++;
        return;
    }
    int se = ent_at(src);
    cap_t srcCap = src->cap;
    seL4_CapRights_t rights = { .words = { rnd_chance(70) ? 0xf : rnd_below(16) } };
    cap_t newCap = maskCapRights(rights, srcCap);
    if (mint) {
        word_t data = rnd_chance(80) ? 1 + rnd_below(2) : rnd_edgy();
        newCap = updateCapData(false, data, newCap);
    }
    deriveCap_ret_t dc = deriveCap(src, newCap);
    if (dc.status != EXCEPTION_NONE || cap_get_capType(dc.cap) == cap_null_cap) {
        n_noop[1]++;
        return;
    }
    int original = ref_revocable(dc.cap, srcCap);
    int child = should_be_parent(srcCap, ent[se].original, dc.cap, original);
    CHECK(child || !ent[se].first, "oracle: a sibling would go between a cap and its children");
    /* setUntypedCapAsFull */
    if (cap_get_capType(srcCap) == cap_untyped_cap && cap_get_capType(dc.cap) == cap_untyped_cap &&
        view(srcCap).base == view(dc.cap).base && view(srcCap).bits == view(dc.cap).bits) {
        ent[se].cap = cap_untyped_cap_set_capFreeIndex(srcCap,
                                                       MAX_FREE_INDEX(view(srcCap).bits));
    }
    cteInsert(dc.cap, src, dest);
    if (child) {
        ent_new(dest, dc.cap, se, 0, original);
    } else {
        ent_new(dest, dc.cap, ent[se].parent, se, original);
    }
    n_ops[1]++;
}

static void op_move(int mutate)
{
    cte_t *src = pick_live(0), *dest = pick_empty();
    if (!src || !dest) {
        n_noop[2]++;
        return;
    }
    cap_t newCap = src->cap;
    if (mutate) {
        newCap = updateCapData(true, rnd_edgy(), newCap);
        if (cap_get_capType(newCap) == cap_null_cap) {
            n_noop[2]++;
            return;
        }
    }
    int e = ent_at(src);
    cteMove(newCap, src, dest);
    *slot_map(src) = 0;
    *slot_map(dest) = e;
    ent[e].slot = dest;
    ent[e].cap = newCap;
    n_ops[2]++;
}

/* IRQControl_Get: a handler for an IRQ that has none, as a child of IRQControl */
static void op_irq_get(void)
{
    cte_t *ctl = NULL, *dest = pick_empty();
    word_t irq = 1 + rnd_below(8);
    for (int e = 1; e < n_ent; e++) {
        if (!ent[e].alive) {
            continue;
        }
        if (cap_get_capType(ent[e].cap) == cap_irq_control_cap && addressable(ent[e].slot)) {
            ctl = ent[e].slot;
        }
        if (cap_get_capType(ent[e].cap) == cap_irq_handler_cap &&
            cap_irq_handler_cap_get_capIRQ(ent[e].cap) == irq) {
            n_noop[6]++;
            return;             /* IRQ already active: the kernel refuses */
        }
    }
    if (!ctl || !dest) {
        n_noop[6]++;
        return;
    }
    cap_t h = cap_irq_handler_cap_new(irq);
    CHECK(isCapRevocable(h, ctl->cap), "a handler from IRQControl is revocable");
    cteInsert(h, ctl, dest);
    ent_new(dest, h, ent_at(ctl), 0, 1);
    n_ops[6]++;
}

static void op_swap(void)
{
    cte_t *a = pick_live(0), *b = pick_live(0);
    if (!a || !b || a == b) {
        n_noop[3]++;
        return;
    }
    int ea = ent_at(a), eb = ent_at(b);
    cteSwap(a->cap, a, b->cap, b);
    *slot_map(a) = eb;
    *slot_map(b) = ea;
    ent[ea].slot = b;
    ent[eb].slot = a;
    n_ops[3]++;
}

static void run_preemptible(exception_t (*fn)(cte_t *, bool_t), cte_t *slot, bool_t arg,
                            const char *what)
{
    /* a restarted call looks its slot up again: only S's slots are sure to be there */
    shim_preempt_percent = rnd_chance(40) && slot >= S && slot < S + S_SLOTS ?
                           5 + rnd_below(50) : 0;
    exception_t st;
    while ((st = fn(slot, arg)) == EXCEPTION_PREEMPTED) {
        n_preempt++;
        check_links(what);
    }
    shim_preempt_percent = 0;
    CHECK(st == EXCEPTION_NONE, "%s: status %lu", what, st);
}

static exception_t do_delete(cte_t *slot, bool_t exposed)
{
    return cteDelete(slot, exposed);
}

static exception_t do_revoke(cte_t *slot, bool_t unused)
{
    (void)unused;
    return cteRevoke(slot);
}

static void op_delete(void)
{
    cte_t *s = rnd_chance(50) ? pick_live_badgeable() : pick_live(0);
    if (!s || (ent_at(s) == root_ent && rnd_chance(95))) {
        /* deleting the root untyped ends the run's interesting part: rarely */
        n_noop[4]++;
        return;
    }
    int e = ent_at(s);
    int final = o_is_final(e);
    word_t t = cap_get_capType(ent[e].cap);
    CHECK(isFinalCapability(s) == (bool_t)final, "isFinalCapability (type %lu) is %lu, oracle %d",
          t, isFinalCapability(s), final);
    CHECK(slotCapLongRunningDelete(s) == (bool_t)(final && (t == cap_thread_cap ||
                                                            t == cap_cnode_cap)),
          "slotCapLongRunningDelete (type %lu, final %d)", t, final);
    o_cte_delete(s, 1);
    run_preemptible(do_delete, s, true, "delete (preempted)");
    n_ops[4]++;
}

static void op_revoke(void)
{
    /* a slot of S: revoking a cap from inside an object the revoke deletes stops early */
    cte_t *s = pick_live(1);
    if (!s) {
        n_noop[5]++;
        return;
    }
    o_revoke(s);
    run_preemptible(do_revoke, s, false, "revoke (preempted)");
    n_ops[5]++;
}

/* --- CNode invocations through the kernel's decoder ---------------------------------- */

/*
 * The address of a slot through S's cap: S's own slots at depth S_RADIX, a CNode
 * object's through a cap to it held in S (its guard included). 0 if none.
 */
static word_t addr_of(const cte_t *slot, word_t *cptr)
{
    if (slot >= S && slot < S + S_SLOTS) {
        *cptr = slot - S;
        return S_RADIX;
    }
    int o = owner_of(slot);
    if (o < 0 || cap_get_capType(obj[o].cap) != cap_cnode_cap) {
        return 0;
    }
    for (word_t k = 0; k < S_SLOTS; k++) {
        cap_t c = S[k].cap;
        if (cap_get_capType(c) == cap_cnode_cap && names_object(c, &obj[o])) {
            word_t r = cap_cnode_cap_get_capCNodeRadix(c), gs = cap_cnode_cap_get_capCNodeGuardSize(c);
            word_t depth = S_RADIX + gs + r;
            if (depth > 64) {
                continue;
            }
            word_t a = (k << gs) | cap_cnode_cap_get_capCNodeGuard(c);
            *cptr = (a << r) | (word_t)(slot - obj[o].slots);
            return depth;
        }
    }
    return 0;
}

/* an address for a random live or empty slot, or (sometimes) a random one */
static void rnd_addr(int live, word_t *cptr, word_t *depth)
{
    cte_t *s = live ? pick_live(0) : pick_empty();
    if (rnd_chance(5) || !s || !(*depth = addr_of(s, cptr))) {
        *cptr = rnd_chance(50) ? rnd_below(S_SLOTS) : rnd_edgy();
        *depth = rnd_chance(70) ? S_RADIX : rnd_below(70);
    }
}

typedef struct cexpect {
    cte_t *dest;
    word_t error, d1, d2;
    int lookup, src;
    lookup_fault_t fault;
} cexpect_t;

static int lookup(int is_source, cap_t root, word_t cptr, word_t depth, cte_t **slot,
                  cexpect_t *e)
{
    lookupSlot_ret_t l = lookupSlotForCNodeOp(is_source, root, cptr, depth);
    if (l.status != EXCEPTION_NONE) {
        e->error = current_syscall_error.type;
        e->d1 = current_syscall_error.rangeErrorMin;
        e->d2 = current_syscall_error.rangeErrorMax;
        e->lookup = e->error == seL4_FailedLookup;
        e->src = is_source;
        e->fault = current_lookup_fault;
        return 0;
    }
    *slot = l.slot;
    return 1;
}

static int missing(cexpect_t *e, int is_source, word_t depth)
{
    e->error = seL4_FailedLookup;
    e->lookup = 1;
    e->src = is_source;
    e->fault = lookup_fault_missing_capability_new(depth);
    return 0;
}

static int simple(cexpect_t *e, word_t err)
{
    e->error = err;
    return 0;
}

static unsigned long n_cnode_ok, n_cnode_err;
static unsigned long cnode_err[seL4_NumErrors];

/*
 * seL4 16.0.0's decodeCNodeInvocation as a model: returns 1 and applies the operation
 * to the oracle if the invocation succeeds, else fills in the error.
 */
static int cnode_model(word_t label, word_t length, cap_t cap, const word_t *a,
                       cte_t **excaps, cexpect_t *e)
{
#ifdef CONFIG_KERNEL_MCS
    word_t last = CNodeRotate;
#else
    word_t last = CNodeSaveCaller;
#endif
    if (label < CNodeRevoke || label > last) {
        return simple(e, seL4_IllegalOperation);
    }
    if (length < 2) {
        return simple(e, seL4_TruncatedMessage);
    }
    cte_t *dest;
    if (!lookup(0, cap, a[0], a[1], &dest, e)) {
        return 0;
    }
    e->dest = dest;
    if (label >= CNodeCopy && label <= CNodeMutate) {
        if (length < 4 || !excaps[0]) {
            return simple(e, seL4_TruncatedMessage);
        }
        if (ent_at(dest)) {
            return simple(e, seL4_DeleteFirst);
        }
        cte_t *src;
        if (!lookup(1, excaps[0]->cap, a[2], a[3], &src, e)) {
            return 0;
        }
        int se = ent_at(src);
        if (!se) {
            return missing(e, 1, a[3]);
        }
        cap_t srcCap = ent[se].cap, newCap;
        int move = label == CNodeMove || label == CNodeMutate;
        if (label == CNodeCopy || label == CNodeMint) {
            if (length < (label == CNodeCopy ? 5u : 6u)) {
                return simple(e, seL4_TruncatedMessage);
            }
            seL4_CapRights_t rights = { .words = { a[4] } };
            newCap = maskCapRights(rights, srcCap);
            if (label == CNodeMint) {
                newCap = updateCapData(false, a[5], newCap);
            }
            /* deriveCap's rules: its own test checks them against seL4's */
            deriveCap_ret_t dc = deriveCap(src, newCap);
            if (dc.status != EXCEPTION_NONE) {
                return simple(e, current_syscall_error.type);
            }
            newCap = dc.cap;
        } else if (label == CNodeMutate) {
            if (length < 5) {
                return simple(e, seL4_TruncatedMessage);
            }
            newCap = updateCapData(true, a[4], srcCap);
        } else {
            newCap = srcCap;
        }
        if (cap_get_capType(newCap) == cap_null_cap) {
            return simple(e, seL4_IllegalOperation);
        }
        if (move) {
            *slot_map(src) = 0;
            *slot_map(dest) = se;
            ent[se].slot = dest;
            ent[se].cap = newCap;
        } else {
            int original = ref_revocable(newCap, srcCap);
            int child = should_be_parent(srcCap, ent[se].original, newCap, original);
            CHECK(child || !ent[se].first, "oracle: a sibling would go between a cap and its children");
            if (cap_get_capType(srcCap) == cap_untyped_cap && cap_get_capType(newCap) == cap_untyped_cap &&
                view(srcCap).base == view(newCap).base && view(srcCap).bits == view(newCap).bits) {
                ent[se].cap = cap_untyped_cap_set_capFreeIndex(srcCap, MAX_FREE_INDEX(view(srcCap).bits));
            }
            if (child) {
                ent_new(dest, newCap, se, 0, original);
            } else {
                ent_new(dest, newCap, ent[se].parent, se, original);
            }
        }
        return 1;
    }
    if (label == CNodeRevoke) {
        o_revoke(dest);
        return 1;
    }
    if (label == CNodeDelete) {
        o_cte_delete(dest, 1);
        return 1;
    }
#ifndef CONFIG_KERNEL_MCS
    if (label == CNodeSaveCaller) {
        if (ent_at(dest)) {
            return simple(e, seL4_DeleteFirst);
        }
        return 1;               /* the caller slot is empty: nothing to save */
    }
#endif
    if (label == CNodeCancelBadgedSends) {
        int de = ent_at(dest);
        cap_t c = de ? ent[de].cap : cap_null_cap_new();
        if (cap_get_capType(c) != cap_endpoint_cap || !cap_endpoint_cap_get_capCanSend(c) ||
            !cap_endpoint_cap_get_capCanReceive(c) || !cap_endpoint_cap_get_capCanGrant(c) ||
            !cap_endpoint_cap_get_capCanGrantReply(c)) {
            return simple(e, seL4_IllegalOperation);
        }
        exp_cancelBadgedSends += cap_endpoint_cap_get_capEPBadge(c) != 0;
        return 1;
    }
    /* CNodeRotate */
    if (length < 8 || !excaps[0] || !excaps[1]) {
        return simple(e, seL4_TruncatedMessage);
    }
    cte_t *src, *pivot;
    if (!lookup(1, excaps[1]->cap, a[6], a[7], &src, e) ||
        !lookup(1, excaps[0]->cap, a[3], a[4], &pivot, e)) {
        return 0;
    }
    if (pivot == src || pivot == dest) {
        return simple(e, seL4_IllegalOperation);
    }
    if (src != dest && ent_at(dest)) {
        return simple(e, seL4_DeleteFirst);
    }
    int se = ent_at(src), pe = ent_at(pivot);
    if (!se) {
        return missing(e, 1, a[7]);
    }
    if (!pe) {
        return missing(e, 0, a[4]);
    }
    cap_t newSrc = updateCapData(true, a[5], ent[se].cap);
    cap_t newPivot = updateCapData(true, a[2], ent[pe].cap);
    if (cap_get_capType(newSrc) == cap_null_cap || cap_get_capType(newPivot) == cap_null_cap) {
        return simple(e, seL4_IllegalOperation);
    }
    /* the source's cap goes to the pivot, the pivot's to the destination */
    *slot_map(src) = 0;
    *slot_map(pivot) = se;
    *slot_map(dest) = pe;
    ent[se].slot = pivot;
    ent[se].cap = newSrc;
    ent[pe].slot = dest;
    ent[pe].cap = newPivot;
    return 1;
}

static void op_cnode_invoke(void)
{
    static const word_t labels[] = { CNodeRevoke, CNodeDelete, CNodeCancelBadgedSends,
                                     CNodeCopy, CNodeMint, CNodeMove, CNodeMutate, CNodeRotate,
#ifndef CONFIG_KERNEL_MCS
                                     CNodeSaveCaller,
#endif
                                   };
    word_t label = rnd_chance(2) ? rnd_below(100) : labels[rnd_below(ARRAY_SIZE(labels))];
    word_t length = rnd_chance(3) ? rnd_below(8) : 8;
    word_t *a = shim_syscall_args;
    memset(shim_syscall_args, 0, sizeof(shim_syscall_args));
    int dest_live = label == CNodeRevoke || label == CNodeDelete || label == CNodeCancelBadgedSends;
    rnd_addr(dest_live, &a[0], &a[1]);
    cte_t *excaps[2] = { S_root, S_root };
    if (label == CNodeRotate) {
        rnd_addr(1, &a[3], &a[4]);                          /* pivot */
        if (rnd_chance(50)) {
            rnd_addr(1, &a[6], &a[7]);                      /* source */
        } else {
            a[6] = a[0], a[7] = a[1];                       /* source = destination: a swap */
        }
        a[2] = rnd_edgy(), a[5] = rnd_edgy();
        if (rnd_chance(70)) {
            a[2] = a[5] = 0;
        }
    } else {
        rnd_addr(1, &a[2], &a[3]);
        a[4] = label == CNodeMutate ? (rnd_chance(70) ? 0 : rnd_edgy())
                                    : (rnd_chance(70) ? 0xf : rnd_below(16));
        a[5] = rnd_chance(80) ? 1 + rnd_below(2) : rnd_edgy();
    }
    for (int i = 0; i < 2; i++) {
        if (rnd_chance(3)) {
            excaps[i] = NULL;
        }
    }
    current_extra_caps.excaprefs[0] = excaps[0];
    current_extra_caps.excaprefs[1] = excaps[1];
    /* the invoked CNode: S, through its cap */
    cap_t cap = S_root->cap;

    cexpect_t e = { .error = seL4_NoError };
    memset(&current_syscall_error, 0, sizeof(current_syscall_error));
    int ok = cnode_model(label, length, cap, a, excaps, &e);

    /*
     * A preempted call is decoded again when it restarts. Only for slots of S is the
     * address sure to survive what the interrupted revoke or delete already did.
     */
    shim_preempt_percent = rnd_chance(30) && e.dest >= S && e.dest < S + S_SLOTS ?
                           5 + rnd_below(50) : 0;
    memset(&current_syscall_error, 0, sizeof(current_syscall_error));
    current_lookup_fault = lookup_fault_invalid_root_new();
    unsigned long messages = shim_user_errors;
    exception_t st;
    while ((st = decodeCNodeInvocation(label, length, cap, shim_args())) == EXCEPTION_PREEMPTED) {
        n_preempt++;
        check_links("CNode invocation (preempted)");
    }
    shim_preempt_percent = 0;
    if (ok) {
        n_cnode_ok++;
        CHECK(st == EXCEPTION_NONE, "CNode label %lu len %lu args %#lx %lu %#lx %lu %#lx %#lx "
              "%#lx %lu: status %lu error %lu, expected success", label, length, a[0], a[1],
              a[2], a[3], a[4], a[5], a[6], a[7], st, current_syscall_error.type);
        return;
    }
    n_cnode_err++;
    cnode_err[e.error]++;
    CHECK(st == EXCEPTION_SYSCALL_ERROR && current_syscall_error.type == e.error,
          "CNode label %lu len %lu args %#lx %lu %#lx %lu %#lx %#lx %#lx %lu: status %lu error "
          "%lu, expected error %lu", label, length, a[0], a[1], a[2], a[3], a[4], a[5], a[6],
          a[7], st, current_syscall_error.type, e.error);
    /* every error path says why (userError) */
    CHECK(shim_user_errors > messages, "CNode label %lu: error %lu without a diagnostic", label,
          e.error);
    if (e.error == seL4_RangeError) {
        CHECK(current_syscall_error.rangeErrorMin == e.d1 &&
              current_syscall_error.rangeErrorMax == e.d2, "CNode: range error details");
    }
    if (e.lookup) {
        CHECK(current_syscall_error.failedLookupWasSource == (bool_t)e.src &&
              current_lookup_fault.words[0] == e.fault.words[0] &&
              current_lookup_fault.words[1] == e.fault.words[1],
              "CNode label %lu: failed lookup (source %lu, fault %#lx:%#lx), expected (source "
              "%d, fault %#lx:%#lx)", label, current_syscall_error.failedLookupWasSource,
              current_lookup_fault.words[0], current_lookup_fault.words[1], e.src,
              e.fault.words[0], e.fault.words[1]);
    }
}

static void run(unsigned steps)
{
    /* a fresh world: S with the root untyped in slot 0 */
    memset(S, 0, sizeof(cte_t) * S_SLOTS);
    memset((void *)mem, 0, BIT(MEM_BITS));
    memset(slot_ent_S, 0, sizeof(slot_ent_S));
    memset(slot_ent_mem, 0, sizeof(slot_ent_mem));
    memset(ent, 0, sizeof(ent));
    n_ent = 1;          /* entity 0: the root of the forest */
    n_obj = 0;
    memset(&shim_calls, 0, sizeof(shim_calls));
    exp_cancelAllIPC = exp_cancelAllSignals = exp_suspend = exp_deletingIRQHandler = 0;
    exp_cancelBadgedSends = 0;
    cap_t u0 = cap_untyped_cap_new(0, 0, MEM_BITS, mem);
    S[0].cap = u0;
    S[0].cteMDBNode = mdb_node_new(0, true, true, 0);
    root_ent = ent_new(&S[0], u0, 0, 0, 1);
    /* caps the kernel makes at boot, without parents: IRQControl, domain, ASIDControl */
    cap_t boot[] = { cap_irq_control_cap_new(), cap_domain_cap_new(), cap_asid_control_cap_new() };
    for (int i = 0; i < 3; i++) {
        S[1 + i].cap = boot[i];
        S[1 + i].cteMDBNode = mdb_node_new(0, true, true, 0);
        ent_new(&S[1 + i], boot[i], 0, 0, 1);
    }

    static const char *names[] = { "retype", "copy", "mint", "move", "mutate", "swap", "delete",
                                   "revoke", "irq-get", "CNode invocation" };
    for (unsigned i = 0; i < steps; i++) {
        unsigned k = rnd_below(100), which;
        if (rnd_chance(35)) {
            op_cnode_invoke(), which = 9;
        } else if (k < 22) {
            op_retype(), which = 0;
        } else if (k < 40) {
            op_copy(0), which = 1;
        } else if (k < 52) {
            op_copy(1), which = 2;
        } else if (k < 60) {
            op_move(0), which = 3;
        } else if (k < 63) {
            op_move(1), which = 4;
        } else if (k < 67) {
            op_swap(), which = 5;
        } else if (k < 70) {
            op_irq_get(), which = 8;
        } else if (k < 90) {
            op_delete(), which = 6;
        } else {
            op_revoke(), which = 7;
        }
        reap_objects(names[which]);
        check_all(names[which]);
        for (int e = 1; e < n_ent; e++) {
            n_zombies += ent[e].alive && cap_get_capType(ent[e].cap) == cap_zombie_cap;
        }
    }
}

int main(int argc, char **argv)
{
    test_init("host-san-mdb", argc, argv);
    S = arena_alloc(sizeof(cte_t) * S_SLOTS, S_RADIX + seL4_SlotBits);
    S_root = arena_alloc(sizeof(cte_t), seL4_SlotBits);
    S_root->cap = cap_cnode_cap_new(S_RADIX, 0, 0, (word_t)S);
    mem = (word_t)arena_alloc(BIT(MEM_BITS), MEM_BITS);
    /* the invoking thread, for SaveCaller: its caller slot stays empty */
    ksCurThread = TCB_PTR((word_t)arena_alloc(BIT(seL4_TCBBits), seL4_TCBBits) + TCB_OFFSET);

    unsigned long runs = test_iters(40), steps = 250;
    for (unsigned long r = 0; r < runs; r++) {
        run(steps);
    }
    printf("host-san-mdb: %lu runs of %lu steps: retype %lu, copy/mint %lu, move/mutate %lu, "
           "swap %lu, delete %lu, revoke %lu, IRQ get %lu done (%lu refused or nothing to do); "
           "%lu preemptions\n", runs, steps, n_ops[0], n_ops[1], n_ops[2], n_ops[3], n_ops[4],
           n_ops[5], n_ops[6], n_noop[0] + n_noop[1] + n_noop[2] + n_noop[3] + n_noop[4] +
           n_noop[5] + n_noop[6], n_preempt);
    printf("  %lu cyclic zombies seen after steps (objects whose last cap was deleted inside "
           "another's)\n", n_zombies);
    printf("  CNode invocations: %lu succeeded, %lu failed:", n_cnode_ok, n_cnode_err);
    for (int i = 0; i < seL4_NumErrors; i++) {
        if (cnode_err[i]) {
            printf(" error %d x%lu", i, cnode_err[i]);
        }
    }
    printf("\n");
    for (int i = 0; i < seL4_NumErrors; i++) {
        if (retype_err[i]) {
            printf("  retype error %d: %lu\n", i, retype_err[i]);
        }
    }
    return test_finish();
}
