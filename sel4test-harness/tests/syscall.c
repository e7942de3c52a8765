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
    test_eq(seL4_MessageInfo_get_length(reply), 1);
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
