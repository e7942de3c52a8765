/*
 * CNode operations (CNODEOP/CSPACE ground): Copy, Mint, Move, Mutate, Rotate, Delete,
 * Revoke, CancelBadgedSends, and their errors with seL4's details.
 */
#include <harness.h>

#define ROOT seL4_CapInitThreadCNode
#define DEPTH 64

static int test_cnode_copy_mint(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr copy = alloc_slot(), mint = alloc_slot(), mint2 = alloc_slot();
    test_eq(seL4_CNode_Copy(ROOT, copy, DEPTH, ROOT, ep, DEPTH, seL4_AllRights), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(copy), 4);
    test_eq(seL4_CNode_Mint(ROOT, mint, DEPTH, ROOT, ep, DEPTH, seL4_AllRights, 42), seL4_NoError);
    /* a badged cap cannot be badged again */
    test_eq(seL4_CNode_Mint(ROOT, mint2, DEPTH, ROOT, mint, DEPTH, seL4_AllRights, 7),
            seL4_IllegalOperation);
    /* destination occupied */
    test_eq(seL4_CNode_Copy(ROOT, copy, DEPTH, ROOT, ep, DEPTH, seL4_AllRights), seL4_DeleteFirst);
    /* source empty: FailedLookup, source, MissingCapability with the depth */
    test_eq(seL4_CNode_Copy(ROOT, mint2, DEPTH, ROOT, alloc_slot(), DEPTH, seL4_AllRights),
            seL4_FailedLookup);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_GetMR(1), seL4_MissingCapability);
    test_eq(seL4_GetMR(2), DEPTH);
    /* IRQControl cannot be copied */
    test_eq(seL4_CNode_Copy(ROOT, mint2, DEPTH, ROOT, seL4_CapIRQControl, DEPTH, seL4_AllRights),
            seL4_IllegalOperation);
    /* bad depth */
    test_eq(seL4_CNode_Copy(ROOT, mint2, 0, ROOT, ep, DEPTH, seL4_AllRights), seL4_RangeError);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_GetMR(1), 64);
    /* guard mismatch on the destination: the root CNode's guard is 0 */
    test_eq(seL4_CNode_Copy(ROOT, 1ul << 63, DEPTH, ROOT, ep, DEPTH, seL4_AllRights),
            seL4_FailedLookup);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_GetMR(1), seL4_GuardMismatch);
    test_eq(seL4_GetMR(2), 64);
    test_eq(seL4_GetMR(3), 0);
    test_eq(seL4_GetMR(4), 64 - CONFIG_ROOT_CNODE_SIZE_BITS);
    /* a depth shorter than the guard: guard mismatch */
    test_eq(seL4_CNode_Copy(ROOT, mint2, 32, ROOT, ep, DEPTH, seL4_AllRights), seL4_FailedLookup);
    test_eq(seL4_GetMR(1), seL4_GuardMismatch);
    /* guard fits but the radix does not: depth mismatch with what the level needs */
    test_eq(seL4_CNode_Copy(ROOT, mint2, 60, ROOT, ep, DEPTH, seL4_AllRights), seL4_FailedLookup);
    test_eq(seL4_GetMR(1), seL4_DepthMismatch);
    test_eq(seL4_GetMR(2), 60);
    test_eq(seL4_GetMR(3), 64);
    /* not a CNode root */
    test_eq(seL4_CNode_Copy(ROOT, mint2, DEPTH, ep, ep, DEPTH, seL4_AllRights),
            seL4_FailedLookup);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_GetMR(1), seL4_InvalidRoot);
    /* truncated */
    seL4_MessageInfo_t info = seL4_MessageInfo_new(CNodeCopy, 0, 0, 1);
    info = seL4_Call(ROOT, info);
    test_eq(seL4_MessageInfo_get_label(info), seL4_TruncatedMessage);
    return test_result();
}
DEFINE_TEST(CNODEOP0001, "Copy and Mint, with their errors", test_cnode_copy_mint, true);

static int test_cnode_move_mutate_rotate(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr tcb = alloc_object(seL4_TCBObject, 0);
    seL4_CPtr cnode = alloc_object(seL4_CapTableObject, 2);
    seL4_CPtr a = alloc_slot(), b = alloc_slot(), c = alloc_slot();
    test_eq(seL4_CNode_Move(ROOT, a, DEPTH, ROOT, ep, DEPTH), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(ep), 0);
    test_eq(seL4_DebugCapIdentify(a), 4);
    /* Mutate (and Rotate) keep badges: an endpoint cap cannot be mutated */
    test_eq(seL4_CNode_Mutate(ROOT, b, DEPTH, ROOT, a, DEPTH, 5), seL4_IllegalOperation);
    /* Mutate of a CNode cap sets its guard */
    test_eq(seL4_CNode_Mutate(ROOT, b, DEPTH, ROOT, cnode, DEPTH,
                              seL4_CNode_CapData_new(0, 62 - 2).words[0]), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(b), 10);
    test_eq(seL4_DebugCapIdentify(cnode), 0);
    /* Rotate with dest == src swaps the source and the pivot */
    test_eq(seL4_CNode_Rotate(ROOT, tcb, DEPTH, 0, ROOT, b, DEPTH, 0, ROOT, tcb, DEPTH),
            seL4_NoError);
    test_eq(seL4_DebugCapIdentify(tcb), 10);
    test_eq(seL4_DebugCapIdentify(b), 12);
    /* pivot equal to source */
    test_eq(seL4_CNode_Rotate(ROOT, c, DEPTH, 0, ROOT, b, DEPTH, 0, ROOT, b, DEPTH),
            seL4_IllegalOperation);
    /* empty pivot: FailedLookup, not source */
    test_eq(seL4_CNode_Rotate(ROOT, c, DEPTH, 0, ROOT, alloc_slot(), DEPTH, 0, ROOT, b, DEPTH),
            seL4_FailedLookup);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_GetMR(1), seL4_MissingCapability);
    /* occupied destination */
    test_eq(seL4_CNode_Rotate(ROOT, a, DEPTH, 0, ROOT, tcb, DEPTH, 0, ROOT, b, DEPTH),
            seL4_DeleteFirst);
    /* three-way: b (TCB) -> pivot slot, pivot (CNode) -> c */
    test_eq(seL4_CNode_Rotate(ROOT, c, DEPTH, 0, ROOT, tcb, DEPTH, 0, ROOT, b, DEPTH),
            seL4_NoError);
    test_eq(seL4_DebugCapIdentify(c), 10);
    test_eq(seL4_DebugCapIdentify(tcb), 12);
    test_eq(seL4_DebugCapIdentify(b), 0);
    return test_result();
}
DEFINE_TEST(CNODEOP0002, "Move, Mutate and Rotate", test_cnode_move_mutate_rotate, true);

static int test_cnode_delete_revoke(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    enum { CHAIN = 2000 };
    seL4_CPtr prev = ep, first = 0;
    /* a long derivation chain: each cap copied from the previous one */
    for (int i = 0; i < CHAIN; i++) {
        seL4_CPtr s = alloc_slot();
        first = first ? first : s;
        test_eq(seL4_CNode_Copy(ROOT, s, DEPTH, ROOT, prev, DEPTH, seL4_AllRights), seL4_NoError);
        prev = s;
    }
    test_eq(seL4_CNode_Revoke(ROOT, ep, DEPTH), seL4_NoError);
    for (int i = 0; i < CHAIN; i++) {
        if (seL4_DebugCapIdentify(first + i) != 0) {
            printf("    slot %d survived the revoke\n", i);
            test_failures++;
            break;
        }
    }
    test_eq(seL4_DebugCapIdentify(ep), 4);
    test_eq(seL4_CNode_Delete(ROOT, ep, DEPTH), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(ep), 0);
    /* deleting an empty slot is fine */
    test_eq(seL4_CNode_Delete(ROOT, ep, DEPTH), seL4_NoError);
    return test_result();
}
DEFINE_TEST(CNODEOP0003, "Revoke of a long derivation chain, then Delete",
            test_cnode_delete_revoke, true);

/* A CNode full of caps deleted through its last cap (zombie path). */
static int test_cnode_delete_full(harness_env_t *env)
{
    (void)env;
    seL4_CPtr cnode = alloc_object(seL4_CapTableObject, 8);
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    test_check(cnode != 0);
    for (seL4_Word i = 0; i < 256; i++) {
        test_eq(seL4_CNode_Copy(cnode, i, 8, ROOT, ep, DEPTH, seL4_AllRights), seL4_NoError);
    }
    test_eq(seL4_CNode_Delete(ROOT, cnode, DEPTH), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(cnode), 0);
    /* the endpoint itself is still usable */
    test_eq(seL4_DebugCapIdentify(ep), 4);
    return test_result();
}
DEFINE_TEST(CNODEOP0004, "Deleting a full CNode", test_cnode_delete_full, true);

static seL4_CPtr retype_one(seL4_CPtr ut, seL4_Word type, seL4_Word bits)
{
    seL4_CPtr slot = alloc_slot();
    test_eq(seL4_Untyped_Retype(ut, type, bits, ROOT, 0, 0, slot, 1), seL4_NoError);
    return slot;
}

/*
 * Fill a CNode of 2^bits slots sparsely, with everything it holds derived from ut: a
 * run at its end, lone caps across gaps of 1, 99, 100 and 101 slots (the kernel drops
 * runs of empty slots at once, up to the work units left before a preemption check), a
 * nested CNode holding a cap of its own, and the only cap of a child untyped that has a
 * child of its own (an endpoint whose cap stays in the root CNode). Returns that
 * endpoint; *ep is an endpoint whose copies fill the slots.
 */
static seL4_CPtr fill_sparse(seL4_CPtr ut, seL4_CPtr cnode, seL4_Word bits, seL4_CPtr *ep)
{
    seL4_Word last = (1ul << bits) - 1;
    const seL4_Word at[] = { 0, 2, 102, 203, 305, 306, last / 2, last - 2, last - 1, last };
    *ep = retype_one(ut, seL4_EndpointObject, 0);
    for (unsigned i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
        test_eq(seL4_CNode_Mint(cnode, at[i], bits, ROOT, *ep, DEPTH, seL4_AllRights, i + 1),
                seL4_NoError);
    }
    seL4_CPtr inner = retype_one(ut, seL4_CapTableObject, 4);
    test_eq(seL4_CNode_Copy(inner, 15, 4, ROOT, *ep, DEPTH, seL4_AllRights), seL4_NoError);
    test_eq(seL4_CNode_Move(cnode, last / 4, bits, ROOT, inner, DEPTH), seL4_NoError);
    seL4_CPtr child = retype_one(ut, seL4_UntypedObject, 12);
    seL4_CPtr grandchild = retype_one(child, seL4_EndpointObject, 0);
    test_eq(seL4_CNode_Move(cnode, last / 4 + 1, bits, ROOT, child, DEPTH), seL4_NoError);
    return grandchild;
}

/* After the revoke of ut, nothing derived from it may remain: it retypes whole. */
static void check_untyped_empty(seL4_CPtr ut, seL4_Word ut_bits, seL4_CPtr gone)
{
    test_eq(seL4_CNode_Revoke(ROOT, ut, DEPTH), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(gone), 0);
    seL4_CPtr all = retype_one(ut, seL4_UntypedObject, ut_bits);
    test_eq(seL4_DebugCapIdentify(all), 2);
    test_eq(seL4_CNode_Revoke(ROOT, ut, DEPTH), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(all), 0);
}

/*
 * A sparse CNode deleted through its last cap (the zombie path over mostly empty
 * slots), and a sparse CNode that holds a cap to itself, deleted through the revoke of
 * its untyped. Afterwards every cap that was in it has left the derivation tree.
 */
static int test_cnode_delete_sparse(harness_env_t *env)
{
    (void)env;
    enum { BITS = 12, UT_BITS = 18 };
    seL4_CPtr ut = alloc_untyped(UT_BITS), ep;

    seL4_CPtr cnode = retype_one(ut, seL4_CapTableObject, BITS);
    seL4_CPtr grandchild = fill_sparse(ut, cnode, BITS, &ep);
    test_eq(seL4_CNode_Delete(ROOT, cnode, DEPTH), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(cnode), 0);
    /* the endpoint's own cap and the grandchild stay: only the CNode's caps went */
    test_eq(seL4_DebugCapIdentify(ep), 4);
    test_eq(seL4_DebugCapIdentify(grandchild), 4);
    check_untyped_empty(ut, UT_BITS, grandchild);
    test_eq(seL4_DebugCapIdentify(ep), 0);

    /* the same CNode holding a cap to itself in slot 1: deleting the outside cap leaves
     * it alive, reachable only through the untyped */
    cnode = retype_one(ut, seL4_CapTableObject, BITS);
    grandchild = fill_sparse(ut, cnode, BITS, &ep);
    test_eq(seL4_CNode_Copy(cnode, 1, BITS, ROOT, cnode, DEPTH, seL4_AllRights), seL4_NoError);
    test_eq(seL4_CNode_Delete(ROOT, cnode, DEPTH), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(cnode), 0);
    test_eq(seL4_DebugCapIdentify(grandchild), 4);
    check_untyped_empty(ut, UT_BITS, grandchild);
    test_eq(seL4_DebugCapIdentify(ep), 0);
    return test_result();
}
DEFINE_TEST(CNODEOP0007, "Deleting sparse CNodes, one holding a cap to itself",
            test_cnode_delete_sparse, true);

static int test_cancel_badged_sends_errors(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr weak = alloc_slot();
    test_eq(seL4_CNode_Mint(ROOT, weak, DEPTH, ROOT, ep, DEPTH, seL4_CanWrite, 3), seL4_NoError);
    test_eq(seL4_CNode_CancelBadgedSends(ROOT, weak, DEPTH), seL4_IllegalOperation);
    test_eq(seL4_CNode_CancelBadgedSends(ROOT, ep, DEPTH), seL4_NoError);
    test_eq(seL4_CNode_CancelBadgedSends(ROOT, seL4_CapInitThreadTCB, DEPTH),
            seL4_IllegalOperation);
    /* an unknown CNode label */
    seL4_MessageInfo_t info = seL4_Call(ROOT, seL4_MessageInfo_new(UntypedRetype, 0, 0, 2));
    test_eq(seL4_MessageInfo_get_label(info), seL4_IllegalOperation);
    return test_result();
}
DEFINE_TEST(CNODEOP0005, "CancelBadgedSends needs every right", test_cancel_badged_sends_errors,
            true);

/* Revoke and Delete report lookup failures for their target slot. */
static int test_cnode_delete_errors(harness_env_t *env)
{
    (void)env;
    test_eq(seL4_CNode_Delete(ROOT, 1ul << 63, DEPTH), seL4_FailedLookup);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_GetMR(1), seL4_GuardMismatch);
    test_eq(seL4_CNode_Revoke(ROOT, 0, 65), seL4_RangeError);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_GetMR(1), 64);
    test_eq(seL4_CNode_Revoke(seL4_CapInitThreadTCB, 0, DEPTH), seL4_IllegalOperation);
    seL4_MessageInfo_t info = seL4_Call(ROOT, seL4_MessageInfo_new(CNodeDelete, 0, 0, 1));
    test_eq(seL4_MessageInfo_get_label(info), seL4_TruncatedMessage);
#ifndef CONFIG_KERNEL_MCS
    /* SaveCaller with nothing to save succeeds and leaves the slot empty */
    seL4_CPtr s = alloc_slot();
    test_eq(seL4_CNode_SaveCaller(ROOT, s, DEPTH), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(s), 0);
    test_eq(seL4_CNode_SaveCaller(ROOT, seL4_CapInitThreadTCB, DEPTH), seL4_DeleteFirst);
#endif
    return test_result();
}
DEFINE_TEST(CNODEOP0006, "Delete, Revoke and SaveCaller errors", test_cnode_delete_errors, true);
