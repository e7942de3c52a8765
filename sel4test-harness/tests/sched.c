/*
 * Scheduling (SCHED ground): strict priority order, round robin within a priority,
 * and the FPU registers of each thread kept apart.
 */
#include <harness.h>

static volatile int run_order[4];
static volatile int run_count;

static void record_and_stop(seL4_Word id, seL4_Word unused)
{
    (void)unused;
    run_order[run_count++] = (int)id;
}

static int test_priority_order(harness_env_t *env)
{
    (void)env;
    helper_thread_t lo, mid, hi;
    run_count = 0;
    test_check(helper_start(&lo, 100, 0, record_and_stop, 1, 0));
    test_check(helper_start(&mid, 150, 0, record_and_stop, 2, 0));
    test_check(helper_start(&hi, 200, 0, record_and_stop, 3, 0));
    test_eq(seL4_TCB_Resume(lo.tcb), seL4_NoError);
    test_eq(seL4_TCB_Resume(hi.tcb), seL4_NoError);
    test_eq(seL4_TCB_Resume(mid.tcb), seL4_NoError);
    test_eq(run_count, 0);
    /* step down below all three: they run highest first, then we continue */
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 50), seL4_NoError);
    test_eq(run_count, 3);
    test_eq(run_order[0], 3);
    test_eq(run_order[1], 2);
    test_eq(run_order[2], 1);
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio),
            seL4_NoError);
    return test_result();
}
DEFINE_TEST(SCHED0001, "Threads run in priority order", test_priority_order, true);

static volatile int b_started, a_done, a_timed_out;

static void spin_until_b(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    seL4_Word deadline = harness_now() + 100000000;   /* ten seconds: only a hang guard */
    while (!b_started) {
        if (harness_now() > deadline) {
            a_timed_out = 1;
            break;
        }
    }
    a_done = 1;
}

static void mark_b(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    b_started = 1;
    while (!a_done) {
    }
}

/* Two busy threads at one priority: the time slice makes them take turns. */
static int test_round_robin(harness_env_t *env)
{
    (void)env;
    helper_thread_t ta, tb;
    b_started = a_done = a_timed_out = 0;
    test_check(helper_start(&ta, 100, 0, spin_until_b, 0, 0));
    test_check(helper_start(&tb, 100, 0, mark_b, 0, 0));
    test_eq(seL4_TCB_Resume(ta.tcb), seL4_NoError);
    test_eq(seL4_TCB_Resume(tb.tcb), seL4_NoError);
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 50), seL4_NoError);
    /* back here only once both have finished */
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio),
            seL4_NoError);
    test_eq(b_started, 1);
    test_eq(a_done, 1);
    test_eq(a_timed_out, 0);
    return test_result();
}
DEFINE_TEST(SCHED0002, "Threads of one priority share the CPU", test_round_robin, true);

#ifdef CONFIG_HAVE_FPU
static volatile int fpu_errors;
static volatile int fpu_done;

/* Keep a value in fs0 across many yields; another thread does the same with its own. */
static void fpu_keeper(seL4_Word pattern, seL4_Word unused)
{
    (void)unused;
    for (int i = 0; i < 200; i++) {
        seL4_Word out;
        __asm__ volatile("fmv.d.x fs0, %1\n\t"
                         "li a7, %2\n\t"
                         "ecall\n\t"
                         "fmv.x.d %0, fs0"
                         : "=r"(out) : "r"(pattern + i), "i"(seL4_SysYield)
                         : "a7", "fs0", "memory");
        if (out != pattern + i) {
            fpu_errors++;
        }
    }
    fpu_done++;
}

static int test_fpu_isolation(harness_env_t *env)
{
    (void)env;
    helper_thread_t t1, t2;
    fpu_errors = fpu_done = 0;
    test_check(helper_start(&t1, 100, 0, fpu_keeper, 0x1111000000000000ul, 0));
    test_check(helper_start(&t2, 100, 0, fpu_keeper, 0x2222000000000000ul, 0));
    test_eq(seL4_TCB_Resume(t1.tcb), seL4_NoError);
    test_eq(seL4_TCB_Resume(t2.tcb), seL4_NoError);
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 50), seL4_NoError);
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio),
            seL4_NoError);
    test_eq(fpu_done, 2);
    test_eq(fpu_errors, 0);
    return test_result();
}
DEFINE_TEST(FPU0001, "Each thread keeps its own FPU registers", test_fpu_isolation, true);
#endif

#if defined(CONFIG_HAVE_FPU) && !defined(CONFIG_KERNEL_MCS)
static void use_fpu(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    __asm__ volatile("fmv.d.x fs1, zero" ::: "fs1");
}

/* With the FPU disabled by SetFlags, a floating-point instruction is a user exception. */
static int test_fpu_disabled(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    helper_thread_t t;
    test_check(helper_start(&t, 100, ep, use_fpu, 0, 0));
    seL4_TCB_SetFlags_t f = seL4_TCB_SetFlags(t.tcb, 0, seL4_TCBFlag_fpuDisabled);
    test_eq(f.error, seL4_NoError);
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    test_eq(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    test_eq(seL4_MessageInfo_get_length(info), seL4_UserException_Length);
    test_eq(seL4_GetMR(seL4_UserException_Number), 2);   /* illegal instruction */
    test_eq(seL4_GetMR(seL4_UserException_Code), 0);
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    return test_result();
}
#endif
#ifdef CONFIG_HAVE_FPU
DEFINE_TEST_NONMCS(FPU0002, "A thread with the FPU disabled faults on FP instructions",
                   test_fpu_disabled);
#endif
