/*
 * TCB invocations (THREADS/SCHED ground): registers, priorities and MCP, suspend and
 * resume, TLS base, flags, and their errors.
 */
#include <harness.h>

static volatile seL4_Word counter;

static void count_forever(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    for (;;) {
        counter++;
    }
}

static int test_tcb_registers(harness_env_t *env)
{
    (void)env;
    helper_thread_t t;
    test_check(helper_start(&t, 100, 0, count_forever, 5, 6));
    seL4_UserContext regs;
    test_eq(seL4_TCB_ReadRegisters(t.tcb, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs),
            seL4_NoError);
    test_eq(regs.a0, 5);
    test_eq(regs.a1, 6);
    test_eq(regs.sp, (seL4_Word)t.stack_top);
    /* write a few and read them back */
    regs.s5 = 0x5555;
    regs.t6 = 0x6666;
    test_eq(seL4_TCB_WriteRegisters(t.tcb, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs),
            seL4_NoError);
    seL4_UserContext back;
    test_eq(seL4_TCB_ReadRegisters(t.tcb, 0, 0, sizeof(back) / sizeof(seL4_Word), &back),
            seL4_NoError);
    test_eq(back.s5, 0x5555);
    test_eq(back.t6, 0x6666);
    test_eq(back.pc, regs.pc);
    /* errors */
    test_eq(seL4_TCB_ReadRegisters(t.tcb, 0, 0, 0, &back), seL4_RangeError);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_GetMR(1), 32);
    test_eq(seL4_TCB_ReadRegisters(t.tcb, 0, 0, 33, &back), seL4_RangeError);
    test_eq(seL4_TCB_ReadRegisters(seL4_CapInitThreadTCB, 0, 0, 4, &back), seL4_IllegalOperation);
    test_eq(seL4_TCB_WriteRegisters(seL4_CapInitThreadTCB, 0, 0, 4, &back),
            seL4_IllegalOperation);
    /* CopyRegisters: source must be a TCB */
    helper_thread_t u;
    test_check(helper_start(&u, 100, 0, count_forever, 7, 8));
    test_eq(seL4_TCB_CopyRegisters(u.tcb, seL4_CapInitThreadCNode, 0, 0, 1, 1, 0),
            seL4_InvalidCapability);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_TCB_CopyRegisters(u.tcb, t.tcb, 0, 0, 0, 1, 0), seL4_NoError);
    test_eq(seL4_TCB_ReadRegisters(u.tcb, 0, 0, sizeof(back) / sizeof(seL4_Word), &back),
            seL4_NoError);
    test_eq(back.a0, 5);
    test_eq(back.t6, 0x6666);
    return test_result();
}
DEFINE_TEST(THREADS0001, "Read, write and copy registers", test_tcb_registers, true);

static int test_tcb_priorities(harness_env_t *env)
{
    (void)env;
    helper_thread_t t;
    test_check(helper_start(&t, 10, 0, count_forever, 0, 0));
    /* MCP of the authority bounds the priority */
    test_eq(seL4_TCB_SetMCPriority(t.tcb, seL4_CapInitThreadTCB, 20), seL4_NoError);
    test_eq(seL4_TCB_SetPriority(t.tcb, t.tcb, 21), seL4_RangeError);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_GetMR(1), 20);
    test_eq(seL4_TCB_SetPriority(t.tcb, t.tcb, 20), seL4_NoError);
    test_eq(seL4_TCB_SetPriority(t.tcb, seL4_CapInitThreadCNode, 1), seL4_InvalidCapability);
    test_eq(seL4_GetMR(0), 1);
#ifndef CONFIG_KERNEL_MCS
    test_eq(seL4_TCB_SetSchedParams(t.tcb, t.tcb, 20, 21), seL4_RangeError);
    test_eq(seL4_TCB_SetSchedParams(t.tcb, seL4_CapInitThreadTCB, 256, 1), seL4_RangeError);
    test_eq(seL4_GetMR(1), 255);
#endif
    /* truncated: no authority cap */
    seL4_MessageInfo_t info = seL4_Call(t.tcb, seL4_MessageInfo_new(TCBSetPriority, 0, 0, 1));
    test_eq(seL4_MessageInfo_get_label(info), seL4_TruncatedMessage);
    return test_result();
}
DEFINE_TEST(THREADS0002, "Priorities are bounded by the authority's MCP", test_tcb_priorities,
            true);

static int test_suspend_resume(harness_env_t *env)
{
    (void)env;
    helper_thread_t t;
    /* below the root: it runs only when the root yields its priority... so raise it */
    test_check(helper_start(&t, seL4_MaxPrio, 0, count_forever, 0, 0));
    counter = 0;
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    /* same priority: yielding lets it run */
    for (int i = 0; i < 10 && counter == 0; i++) {
        seL4_Yield();
    }
    test_check(counter > 0);
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    seL4_Word c = counter;
    for (int i = 0; i < 10; i++) {
        seL4_Yield();
    }
    test_eq(counter, c);
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    for (int i = 0; i < 10 && counter == c; i++) {
        seL4_Yield();
    }
    test_check(counter > c);
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    return test_result();
}
DEFINE_TEST(THREADS0003, "Suspend stops a thread and Resume restarts it", test_suspend_resume,
            true);

static volatile seL4_Word tls_seen;

static void read_tp(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    seL4_Word tp;
    __asm__ volatile("mv %0, tp" : "=r"(tp));
    tls_seen = tp;
}

static int test_tls_and_flags(harness_env_t *env)
{
    (void)env;
    helper_thread_t t;
    test_check(helper_start(&t, seL4_MaxPrio, 0, read_tp, 0, 0));
    seL4_UserContext regs;
    test_eq(seL4_TCB_ReadRegisters(t.tcb, 0, 0, 32, &regs), seL4_NoError);
    /* SetTLSBase writes tp; put the original back so the thread's libsel4 works */
    test_eq(seL4_TCB_SetTLSBase(t.tcb, 0x1234000), seL4_NoError);
    seL4_UserContext back;
    test_eq(seL4_TCB_ReadRegisters(t.tcb, 0, 0, 32, &back), seL4_NoError);
    test_eq(back.tp, 0x1234000);
    test_eq(seL4_TCB_SetTLSBase(t.tcb, regs.tp), seL4_NoError);
    tls_seen = 0;
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    for (int i = 0; i < 10 && !tls_seen; i++) {
        seL4_Yield();
    }
    test_eq(tls_seen, regs.tp);
    /* flags: only the FPU flag exists */
    seL4_TCB_SetFlags_t f = seL4_TCB_SetFlags(t.tcb, 0, ~0ul);
    test_eq(f.error, seL4_NoError);
#ifdef CONFIG_HAVE_FPU
    test_eq(f.flags, seL4_TCBFlag_fpuDisabled);
#else
    test_eq(f.flags, 0);
#endif
    f = seL4_TCB_SetFlags(t.tcb, ~0ul, 0);
    test_eq(f.error, seL4_NoError);
    test_eq(f.flags, 0);
    return test_result();
}
DEFINE_TEST(THREADS0004, "TLS base and TCB flags", test_tls_and_flags, true);

/* Configure, SetSpace and SetIPCBuffer check their caps and the buffer address. */
static int test_tcb_space_errors(harness_env_t *env)
{
    (void)env;
    seL4_CPtr tcb = alloc_object(seL4_TCBObject, 0);
    seL4_CPtr frame;
    void *buf = alloc_mapped_frame(&frame);
    test_check(buf != NULL);
    /* IPC buffer: must be 1024-aligned and a (non-device) frame */
    test_eq(seL4_TCB_SetIPCBuffer(tcb, (seL4_Word)buf + 8, frame), seL4_AlignmentError);
    test_eq(seL4_TCB_SetIPCBuffer(tcb, (seL4_Word)buf, seL4_CapInitThreadCNode),
            seL4_IllegalOperation);
    test_eq(seL4_TCB_SetIPCBuffer(tcb, (seL4_Word)buf + 1024, frame), seL4_NoError);
    test_eq(seL4_TCB_SetIPCBuffer(tcb, 0, 0), seL4_NoError);
    /* spaces: the CSpace root must be a CNode, the VSpace root a mapped page table */
#ifdef CONFIG_KERNEL_MCS
    test_eq(seL4_TCB_SetSpace(tcb, 0, seL4_CapInitThreadTCB, 0, seL4_CapInitThreadVSpace, 0),
            seL4_IllegalOperation);
    test_eq(seL4_TCB_SetSpace(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadCNode, 0),
            seL4_IllegalOperation);
    test_eq(seL4_TCB_SetSpace(tcb, seL4_CapInitThreadCNode, seL4_CapInitThreadCNode, 0,
                              seL4_CapInitThreadVSpace, 0), seL4_InvalidCapability);
    test_eq(seL4_TCB_SetSpace(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0),
            seL4_NoError);
#else
    test_eq(seL4_TCB_SetSpace(tcb, 0, seL4_CapInitThreadTCB, 0, seL4_CapInitThreadVSpace, 0),
            seL4_IllegalOperation);
    test_eq(seL4_TCB_SetSpace(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadCNode, 0),
            seL4_IllegalOperation);
    seL4_CPtr pt = alloc_object(seL4_RISCV_PageTableObject, 0);
    /* an unmapped page table cannot be derived */
    test_eq(seL4_TCB_SetSpace(tcb, 0, seL4_CapInitThreadCNode, 0, pt, 0), seL4_IllegalOperation);
    test_eq(seL4_TCB_Configure(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0,
                               (seL4_Word)buf + 4, frame), seL4_AlignmentError);
    /* cap data on the CSpace root: a guard that does not fit gives IllegalOperation */
    test_eq(seL4_TCB_SetSpace(tcb, 0, seL4_CapInitThreadCNode,
                              seL4_CNode_CapData_new(0, 60).words[0], seL4_CapInitThreadVSpace, 0),
            seL4_IllegalOperation);
    test_eq(seL4_TCB_Configure(tcb, 0, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0,
                               (seL4_Word)buf, frame), seL4_NoError);
    seL4_MessageInfo_t info = seL4_Call(tcb, seL4_MessageInfo_new(TCBConfigure, 0, 0, 4));
    test_eq(seL4_MessageInfo_get_label(info), seL4_TruncatedMessage);
#endif
    return test_result();
}
DEFINE_TEST(THREADS0005, "Configure, SetSpace and SetIPCBuffer errors", test_tcb_space_errors,
            true);
