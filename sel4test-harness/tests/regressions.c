/*
 * Regression tests: one per kernel bug found, named after what went wrong.
 */
#include <harness.h>

static volatile int ran;

static void set_ran(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    ran = 1;
}

/*
 * Resuming a thread of the caller's own priority must not switch to it: the caller
 * keeps the CPU and the woken thread queues behind it (seL4's schedule()). Larch
 * once switched at once.
 */
static int test_equal_priority_wakeup(harness_env_t *env)
{
    (void)env;
    helper_thread_t t;
    ran = 0;
    test_check(helper_start(&t, seL4_MaxPrio, 0, set_ran, 0, 0));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    test_eq(ran, 0);
    seL4_Yield();
#ifdef CONFIG_KERNEL_MCS
    /*
     * On MCS a host stall charged to it (the guest clock jumps while it is current)
     * can use up its whole budget before its first instruction, sending it behind us
     * again; another Yield then lets it run.
     */
    for (int i = 0; i < 5 && !ran; i++) {
        seL4_Yield();
    }
#endif
    test_eq(ran, 1);
    /* a higher-priority thread does preempt at once */
    helper_thread_t u;
    ran = 0;
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 200), seL4_NoError);
    test_check(helper_start(&u, 201, 0, set_ran, 0, 0));
    test_eq(seL4_TCB_Resume(u.tcb), seL4_NoError);
    test_eq(ran, 1);
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio),
            seL4_NoError);
    return test_result();
}
DEFINE_TEST(REGRESSIONS0001, "Waking a thread of equal priority does not preempt",
            test_equal_priority_wakeup, true);
