/*
 * System-call plumbing: error replies, debug calls, yield.
 */
#include <harness.h>

/* Invoking an empty slot is an InvalidCapability error for the invoked cap (index 0). */
static int test_invoke_empty_slot(harness_env_t *env)
{
    (void)env;
    seL4_CPtr empty = alloc_slot();
    seL4_SetMR(0, 0xdead);
    seL4_MessageInfo_t reply = seL4_Call(empty, seL4_MessageInfo_new(1, 0, 0, 0));
    test_eq(seL4_MessageInfo_get_label(reply), seL4_InvalidCapability);
#ifdef CONFIG_KERNEL_INVOCATION_REPORT_ERROR_IPC
    /* the diagnostic's words follow the one detail word */
    test_eq(seL4_MessageInfo_get_length(reply), 1 + strlen(seL4_GetDebugError()) / 8 + 1);
#else
    test_eq(seL4_MessageInfo_get_length(reply), 1);
#endif
    test_eq(seL4_MessageInfo_get_extraCaps(reply), 0);
    test_eq(seL4_GetMR(0), 0);
    return test_result();
}
DEFINE_TEST(SYSCALL0001, "Invoking an empty slot fails with InvalidCapability",
            test_invoke_empty_slot, true);

/* A cptr that does not resolve (guard mismatch in the root CNode) identifies as null. */
static int test_cap_identify_bad_cptr(harness_env_t *env)
{
    (void)env;
    test_eq(seL4_DebugCapIdentify(1ul << 63), 0);
    test_eq(seL4_DebugCapIdentify(~0ul), 0);
    return test_result();
}
DEFINE_TEST(SYSCALL0002, "DebugCapIdentify of an unresolvable cptr is null",
            test_cap_identify_bad_cptr, true);

static int test_yield(harness_env_t *env)
{
    (void)env;
    for (int i = 0; i < 100; i++) {
        seL4_Yield();
    }
    return TEST_PASS;
}
DEFINE_TEST(SYSCALL0003, "Yield returns to the only runnable thread", test_yield, true);

static int test_debug_calls(harness_env_t *env)
{
    (void)env;
#ifdef CONFIG_DEBUG_BUILD
    seL4_DebugNameThread(seL4_CapInitThreadTCB, "sel4test-harness");
    seL4_DebugDumpScheduler();
#endif
    return TEST_PASS;
}
DEFINE_TEST(SYSCALL0004, "Debug naming and scheduler dump work", test_debug_calls, true);

/* Registers the kernel does not write come back unchanged across a syscall (seL4's
 * libsel4/arch_include/riscv/sel4/arch/syscalls.h). */
static int test_registers_preserved(harness_env_t *env)
{
    (void)env;
    register unsigned long s2 __asm__("s2") = 0x1111222233334444ul;
    register unsigned long t3 __asm__("t3") = 0x5555666677778888ul;
    register unsigned long a6 __asm__("a6") = 0x99990000aaaabbbbul;
    register unsigned long a7 __asm__("a7") = (unsigned long)seL4_SysYield;
    __asm__ volatile("ecall" : "+r"(s2), "+r"(t3), "+r"(a6), "+r"(a7) :: "memory", "a0", "a1",
                 "a2", "a3", "a4", "a5");
    test_eq(s2, 0x1111222233334444ul);
    test_eq(t3, 0x5555666677778888ul);
    test_eq(a6, 0x99990000aaaabbbbul);
    test_eq(a7, (unsigned long)seL4_SysYield);
    return test_result();
}
DEFINE_TEST(SYSCALL0005, "Yield preserves every register", test_registers_preserved, true);

/*
 * KernelInvocationReportErrorIPC: a failed invocation's reply carries the kernel's
 * diagnostic from msg[DEBUG_MESSAGE_START] on, in seL4's userError format, and the
 * reply length counts its words (seL4's replyFromKernel_error, src/object/endpoint.c).
 */
#ifdef CONFIG_KERNEL_INVOCATION_REPORT_ERROR_IPC
static bool contains(const char *s, const char *part)
{
    for (; *s; s++) {
        size_t i = 0;
        while (part[i] && s[i] == part[i]) {
            i++;
        }
        if (!part[i]) {
            return true;
        }
    }
    return false;
}

static int test_error_string(harness_env_t *env)
{
    (void)env;
    seL4_SetPrintError(0);
    seL4_DebugNameThread(seL4_CapInitThreadTCB, "errorstring");
    /* a CNode invocation with an unknown label: IllegalOperation, no details */
    seL4_MessageInfo_t info = seL4_Call(seL4_CapInitThreadCNode,
                                        seL4_MessageInfo_new(0x7ff, 0, 0, 2));
    test_eq(seL4_MessageInfo_get_label(info), seL4_IllegalOperation);
    const char *text = seL4_GetDebugError();
    size_t n = strlen(text);
    test_check(n > 0 && n < DEBUG_MESSAGE_MAXLEN * sizeof(seL4_Word));
    test_check(contains(text, "<<seL4(CPU 0) [decodeCNodeInvocation/"));
    test_check(contains(text, "\"errorstring\" @"));
    test_check(contains(text, "CNode"));
    test_eq(seL4_MessageInfo_get_length(info), n / sizeof(seL4_Word) + 1);

    /* an error with details: they stay in msg[0..], the text follows at msg[6] */
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    test_eq(seL4_CNode_Copy(seL4_CapInitThreadCNode, ep, 64, seL4_CapInitThreadCNode, ep, 64,
                            seL4_AllRights), seL4_DeleteFirst);
    test_check(contains(seL4_GetDebugError(), "decodeCNodeCopyFamily"));
    test_eq(seL4_CNode_Copy(seL4_CapInitThreadCNode, alloc_slot(), 0, seL4_CapInitThreadCNode,
                            ep, 64, seL4_AllRights), seL4_RangeError);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_GetMR(1), 64);
    test_check(contains(seL4_GetDebugError(), "<<seL4(CPU 0)"));

    /* the other decoders name the operation and the offending value */
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 1000),
            seL4_RangeError);
    test_check(contains(seL4_GetDebugError(), "TCB SetPriority: priority 1000 is above"));
    test_eq(seL4_Untyped_Retype(seL4_CapInitThreadTCB, 0, 0, 0, 0, 0, 0, 1),
            seL4_IllegalOperation);
    test_check(contains(seL4_GetDebugError(), "TCB: label"));
    seL4_SetPrintError(1);
    seL4_DebugNameThread(seL4_CapInitThreadTCB, "sel4test-harness");
    return test_result();
}
DEFINE_TEST(SYSCALL0006, "A failed invocation leaves the kernel's diagnostic in the IPC buffer",
            test_error_string, true);
#else
DEFINE_TEST(SYSCALL0006, "A failed invocation leaves the kernel's diagnostic in the IPC buffer",
            NULL, false);
#endif

/* KernelBenchmarks: the benchmark calls return to the caller with seL4's results and
 * leave a1..a5 alone (libsel4's sel4/arch/syscalls.h). */
#ifdef CONFIG_ENABLE_BENCHMARKS
static int test_benchmark_calls(harness_env_t *env)
{
    (void)env;
    seL4_BenchmarkNullSyscall();
    seL4_BenchmarkFlushCaches();
    seL4_BenchmarkFlushL1Caches(0);
    test_eq(seL4_BenchmarkResetLog(), seL4_NoError);
    register unsigned long a0 __asm__("a0") = 0;
    register unsigned long a1 __asm__("a1") = 0x1234;
    register unsigned long a5 __asm__("a5") = 0x5678;
    register unsigned long a7 __asm__("a7") = (unsigned long)seL4_SysBenchmarkNullSyscall;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1), "+r"(a5) : "r"(a7) : "memory");
    test_eq(a1, 0x1234);
    test_eq(a5, 0x5678);
    (void)seL4_BenchmarkFinalizeLog();
    return test_result();
}
DEFINE_TEST(SYSCALL0007, "Benchmark system calls return with seL4's results",
            test_benchmark_calls, true);
#else
DEFINE_TEST(SYSCALL0007, "Benchmark system calls return with seL4's results", NULL, false);
#endif

/* KernelBenchmarks=track_utilisation: the counters of seL4's utilisation calls
 * (libsel4's benchmark_utilisation_types.h), kept between ResetLog and FinalizeLog. */
#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
#include <sel4/benchmark_utilisation_types.h>

#define UTIL_YIELDS 20

static uint64_t util(int index)
{
    return ((volatile uint64_t *)&seL4_GetIPCBuffer()->msg[0])[index];
}

static void util_helper(seL4_Word ep, seL4_Word yields)
{
    for (seL4_Word i = 0; i < yields; i++) {
        seL4_Yield();
    }
    seL4_Send(ep, seL4_MessageInfo_new(0, 0, 0, 0));
    for (;;) {
        seL4_Wait(ep, NULL);
    }
}

static int test_utilisation(harness_env_t *env)
{
    (void)env;
    /* our own entries: ResetLog's return and ten null calls, and at most a couple of
     * timer ticks; FinalizeLog stops the count before its own return. ResetLog clears
     * only the idle thread's counters, so ours are cleared first. */
    seL4_BenchmarkResetThreadUtilisation(seL4_CapInitThreadTCB);
    test_eq(seL4_BenchmarkResetLog(), seL4_NoError);
    for (int i = 0; i < 10; i++) {
        seL4_BenchmarkNullSyscall();
    }
    seL4_BenchmarkFinalizeLog();
    seL4_BenchmarkGetThreadUtilisation(seL4_CapInitThreadTCB);
    uint64_t entries = util(BENCHMARK_TCB_NUMBER_KERNEL_ENTRIES);
    test_check(entries >= 11 && entries <= 13);
    test_check(util(BENCHMARK_TCB_KERNEL_UTILISATION) > 0);
    test_check(util(BENCHMARK_TCB_KERNEL_UTILISATION) < util(BENCHMARK_TCB_UTILISATION));
    test_check(util(BENCHMARK_TCB_UTILISATION) <= util(BENCHMARK_TOTAL_UTILISATION));
    test_eq(util(BENCHMARK_TCB_NUMBER_SCHEDULES), 1);
    test_eq(util(BENCHMARK_TOTAL_NUMBER_KERNEL_ENTRIES),
            entries + util(BENCHMARK_IDLE_NUMBER_KERNEL_ENTRIES));
    test_eq(util(BENCHMARK_IDLE_LOCALCPU_UTILISATION), util(BENCHMARK_IDLE_TCBCPU_UTILISATION));

    /* stopped: more calls change nothing */
    uint64_t total = util(BENCHMARK_TOTAL_UTILISATION);
    seL4_BenchmarkNullSyscall();
    seL4_BenchmarkGetThreadUtilisation(seL4_CapInitThreadTCB);
    test_eq(util(BENCHMARK_TCB_NUMBER_KERNEL_ENTRIES), entries);
    test_eq(util(BENCHMARK_TOTAL_UTILISATION), total);

    /* a lower-priority helper runs while we wait: its yields are its kernel entries, and
     * the two switches (to it, back to us) are counted */
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    helper_thread_t t;
    test_check(helper_start(&t, 100, 0, util_helper, ep, UTIL_YIELDS));
    test_eq(seL4_BenchmarkResetLog(), seL4_NoError);
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    seL4_Wait(ep, NULL);
    seL4_BenchmarkFinalizeLog();
    seL4_BenchmarkGetThreadUtilisation(t.tcb);
    test_check(util(BENCHMARK_TCB_NUMBER_KERNEL_ENTRIES) >= UTIL_YIELDS + 1);
    test_check(util(BENCHMARK_TCB_NUMBER_SCHEDULES) >= 1);
    test_check(util(BENCHMARK_TCB_KERNEL_UTILISATION) > 0);
    test_check(util(BENCHMARK_TCB_KERNEL_UTILISATION) < util(BENCHMARK_TCB_UTILISATION));
    test_check(util(BENCHMARK_TOTAL_NUMBER_SCHEDULES) >= 3);
    test_check(util(BENCHMARK_TOTAL_NUMBER_KERNEL_ENTRIES) >= UTIL_YIELDS + 4);
    test_check(util(BENCHMARK_TCB_KERNEL_UTILISATION) <
               util(BENCHMARK_TOTAL_KERNEL_UTILISATION));

    /* ResetThreadUtilisation clears one thread's counters, not the totals */
    uint64_t schedules = util(BENCHMARK_TOTAL_NUMBER_SCHEDULES);
    seL4_BenchmarkResetThreadUtilisation(t.tcb);
    seL4_BenchmarkGetThreadUtilisation(t.tcb);
    test_eq(util(BENCHMARK_TCB_UTILISATION), 0);
    test_eq(util(BENCHMARK_TCB_NUMBER_SCHEDULES), 0);
    test_eq(util(BENCHMARK_TCB_KERNEL_UTILISATION), 0);
    test_eq(util(BENCHMARK_TCB_NUMBER_KERNEL_ENTRIES), 0);
    test_eq(util(BENCHMARK_TOTAL_NUMBER_SCHEDULES), schedules);

    /* not a TCB cap: seL4 reports it and writes nothing */
    for (int i = 0; i < 4; i++) {
        seL4_SetMR(i, 0xabcd);
    }
    seL4_BenchmarkGetThreadUtilisation(ep);
    seL4_BenchmarkResetThreadUtilisation(ep);
    seL4_BenchmarkGetThreadUtilisation(seL4_CapNull);
    for (int i = 0; i < 4; i++) {
        test_eq(seL4_GetMR(i), 0xabcd);
    }
#ifdef CONFIG_DEBUG_BUILD
    /* every thread's counters back to zero */
    seL4_BenchmarkResetAllThreadsUtilisation();
    seL4_BenchmarkGetThreadUtilisation(seL4_CapInitThreadTCB);
    test_eq(util(BENCHMARK_TCB_NUMBER_KERNEL_ENTRIES), 0);
    test_eq(util(BENCHMARK_TCB_UTILISATION), 0);
#endif
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    return test_result();
}
DEFINE_TEST(SYSCALL0008, "track_utilisation counts threads' cycles, entries and schedules",
            test_utilisation, true);
#else
DEFINE_TEST(SYSCALL0008, "track_utilisation counts threads' cycles, entries and schedules",
            NULL, false);
#endif
