/*
 * Notifications (SYNC/BIND ground): signal, wait, poll, badge OR-ing, binding.
 */
#include <harness.h>

static int test_signal_poll(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr b1 = alloc_slot(), b2 = alloc_slot();
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, b1, 64, seL4_CapInitThreadCNode, ntfn, 64,
                            seL4_AllRights, 0x1), seL4_NoError);
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, b2, 64, seL4_CapInitThreadCNode, ntfn, 64,
                            seL4_AllRights, 0x4), seL4_NoError);
    seL4_Word badge = 99;
    seL4_Poll(ntfn, &badge);
    test_eq(badge, 0);
    seL4_Signal(b1);
    seL4_Signal(b2);
    seL4_Signal(b1);
    seL4_Poll(ntfn, &badge);
    test_eq(badge, 0x5);
    seL4_Poll(ntfn, &badge);
    test_eq(badge, 0);
    seL4_Signal(b2);
    seL4_Wait(ntfn, &badge);
    test_eq(badge, 0x4);
    /* a cap without the Write right cannot signal */
    seL4_CPtr ro = alloc_slot();
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, ro, 64, seL4_CapInitThreadCNode, ntfn, 64,
                            seL4_CanRead, 0x8), seL4_NoError);
    seL4_MessageInfo_t info = seL4_Call(ro, seL4_MessageInfo_new(0, 0, 0, 0));
    test_eq(seL4_MessageInfo_get_label(info), seL4_InvalidCapability);
    return test_result();
}
DEFINE_TEST(NTFN0001, "Signal, Poll and Wait OR badges together", test_signal_poll, true);

static volatile seL4_Word woken_with;

static void waiter(seL4_Word ntfn, seL4_Word unused)
{
    (void)unused;
    seL4_Word badge;
    seL4_Wait(ntfn, &badge);
    woken_with = badge;
}

static int test_wait_blocks(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr badged = alloc_slot();
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, badged, 64, seL4_CapInitThreadCNode, ntfn, 64,
                            seL4_AllRights, 0x30), seL4_NoError);
    helper_thread_t t;
    woken_with = 0;
    test_check(helper_start(&t, seL4_MaxPrio, 0, waiter, ntfn, 0));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    seL4_Yield();
    test_eq(woken_with, 0);
    seL4_Signal(badged);
    for (int i = 0; i < 5 && !woken_with; i++) {
        seL4_Yield();
    }
    test_eq(woken_with, 0x30);
    return test_result();
}
DEFINE_TEST(NTFN0002, "A waiting thread wakes with the signal's badge", test_wait_blocks, true);

static int test_bind_errors(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr ntfn2 = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr tcb = alloc_object(seL4_TCBObject, 0);
    seL4_CPtr tcb2 = alloc_object(seL4_TCBObject, 0);
    test_eq(seL4_TCB_UnbindNotification(tcb), seL4_IllegalOperation);
    test_eq(seL4_TCB_BindNotification(tcb, tcb2), seL4_IllegalOperation);
    test_eq(seL4_TCB_BindNotification(tcb, ntfn), seL4_NoError);
    /* already bound thread; already bound notification */
    test_eq(seL4_TCB_BindNotification(tcb, ntfn2), seL4_IllegalOperation);
    test_eq(seL4_TCB_BindNotification(tcb2, ntfn), seL4_IllegalOperation);
    /* no Read right */
    seL4_CPtr wo = alloc_slot();
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, wo, 64, seL4_CapInitThreadCNode, ntfn2, 64,
                            seL4_CanWrite, 0), seL4_NoError);
    test_eq(seL4_TCB_BindNotification(tcb2, wo), seL4_IllegalOperation);
    test_eq(seL4_TCB_UnbindNotification(tcb), seL4_NoError);
    test_eq(seL4_TCB_BindNotification(tcb2, ntfn), seL4_NoError);
    /* deleting the notification unbinds it */
    test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, ntfn, 64), seL4_NoError);
    test_eq(seL4_TCB_UnbindNotification(tcb2), seL4_IllegalOperation);
    return test_result();
}
DEFINE_TEST(BIND0001, "BindNotification and its errors", test_bind_errors, true);

#ifndef CONFIG_KERNEL_MCS
static volatile seL4_Word bound_badge;

static void bound_receiver(seL4_Word ep, seL4_Word unused)
{
    (void)unused;
    seL4_Word badge;
    seL4_Recv(ep, &badge);
    bound_badge = badge;
}

/* A signal to a bound notification wakes its thread out of an endpoint receive. */
static int test_bound_signal(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr badged = alloc_slot();
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, badged, 64, seL4_CapInitThreadCNode, ntfn, 64,
                            seL4_AllRights, 0x77), seL4_NoError);
    helper_thread_t t;
    test_check(helper_start(&t, seL4_MaxPrio, 0, bound_receiver, ep, 0));
    test_eq(seL4_TCB_BindNotification(t.tcb, ntfn), seL4_NoError);
    bound_badge = 0;
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    seL4_Yield();
    seL4_Signal(badged);
    for (int i = 0; i < 5 && !bound_badge; i++) {
        seL4_Yield();
    }
    test_eq(bound_badge, 0x77);
    return test_result();
}
#endif
DEFINE_TEST_NONMCS(BIND0002, "A bound notification wakes a thread blocked on an endpoint",
                   test_bound_signal);
