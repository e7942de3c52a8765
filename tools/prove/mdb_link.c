/*
 * Frama-C contracts of the MDB link operations (include/object/mdb.h): mdbLinkAfter
 * and mdbUnlink, proved by WP against the kernel's own inline definitions, which this
 * file includes unchanged (`make prove`, docs/ASSURANCE.md). The contracts are given on
 * declarations before the header defines the functions.
 *
 * Kernel objects live at canonical Sv39 addresses (sign-extended from bit 38), which
 * is what the 39-bit mdbPrev/mdbNext fields hold: `canonical` states it.
 */
#include <object/structures.h>

/*@ predicate canonical(cte_t *p) =
        (word_t)p <= 0x3fffffffff || 0xffffffc000000000 <= (word_t)p;
    logic integer nextOf(cte_t *c) = bf_mdb_node_mdbNext(c->cteMDBNode);
    logic integer prevOf(cte_t *c) = bf_mdb_node_mdbPrev(c->cteMDBNode);
*/

/*@ requires \valid(after) && \valid(slot) && \separated(after, slot);
    requires canonical(after) && canonical(slot);
    requires revocable <= 1;
    requires next_valid: nextOf(after) != 0 ==>
        \valid((cte_t *)nextOf(after)) &&
        \separated((cte_t *)nextOf(after), after, slot);
    assigns slot->cap, slot->cteMDBNode, after->cteMDBNode.words[0],
            ((cte_t *)nextOf(after))->cteMDBNode.words[1];
    ensures after_next: nextOf(after) == (word_t)slot;
    ensures slot_prev: prevOf(slot) == (word_t)after;
    ensures slot_next: nextOf(slot) == \old(nextOf(after));
    ensures next_prev: \old(nextOf(after)) != 0 ==>
        prevOf((cte_t *)\old(nextOf(after))) == (word_t)slot;
    ensures next_kept: \old(nextOf(after)) != 0 ==>
        nextOf((cte_t *)\old(nextOf(after))) == \old(nextOf((cte_t *)nextOf(after)));
    ensures after_prev: prevOf(after) == \old(prevOf(after));
    ensures slot_cap: slot->cap == cap;
    ensures slot_revocable:
        bf_mdb_node_mdbRevocable(slot->cteMDBNode) == revocable &&
        bf_mdb_node_mdbFirstBadged(slot->cteMDBNode) == revocable;
*/
static inline void mdbLinkAfter(cte_t *after, cte_t *slot, cap_t cap, bool_t revocable);

/*@ requires \valid(slot);
    requires prev_valid: prevOf(slot) != 0 ==>
        \valid((cte_t *)prevOf(slot)) && \separated((cte_t *)prevOf(slot), slot);
    requires next_valid: nextOf(slot) != 0 ==>
        \valid((cte_t *)nextOf(slot)) && \separated((cte_t *)nextOf(slot), slot);
    requires distinct: prevOf(slot) != 0 && nextOf(slot) != 0 ==>
        \separated((cte_t *)prevOf(slot), (cte_t *)nextOf(slot));
    requires canonical: canonical((cte_t *)prevOf(slot)) && canonical((cte_t *)nextOf(slot));
    assigns slot->cap, slot->cteMDBNode,
            ((cte_t *)prevOf(slot))->cteMDBNode.words[0],
            ((cte_t *)nextOf(slot))->cteMDBNode.words[1];
    ensures prev_next: \old(prevOf(slot)) != 0 ==>
        nextOf((cte_t *)\old(prevOf(slot))) == \old(nextOf(slot));
    ensures next_prev: \old(nextOf(slot)) != 0 ==>
        prevOf((cte_t *)\old(nextOf(slot))) == \old(prevOf(slot));
    ensures next_badged: \old(nextOf(slot)) != 0 ==>
        bf_mdb_node_mdbFirstBadged(((cte_t *)\old(nextOf(slot)))->cteMDBNode) ==
        (\old(bf_mdb_node_mdbFirstBadged(((cte_t *)nextOf(slot))->cteMDBNode)) != 0 ||
         \old(bf_mdb_node_mdbFirstBadged(slot->cteMDBNode)) != 0 ? 1 : 0);
    ensures slot_empty: nextOf(slot) == 0 && prevOf(slot) == 0 &&
        bf_mdb_node_mdbRevocable(slot->cteMDBNode) == 0 &&
        bf_mdb_node_mdbFirstBadged(slot->cteMDBNode) == 0;
    ensures slot_null: bf_cap_capType(slot->cap) == cap_null_cap;
*/
static inline void mdbUnlink(cte_t *slot);

#include <object/mdb.h>

/* WP proves a function only when the translation unit uses it */
void prove_mdbLinkAfter(cte_t *after, cte_t *slot, cap_t cap, bool_t revocable)
{
    mdbLinkAfter(after, slot, cap, revocable);
}
