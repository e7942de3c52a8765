/*
 * Random invocations: thousands of CNode and Untyped invocations with random labels,
 * lengths, cptrs, depths and arguments, confined to a sandbox CNode. Each must return
 * an seL4 error or succeed; afterwards the root task's own caps are intact and the
 * sandbox can be torn down.
 */
#include <harness.h>

static uint64_t rng_state = HARNESS_FUZZ_STATE(0x9e3779b97f4a7c15ull);

static uint64_t rnd(void)
{
    return harness_random(&rng_state);
}

#define SANDBOX_BITS 6

static seL4_Word pick_arg(void)
{
    switch (rnd() % 6) {
    case 0:
        return 0;
    case 1:
        return rnd() % (1u << SANDBOX_BITS);        /* a sandbox slot */
    case 2:
        return (rnd() % 3 == 0) ? 64 : SANDBOX_BITS; /* a plausible depth */
    case 3:
        return rnd() % 70;
    case 4:
        return rnd() % seL4_ObjectTypeCount;
    default:
        return rnd();
    }
}

static int test_fuzz_cnode_untyped(harness_env_t *env)
{
    (void)env;
    printf("    seed %lu (LARCH_FUZZ_SEED)\n", LARCH_FUZZ_SEED);
    seL4_CPtr sandbox = alloc_object(seL4_CapTableObject, SANDBOX_BITS);
    seL4_CPtr ut = alloc_untyped(20);
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr empty = alloc_slot();
    test_check(sandbox && ut && ep && ntfn);
    /* seed the sandbox with a few caps to move around */
    test_eq(seL4_CNode_Copy(sandbox, 0, SANDBOX_BITS, seL4_CapInitThreadCNode, ep, 64,
                            seL4_AllRights), seL4_NoError);
    test_eq(seL4_CNode_Mint(sandbox, 1, SANDBOX_BITS, seL4_CapInitThreadCNode, ep, 64,
                            seL4_AllRights, 9), seL4_NoError);
    test_eq(seL4_CNode_Copy(sandbox, 2, SANDBOX_BITS, seL4_CapInitThreadCNode, ntfn, 64,
                            seL4_CanWrite), seL4_NoError);

    /* invoked caps and extra caps are drawn from these: nothing that reaches the root's caps */
    const seL4_CPtr targets[] = { sandbox, ut };
    const seL4_CPtr extras[] = { sandbox, ut, ep, ntfn, empty, ~0ul, 1ul << 63 };
    unsigned errors[seL4_NumErrors + 1] = { 0 };
    for (int iter = 0; iter < 6000; iter++) {
        seL4_CPtr target = targets[rnd() % 2];
        /* mostly labels the target understands, sometimes anything */
        seL4_Word label;
        if (rnd() % 4 == 0) {
            label = rnd() % 50;
        } else if (target == ut) {
            label = UntypedRetype;
        } else {
            label = CNodeRevoke + rnd() % (CNodeRotate - CNodeRevoke + 1);
        }
        seL4_Word len = (rnd() % 2) ? 8 : rnd() % 9;
        seL4_Word ncaps = (rnd() % 2) ? 2 : rnd() % 4;
        for (seL4_Word i = 0; i < len; i++) {
            seL4_SetMR(i, pick_arg());
        }
        for (seL4_Word i = 0; i < ncaps; i++) {
            seL4_SetCap(i, extras[rnd() % (sizeof(extras) / sizeof(extras[0]))]);
        }
        /* an extra cap that does not resolve is a cap fault, not an error: skip those */
        bool resolvable = true;
        for (seL4_Word i = 0; i < ncaps; i++) {
            resolvable &= seL4_GetCap(i) != ~0ul && seL4_GetCap(i) != (1ul << 63);
        }
        if (!resolvable) {
            ncaps = 0;
        }
        seL4_MessageInfo_t info = seL4_Call(target, seL4_MessageInfo_new(label, 0, ncaps, len));
        seL4_Word result = seL4_MessageInfo_get_label(info);
        if (result >= seL4_NumErrors) {
            printf("    iteration %d: label %lu gave result %lu\n", iter, label, result);
            test_failures++;
            break;
        }
        errors[result]++;
    }
    printf("    results:");
    for (int e = 0; e < seL4_NumErrors; e++) {
        printf(" %u", errors[e]);
    }
    printf("\n");
    /* the root task is unharmed */
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadTCB), 12);
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadCNode), 10);
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadVSpace), 3);
    /* tear everything down: revoke the untyped, delete the sandbox */
    test_eq(seL4_CNode_Revoke(seL4_CapInitThreadCNode, ut, 64), seL4_NoError);
    test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, sandbox, 64), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(sandbox), 0);
    return test_result();
}
DEFINE_TEST(FUZZ0001, "Random CNode and Untyped invocations never harm the kernel",
            test_fuzz_cnode_untyped, true);
