/*
 * Interrupt control (INTERRUPT ground) and the timer.
 */
#include <harness.h>

static int test_irq_control_errors(harness_env_t *env)
{
    (void)env;
    seL4_CPtr slot = alloc_slot();
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, 0, seL4_CapInitThreadCNode, slot, 64),
            seL4_RangeError);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_GetMR(1), HARNESS_MAX_IRQ);
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, HARNESS_MAX_IRQ + 1, seL4_CapInitThreadCNode,
                                slot, 64), seL4_RangeError);
    /* an unknown label on IRQControl */
    seL4_MessageInfo_t info = seL4_Call(seL4_CapIRQControl,
                                        seL4_MessageInfo_new(UntypedRetype, 0, 0, 0));
    test_eq(seL4_MessageInfo_get_label(info), seL4_IllegalOperation);
#if HARNESS_MAX_IRQ > 0
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, 3, seL4_CapInitThreadCNode,
                                seL4_CapInitThreadTCB, 64), seL4_DeleteFirst);
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, 3, seL4_CapInitThreadCNode, 1ul << 63, 64),
            seL4_FailedLookup);
    test_eq(seL4_IRQControl_GetTrigger(seL4_CapIRQControl, 3, 1, seL4_CapInitThreadCNode, slot,
                                       64), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(slot), 16);
    /* the IRQ is taken until its handler cap is gone */
    seL4_CPtr slot2 = alloc_slot();
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, 3, seL4_CapInitThreadCNode, slot2, 64),
            seL4_RevokeFirst);
    /* SetNotification wants a notification cap with the Write right */
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr ro = alloc_slot();
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, ro, 64, seL4_CapInitThreadCNode, ntfn, 64,
                            seL4_CanRead, 0), seL4_NoError);
    test_eq(seL4_IRQHandler_SetNotification(slot, ro), seL4_InvalidCapability);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_IRQHandler_SetNotification(slot, seL4_CapInitThreadTCB), seL4_InvalidCapability);
    test_eq(seL4_IRQHandler_SetNotification(slot, ntfn), seL4_NoError);
    test_eq(seL4_IRQHandler_Ack(slot), seL4_NoError);
    test_eq(seL4_IRQHandler_Clear(slot), seL4_NoError);
    info = seL4_Call(slot, seL4_MessageInfo_new(UntypedRetype, 0, 0, 0));
    test_eq(seL4_MessageInfo_get_label(info), seL4_IllegalOperation);
    /* a copy of the handler cap: deleting one keeps the IRQ taken */
    seL4_CPtr copy = alloc_slot();
    test_eq(seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, 64, seL4_CapInitThreadCNode, slot, 64,
                            seL4_AllRights), seL4_NoError);
    test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, slot, 64), seL4_NoError);
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, 3, seL4_CapInitThreadCNode, slot2, 64),
            seL4_RevokeFirst);
    /* deleting the last one frees it */
    test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, copy, 64), seL4_NoError);
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, 3, seL4_CapInitThreadCNode, slot2, 64),
            seL4_NoError);
    test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, slot2, 64), seL4_NoError);
#endif
    return test_result();
}
DEFINE_TEST(INTERRUPT0001, "IRQControl and IRQHandler rules and errors", test_irq_control_errors,
            true);

static volatile seL4_Word other_ran_at;

static void note_time(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    other_ran_at = harness_now();
}

/*
 * The timer preempts a busy thread: spinning while another thread of our priority is
 * runnable, we lose the CPU to it at the end of our time slice. (No bound on how long
 * that takes: under QEMU the guest clock runs on while the host deschedules it, so
 * the time is not a property of the kernel. The spin limit only stops a hang.)
 */
static int test_timer_preempts(harness_env_t *env)
{
    (void)env;
    helper_thread_t t;
    other_ran_at = 0;
    test_check(helper_start(&t, seL4_MaxPrio, 0, note_time, 0, 0));
    /* read before resuming it: our slice may end on the way out of that very call */
    seL4_Word start = harness_now();
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    seL4_Word limit = start + 100000000;   /* ten seconds of time base */
    while (!other_ran_at && harness_now() < limit) {
    }
    test_check(other_ran_at != 0);
    test_check(other_ran_at >= start);
    return test_result();
}
DEFINE_TEST(TIMER0001, "The timer preempts a busy thread", test_timer_preempts, true);
