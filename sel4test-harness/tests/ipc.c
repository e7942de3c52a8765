/*
 * IPC and faults through helper threads (non-MCS; MCS IPC arrives with the MCS work).
 */
#include <harness.h>

#ifndef CONFIG_KERNEL_MCS
static void echo_server(seL4_Word ep, seL4_Word unused)
{
    (void)unused;
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    for (;;) {
        seL4_Word n = seL4_MessageInfo_get_length(info);
        for (seL4_Word i = 0; i < n; i++) {
            seL4_SetMR(i, seL4_GetMR(i) + badge);
        }
        info = seL4_ReplyRecv(ep, seL4_MessageInfo_new(seL4_MessageInfo_get_label(info) + 1, 0,
                                                       0, n), &badge);
    }
}

static int test_ipc_call_reply(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr badged = alloc_slot();
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, badged, 64, seL4_CapInitThreadCNode, ep, 64,
                            seL4_AllRights, 100), seL4_NoError);
    helper_thread_t t;
    test_check(helper_start(&t, 100, 0, echo_server, ep, 0));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    for (seL4_Word len = 0; len <= seL4_MsgMaxLength; len += (len < 8 ? 1 : 37)) {
        for (seL4_Word i = 0; i < len; i++) {
            seL4_SetMR(i, i * 3);
        }
        seL4_MessageInfo_t reply = seL4_Call(badged, seL4_MessageInfo_new(7, 0, 0, len));
        test_eq(seL4_MessageInfo_get_label(reply), 8);
        test_eq(seL4_MessageInfo_get_length(reply), len);
        for (seL4_Word i = 0; i < len; i++) {
            if (seL4_GetMR(i) != i * 3 + 100) {
                printf("    length %lu: MR%lu = %lu\n", len, i, seL4_GetMR(i));
                test_failures++;
                break;
            }
        }
    }
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    return test_result();
}

static void do_unknown_syscall(seL4_Word a, seL4_Word b)
{
    register seL4_Word a0 __asm__("a0") = a;
    register seL4_Word a1 __asm__("a1") = b;
    register seL4_Word a7 __asm__("a7") = 0x1234;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a7) : "memory");
    /* the handler resumes us after the ecall with a0 rewritten */
    register seL4_Word a7b __asm__("a7") = 0x4321;
    register seL4_Word r0 __asm__("a0") = a0;
    __asm__ volatile("ecall" : "+r"(r0) : "r"(a7b) : "memory");
}

static int test_fault_unknown_syscall(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr fault_ep = alloc_slot();
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, fault_ep, 64, seL4_CapInitThreadCNode, ep, 64,
                            seL4_AllRights, 0xfa), seL4_NoError);
    helper_thread_t t;
    test_check(helper_start(&t, 100, fault_ep, do_unknown_syscall, 11, 22));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);

    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    test_eq(badge, 0xfa);
    test_eq(seL4_MessageInfo_get_label(info), seL4_Fault_UnknownSyscall);
    test_eq(seL4_MessageInfo_get_length(info), seL4_UnknownSyscall_Length);
    test_eq(seL4_GetMR(seL4_UnknownSyscall_A0), 11);
    test_eq(seL4_GetMR(seL4_UnknownSyscall_A1), 22);
    test_eq(seL4_GetMR(seL4_UnknownSyscall_Syscall), 0x1234);
    seL4_Word pc = seL4_GetMR(seL4_UnknownSyscall_FaultIP);
    test_check(pc >= (seL4_Word)do_unknown_syscall && pc < (seL4_Word)do_unknown_syscall + 64);
    test_check(seL4_GetMR(seL4_UnknownSyscall_SP) != 0);

    /* resume after the ecall, with a0 = 33 */
    seL4_SetMR(0, pc + 4);
    seL4_SetMR(1, seL4_GetMR(seL4_UnknownSyscall_SP));
    seL4_SetMR(2, seL4_GetMR(seL4_UnknownSyscall_RA));
    seL4_SetMR(3, 33);
    info = seL4_MessageInfo_new(0, 0, 0, 4);
    seL4_Reply(info);

    info = seL4_Recv(ep, &badge);
    test_eq(seL4_MessageInfo_get_label(info), seL4_Fault_UnknownSyscall);
    test_eq(seL4_GetMR(seL4_UnknownSyscall_Syscall), 0x4321);
    test_eq(seL4_GetMR(seL4_UnknownSyscall_A0), 33);
    /* a non-zero label leaves the thread stopped */
    seL4_Reply(seL4_MessageInfo_new(1, 0, 0, 0));
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    return test_result();
}

static void touch_address(seL4_Word addr, seL4_Word unused)
{
    (void)unused;
    *(volatile seL4_Word *)addr = 1;
}

static int test_fault_vm(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    helper_thread_t t;
    seL4_Word bad = 0x7000000000ul & (seL4_UserTop - 1);
    bad = 0x2000000000ul;
    test_check(helper_start(&t, 100, ep, touch_address, bad, 0));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    test_eq(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    test_eq(seL4_MessageInfo_get_length(info), seL4_VMFault_Length);
    test_eq(seL4_GetMR(seL4_VMFault_Addr), bad);
    test_eq(seL4_GetMR(seL4_VMFault_PrefetchFault), 0);
    test_eq(seL4_GetMR(seL4_VMFault_FSR), 7);
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    return test_result();
}

static void blocked_sender(seL4_Word ep, seL4_Word value)
{
    seL4_SetMR(0, value);
    seL4_Send(ep, seL4_MessageInfo_new(0, 0, 0, 1));
}

/* CancelBadgedSends restarts the senders with that badge only. */
static int test_cancel_badged_sends(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr b1 = alloc_slot(), b2 = alloc_slot();
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, b1, 64, seL4_CapInitThreadCNode, ep, 64,
                            seL4_AllRights, 1), seL4_NoError);
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, b2, 64, seL4_CapInitThreadCNode, ep, 64,
                            seL4_AllRights, 2), seL4_NoError);
    helper_thread_t t1, t2;
    test_check(helper_start(&t1, seL4_MaxPrio, 0, blocked_sender, b1, 111));
    test_check(helper_start(&t2, seL4_MaxPrio, 0, blocked_sender, b2, 222));
    test_eq(seL4_TCB_Resume(t1.tcb), seL4_NoError);
    test_eq(seL4_TCB_Resume(t2.tcb), seL4_NoError);
    seL4_Yield();
    seL4_Yield();
    /* both are queued; cancel badge 1: its sender retries the Send and queues again */
    test_eq(seL4_CNode_CancelBadgedSends(seL4_CapInitThreadCNode, b1, 64), seL4_NoError);
    seL4_Word badge;
    seL4_Recv(ep, &badge);
    test_eq(badge, 2);
    test_eq(seL4_GetMR(0), 222);
    seL4_Recv(ep, &badge);
    test_eq(badge, 1);
    test_eq(seL4_GetMR(0), 111);
    return test_result();
}

static void recv_forever(seL4_Word ep, seL4_Word unused)
{
    (void)unused;
    seL4_Word badge;
    seL4_Recv(ep, &badge);
}

/* Deleting the last cap to an endpoint with a thread blocked on it restarts the thread,
 * whose retried Recv then faults: the fault reaches its handler. */
static int test_delete_blocked_endpoint(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr fault_ep = alloc_object(seL4_EndpointObject, 0);
    helper_thread_t t;
    test_check(helper_start(&t, seL4_MaxPrio, fault_ep, recv_forever, ep, 0));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    seL4_Yield();
    test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, ep, 64), seL4_NoError);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(fault_ep, &badge);
    test_eq(seL4_MessageInfo_get_label(info), seL4_Fault_CapFault);
    test_eq(seL4_GetMR(seL4_CapFault_Addr), ep);
    test_eq(seL4_GetMR(seL4_CapFault_InRecvPhase), 1);
    test_eq(seL4_GetMR(seL4_CapFault_LookupFailureType), seL4_MissingCapability);
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    return test_result();
}
#endif
DEFINE_TEST_NONMCS(FAULT0001, "An unknown syscall raises an UnknownSyscall fault",
                   test_fault_unknown_syscall);
DEFINE_TEST_NONMCS(CANCEL_BADGED_SENDS_0001, "CancelBadgedSends restarts the matching senders",
                   test_cancel_badged_sends);
DEFINE_TEST_NONMCS(IPC0001, "Call and ReplyRecv at every message length", test_ipc_call_reply);
DEFINE_TEST_NONMCS(FAULT0002, "A store to unmapped memory raises a VMFault", test_fault_vm);
DEFINE_TEST_NONMCS(IPC0002, "Deleting an endpoint restarts its waiters",
                   test_delete_blocked_endpoint);
