/*
 * The whole-state invariant checker (LarchCheckInvariants, debug builds only). After
 * each kernel entry that can change kernel objects it walks everything it can reach and
 * stops the kernel, saying what broke, at the first inconsistency:
 *
 *  - every slot: an empty slot has no derivation-tree links; a full one's links are
 *    mutual and lead to full slots (so every live cap is linked exactly once);
 *  - every untyped: its descendants follow it, lie inside it and below its free index,
 *    and its distinct children do not overlap (retype hands out rising addresses);
 *  - every thread: its state agrees with the queue it is in (ready queue, endpoint or
 *    notification queue), the queues are well linked, the ready bitmap matches them;
 *  - the IRQ table against the IRQ node slots;
 *  - every assigned ASID: some cap to its VSpace root says it is that ASID's root.
 *
 * Reaching everything: slots are found through the CNodes named by caps, starting from
 * every thread's CSpace root and the IRQ node, and through every untyped's descendants,
 * so objects whose caps sit only in otherwise unreachable CNodes are still visited when
 * their untyped is reachable. The always-on debug checks elsewhere are the cheap local
 * ones (the links around a slot just written, the queue just changed).
 */
#include <kernel/invariants.h>

#ifdef CONFIG_LARCH_CHECK_INVARIANTS

#include <object/mdb.h>
#include <object/objecttype.h>
#include <object/untyped.h>
#include <object/interrupt.h>
#include <kernel/thread.h>
#include <arch/vspace.h>
#include <machine/io.h>

/* CNodes to visit: a queue, and an open-addressing set of those already queued. */
#define MAX_CNODES      2048
#define CNODE_SET_SIZE  4096
static cte_t *cnodeQueue[MAX_CNODES];
static word_t cnodeQueueSlots[MAX_CNODES];
static word_t cnodeCount;
static cte_t *cnodeSet[CNODE_SET_SIZE];
static bool_t cnodeOverflow;

/* ASIDs for which a cap to the VSpace root was seen. */
static word_t asidSeen[BIT(seL4_NumASIDPoolsBits + seL4_ASIDPoolIndexBits) / wordBits];

static NORETURN void broken(const char *what, const void *where)
{
    printf("invariant checker: %s (at %p)\n", what, where);
    fail("kernel invariant broken");
}

static void queueCNode(cte_t *cnode, word_t slots)
{
    word_t h = ((word_t)cnode >> seL4_SlotBits) & (CNODE_SET_SIZE - 1);
    while (cnodeSet[h]) {
        if (cnodeSet[h] == cnode) {
            return;
        }
        h = (h + 1) & (CNODE_SET_SIZE - 1);
    }
    if (cnodeCount == MAX_CNODES) {
        cnodeOverflow = true;
        return;
    }
    cnodeSet[h] = cnode;
    cnodeQueue[cnodeCount] = cnode;
    cnodeQueueSlots[cnodeCount] = slots;
    cnodeCount++;
}

static void noteCap(cap_t cap)
{
    switch (cap_get_capType(cap)) {
    case cap_cnode_cap:
        queueCNode(CTE_PTR(cap_cnode_cap_get_capCNodePtr(cap)),
                   BIT(cap_cnode_cap_get_capCNodeRadix(cap)));
        break;
    case cap_zombie_cap:
        /* the slots a deletion has still to clear (a TCB's beyond them are not slots) */
        queueCNode(CTE_PTR(cap_zombie_cap_get_capZombiePtr(cap)),
                   cap_zombie_cap_get_capZombieType(cap) == ZombieType_ZombieTCB ?
                   cap_zombie_cap_get_capZombieNumber(cap) :
                   BIT(cap_zombie_cap_get_capZombieType(cap)));
        break;
    case cap_page_table_cap:
        if (cap_page_table_cap_get_capPTIsMapped(cap)) {
            asid_t asid = cap_page_table_cap_get_capPTMappedASID(cap);
            if ((word_t)findVSpaceForASID(asid) == cap_page_table_cap_get_capPTBasePtr(cap)) {
                asidSeen[asid / wordBits] |= BIT(asid % wordBits);
            }
        }
        break;
    default:
        break;
    }
}

static void checkSlot(const cte_t *slot)
{
    mdb_node_t mdb = slot->cteMDBNode;
    word_t prev = mdb_node_get_mdbPrev(mdb), next = mdb_node_get_mdbNext(mdb);
    if (cap_get_capType(slot->cap) == cap_null_cap) {
        if (prev || next || mdb_node_get_mdbRevocable(mdb) || mdb_node_get_mdbFirstBadged(mdb)) {
            broken("empty slot still linked in the derivation tree", slot);
        }
        return;
    }
    if (prev && (mdb_node_get_mdbNext(CTE_PTR(prev)->cteMDBNode) != (word_t)slot ||
                 cap_get_capType(CTE_PTR(prev)->cap) == cap_null_cap)) {
        broken("derivation tree: previous slot does not link back, or is empty", slot);
    }
    if (next && (mdb_node_get_mdbPrev(CTE_PTR(next)->cteMDBNode) != (word_t)slot ||
                 cap_get_capType(CTE_PTR(next)->cap) == cap_null_cap)) {
        broken("derivation tree: next slot does not link back, or is empty", slot);
    }
}

/* An untyped's descendants: inside it, below its free index, distinct ones disjoint. */
static void checkUntyped(cte_t *slot)
{
    cap_t cap = slot->cap;
    word_t base = cap_untyped_cap_get_capPtr(cap);
    word_t end = base + BIT(cap_untyped_cap_get_capBlockSize(cap));
    word_t top = GET_FREE_REF(base, cap_untyped_cap_get_capFreeIndex(cap));
    /* the region of the child seen last: later (older) children lie below it */
    word_t lastBase = end, lastEnd = end;
    for (word_t n = mdb_node_get_mdbNext(slot->cteMDBNode);
         n && isMDBParentOf(slot, CTE_PTR(n));
         n = mdb_node_get_mdbNext(CTE_PTR(n)->cteMDBNode)) {
        cap_t child = CTE_PTR(n)->cap;
        checkSlot(CTE_PTR(n));
        noteCap(child);
        word_t cbase = cap_get_capPtr(child);
        word_t cend = cbase + BIT(cap_get_capSizeBits(child));
        if (cbase < base || cend > end || cend > top || cend < cbase) {
            printf("untyped %p..%p (free from %p) has child %p..%p\n", (void *)base,
                   (void *)end, (void *)top, (void *)cbase, (void *)cend);
            broken("object outside its untyped, or above its free index", CTE_PTR(n));
        }
        if (cbase >= lastBase && cend <= lastEnd) {
            continue;   /* a copy of the last child, or one of its descendants */
        }
        if (cend > lastBase) {
            printf("untyped %p..%p: child %p..%p overlaps child %p..%p\n", (void *)base,
                   (void *)end, (void *)cbase, (void *)cend, (void *)lastBase, (void *)lastEnd);
            broken("two live objects of one untyped overlap", CTE_PTR(n));
        }
        lastBase = cbase;
        lastEnd = cend;
    }
}

static void checkSlots(cte_t *slots, word_t count)
{
    for (word_t i = 0; i < count; i++) {
        checkSlot(&slots[i]);
        noteCap(slots[i].cap);
        if (cap_get_capType(slots[i].cap) == cap_untyped_cap) {
            checkUntyped(&slots[i]);
        }
    }
}

static void checkIRQs(void)
{
    for (irq_t irq = 0; irq < INT_STATE_ARRAY_SIZE; irq++) {
        cap_t cap = intStateIRQNode[irq].cap;
        if (cap_get_capType(cap) != cap_null_cap &&
            (cap_get_capType(cap) != cap_notification_cap || intStateIRQTable[irq] != IRQSignal)) {
            printf("IRQ %lu: state %lu, slot holds cap type %lu\n", irq, intStateIRQTable[irq],
                   cap_get_capType(cap));
            broken("IRQ node slot holds a cap its IRQ state does not allow", &intStateIRQNode[irq]);
        }
    }
    checkSlots(intStateIRQNode, INT_STATE_ARRAY_SIZE);
}

static void checkASIDs(void)
{
    for (word_t hi = 0; hi < BIT(seL4_NumASIDPoolsBits); hi++) {
        asid_pool_t *pool = riscvKSASIDTable[hi];
        if (!pool) {
            continue;
        }
        for (word_t lo = 0; lo < BIT(seL4_ASIDPoolIndexBits); lo++) {
            asid_t asid = (hi << seL4_ASIDPoolIndexBits) | lo;
            if (pool->array[lo] && !(asidSeen[asid / wordBits] & BIT(asid % wordBits))) {
                printf("ASID %lu: VSpace root %p, but no cap to it as that ASID's root\n", asid,
                       (void *)pool->array[lo]);
                broken("ASID pool entry without a VSpace root cap", pool);
            }
        }
    }
}

/* Is tcb in the endpoint-style queue from head, well linked? */
static bool_t inEPQueue(tcb_t *head, tcb_t *tail, tcb_t *tcb)
{
    bool_t found = false;
    tcb_t *prev = NULL;
    for (tcb_t *t = head; t; prev = t, t = t->tcbEPNext) {
        if (t->tcbEPPrev != prev) {
            broken("IPC queue links are not mutual", t);
        }
        found |= t == tcb;
    }
    if (prev != tail) {
        broken("IPC queue tail is wrong", tail);
    }
    return found;
}

static void checkThreads(void)
{
    debug_check_scheduler();
    for (tcb_t *t = ksDebugTCBs; t; t = t->tcbDebugNext) {
        word_t state = thread_state_get_tsType(t->tcbState);
        void *obj = (void *)thread_state_get_blockingObject(t->tcbState);
        switch (state) {
        case ThreadState_BlockedOnSend:
        case ThreadState_BlockedOnReceive: {
            endpoint_t *ep = obj;
            word_t want = state == ThreadState_BlockedOnSend ? EPState_Send : EPState_Recv;
            if (endpoint_ptr_get_state(ep) != want ||
                !inEPQueue(TCB_PTR(endpoint_ptr_get_epQueue_head(ep)),
                           TCB_PTR(endpoint_ptr_get_epQueue_tail(ep)), t)) {
                broken("thread blocked on an endpoint is not in its queue", t);
            }
            break;
        }
        case ThreadState_BlockedOnNotification: {
            notification_t *ntfn = obj;
            if (notification_ptr_get_state(ntfn) != NtfnState_Waiting ||
                !inEPQueue(TCB_PTR(notification_ptr_get_ntfnQueue_head(ntfn)),
                           TCB_PTR(notification_ptr_get_ntfnQueue_tail(ntfn)), t)) {
                broken("thread blocked on a notification is not in its queue", t);
            }
            break;
        }
        default:
            break;
        }
        checkSlots(TCB_CTE_PTR(t, 0), tcbCNodeEntries);
        word_t satp = threadSatp(t);
        if (!riscvKSStaleVTables && satp && !satpStillNamed(satp)) {
            broken("VTable cap names an ASID that does not name it, not noted as stale", t);
        }
    }
}

bool_t ksInvariantsDirty;

void checkSchedulerInvariants(void)
{
    debug_check_scheduler();
}

void checkKernelInvariants(void)
{
    cnodeCount = 0;
    cnodeOverflow = false;
    for (word_t i = 0; i < CNODE_SET_SIZE; i++) {
        cnodeSet[i] = NULL;
    }
    for (word_t i = 0; i < ARRAY_SIZE(asidSeen); i++) {
        asidSeen[i] = 0;
    }
    checkThreads();
    checkIRQs();
    for (word_t i = 0; i < cnodeCount; i++) {
        checkSlots(cnodeQueue[i], cnodeQueueSlots[i]);
    }
    /* with CNodes left unvisited an ASID's root cap may not have been seen */
    if (!cnodeOverflow) {
        checkASIDs();
    }
}

#endif /* CONFIG_LARCH_CHECK_INVARIANTS */
