/*
 * IPC details (non-MCS): capability transfer and unwrapping, grant rights, NB variants,
 * IPC between address spaces, and random syscalls from a sandboxed thread.
 */
#include <harness.h>

#ifndef CONFIG_KERNEL_MCS
static seL4_CPtr xfer_ep, xfer_slot;
static volatile seL4_Word got_info, got_badge0, got_cap_type;

/* Receive one message, with a receive slot in the root CNode. */
static void cap_receiver(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    seL4_SetCapReceivePath(seL4_CapInitThreadCNode, xfer_slot, 64);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(xfer_ep, &badge);
    got_info = info.words[0];
    got_badge0 = seL4_GetBadge(0);
    got_cap_type = seL4_DebugCapIdentify(xfer_slot);
}

static void run_transfer(seL4_CPtr send_cap, seL4_CPtr extra, seL4_Word nextra)
{
    got_info = got_badge0 = got_cap_type = 0;
    xfer_slot = alloc_slot();
    helper_thread_t t;
    helper_start(&t, seL4_MaxPrio, 0, cap_receiver, 0, 0);
    seL4_TCB_Resume(t.tcb);
    seL4_Yield();   /* the receiver blocks */
    seL4_SetCap(0, extra);
    seL4_Send(send_cap, seL4_MessageInfo_new(0, 0, nextra, 0));
    seL4_Yield();
}

static int test_cap_transfer(harness_env_t *env)
{
    (void)env;
    xfer_ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    /* a plain transfer through a cap with Grant */
    run_transfer(xfer_ep, ntfn, 1);
    seL4_MessageInfo_t info = { .words = { got_info } };
    test_eq(seL4_MessageInfo_get_extraCaps(info), 1);
    test_eq(seL4_MessageInfo_get_capsUnwrapped(info), 0);
    test_eq(got_cap_type, 6);
    /* unwrapping: a badged cap to the same endpoint arrives as its badge */
    seL4_CPtr badged = alloc_slot();
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, badged, 64, seL4_CapInitThreadCNode, xfer_ep,
                            64, seL4_AllRights, 0xbadd), seL4_NoError);
    run_transfer(xfer_ep, badged, 1);
    info.words[0] = got_info;
    test_eq(seL4_MessageInfo_get_extraCaps(info), 1);
    test_eq(seL4_MessageInfo_get_capsUnwrapped(info), 1);
    test_eq(got_badge0, 0xbadd);
    test_eq(got_cap_type, 0);
    /* without Grant nothing moves */
    seL4_CPtr nogrant = alloc_slot();
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, nogrant, 64, seL4_CapInitThreadCNode, xfer_ep,
                            64, seL4_CanWrite, 0), seL4_NoError);
    run_transfer(nogrant, ntfn, 1);
    info.words[0] = got_info;
    test_eq(seL4_MessageInfo_get_extraCaps(info), 0);
    test_eq(got_cap_type, 0);
    /* an IRQControl cap cannot be derived: the transfer stops */
    run_transfer(xfer_ep, seL4_CapIRQControl, 1);
    info.words[0] = got_info;
    test_eq(seL4_MessageInfo_get_extraCaps(info), 0);
    return test_result();
}

static int test_nb_variants(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    /* NBRecv with nobody sending: badge 0, nothing else */
    seL4_Word badge = 7;
    seL4_NBRecv(ep, &badge);
    test_eq(badge, 0);
    /* NBSend with nobody receiving: dropped */
    seL4_NBSend(ep, seL4_MessageInfo_new(5, 0, 0, 0));
    seL4_NBRecv(ep, &badge);
    test_eq(badge, 0);
    /* NBSend to an unresolvable cptr: silently ignored, no fault */
    seL4_NBSend(1ul << 63, seL4_MessageInfo_new(5, 0, 0, 0));
    /* Reply with no caller: nothing happens */
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
    return test_result();
}

static seL4_CPtr cross_ep;

static void cross_server(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(cross_ep, &badge);
    seL4_SetMR(0, seL4_GetMR(0) * 2);
    seL4_Reply(info);
}

static int test_ipc_other_vspace(harness_env_t *env)
{
    (void)env;
    cross_ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr vs = vspace_new();
    test_check(vs && vspace_share_image(vs));
    helper_thread_t t;
    test_check(helper_start_in(&t, vs, seL4_MaxPrio, 0, cross_server, 0, 0));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    seL4_Yield();
    seL4_SetMR(0, 21);
    seL4_MessageInfo_t r = seL4_Call(cross_ep, seL4_MessageInfo_new(0, 0, 0, 1));
    test_eq(seL4_MessageInfo_get_length(r), 1);
    test_eq(seL4_GetMR(0), 42);
    return test_result();
}

/* --- random syscalls from a thread with a sandbox CSpace ------------------------------ */

static volatile seL4_Word fuzz_iterations;
static uint64_t fuzz_rng = HARNESS_FUZZ_STATE(0x1234567890abcdefull);

static seL4_Word frnd(void)
{
    return harness_random(&fuzz_rng);
}

static void syscall_fuzzer(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    for (;;) {
        register seL4_Word r0 __asm__("a0") = (frnd() % 3) ? frnd() % 8 : frnd();
        register seL4_Word r1 __asm__("a1") = frnd() % 2 ? frnd() % 0x40000 : frnd();
        register seL4_Word r2 __asm__("a2") = frnd() % 16;
        register seL4_Word r3 __asm__("a3") = frnd();
        register seL4_Word r4 __asm__("a4") = frnd() % 64;
        register seL4_Word r5 __asm__("a5") = frnd();
        /* API syscalls, and unknown numbers; never the debug calls (DebugHalt!) */
        seL4_Word num = (frnd() % 8) ? -(seL4_Word)(1 + frnd() % 8) : frnd();
        if ((seL4_SWord)num <= -9 && (seL4_SWord)num >= -40) {
            num = 1000;
        }
        register seL4_Word r7 __asm__("a7") = num;
        __asm__ volatile("ecall" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5)
                         : "r"(r7) : "memory");
        fuzz_iterations++;
    }
}

static int test_syscall_fuzz(harness_env_t *env)
{
    (void)env;
    /* the fuzzer's CSpace: a small CNode holding a few objects, nothing of ours */
    seL4_CPtr cnode = alloc_object(seL4_CapTableObject, 3);
    seL4_CPtr objs[] = { alloc_object(seL4_EndpointObject, 0),
                         alloc_object(seL4_NotificationObject, 0),
                         alloc_object(seL4_EndpointObject, 0),
                         alloc_untyped(16) };
    for (seL4_Word i = 0; i < 4; i++) {
        test_eq(seL4_CNode_Copy(cnode, i + 1, 3, seL4_CapInitThreadCNode, objs[i], 64,
                                seL4_AllRights), seL4_NoError);
    }
    test_eq(seL4_CNode_Copy(cnode, 5, 3, seL4_CapInitThreadCNode, cnode, 64, seL4_AllRights),
            seL4_NoError);
    int restarts = 0;
    fuzz_iterations = 0;
    helper_thread_t t;
    test_check(helper_start(&t, seL4_MaxPrio, 0, syscall_fuzzer, 0, 0));
    /* its own CSpace: the guard makes cptrs 0..7 resolve */
    test_eq(seL4_TCB_SetSpace(t.tcb, 0, cnode, seL4_CNode_CapData_new(0, 61).words[0],
                              seL4_CapInitThreadVSpace, 0), seL4_NoError);
    seL4_UserContext start;
    test_eq(seL4_TCB_ReadRegisters(t.tcb, 0, 0, 32, &start), seL4_NoError);
    for (int round = 0; round < 300; round++) {
        /* restart it from the top: it may have blocked or faulted */
        test_eq(seL4_TCB_WriteRegisters(t.tcb, 1, 0, 32, &start), seL4_NoError);
        for (int i = 0; i < 3; i++) {
            seL4_Yield();
        }
        seL4_TCB_Suspend(t.tcb);
        restarts++;
    }
    printf("    seed %lu: %lu random syscalls over %d threads\n", LARCH_FUZZ_SEED, fuzz_iterations,
           restarts);
    test_check(fuzz_iterations > 0);
    /* the kernel still answers */
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadTCB), 12);
    return test_result();
}
#endif
DEFINE_TEST_NONMCS(IPC0003, "Capability transfer, unwrapping and the Grant right",
                   test_cap_transfer);
DEFINE_TEST_NONMCS(IPC0004, "Non-blocking send and receive", test_nb_variants);
DEFINE_TEST_NONMCS(IPC0005, "Call and Reply between address spaces", test_ipc_other_vspace);
DEFINE_TEST_NONMCS(FUZZ0002, "Random syscalls from a sandboxed thread", test_syscall_fuzz);

#ifndef CONFIG_KERNEL_MCS
static volatile int server_got;
static seL4_CPtr rights_ep;

static void reply_once(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(rights_ep, &badge);
    server_got = 1;
    seL4_SetMR(0, 77);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 1));
    (void)info;
}

static volatile int caller_state;

static void caller(seL4_Word cap, seL4_Word unused)
{
    (void)unused;
    caller_state = 1;
    seL4_SetMR(0, 1);
    seL4_Call(cap, seL4_MessageInfo_new(0, 0, 0, 1));
    caller_state = 2;
}

/* A Call through a cap with neither Grant nor GrantReply gets no reply cap: the caller
 * stays blocked for good. With GrantReply alone the reply arrives. */
static int test_grant_reply(harness_env_t *env)
{
    (void)env;
    rights_ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr plain = alloc_slot(), gr = alloc_slot();
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, plain, 64, seL4_CapInitThreadCNode, rights_ep,
                            64, seL4_CanWrite, 0), seL4_NoError);
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, gr, 64, seL4_CapInitThreadCNode, rights_ep,
                            64, seL4_CapRights_new(1, 0, 0, 1), 0), seL4_NoError);
    for (int with_gr = 0; with_gr < 2; with_gr++) {
        helper_thread_t s, c;
        server_got = 0;
        caller_state = 0;
        test_check(helper_start(&s, seL4_MaxPrio, 0, reply_once, 0, 0));
        test_check(helper_start(&c, seL4_MaxPrio, 0, caller, with_gr ? gr : plain, 0));
        test_eq(seL4_TCB_Resume(s.tcb), seL4_NoError);
        test_eq(seL4_TCB_Resume(c.tcb), seL4_NoError);
        for (int i = 0; i < 5; i++) {
            seL4_Yield();
        }
        test_eq(server_got, 1);
        test_eq(caller_state, with_gr ? 2 : 1);
        seL4_TCB_Suspend(s.tcb);
        seL4_TCB_Suspend(c.tcb);
    }
    return test_result();
}

static volatile int after_illegal;

static void illegal_then_continue(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    __asm__ volatile(".word 0x00000000");   /* an illegal instruction */
    after_illegal = 1;
}

/* Replying to a user exception with a new FaultIP resumes the thread past the fault. */
static int test_user_exception_reply(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    helper_thread_t t;
    after_illegal = 0;
    test_check(helper_start(&t, seL4_MaxPrio, ep, illegal_then_continue, 0, 0));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    test_eq(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    test_eq(seL4_GetMR(seL4_UserException_Number), 2);
    seL4_Word pc = seL4_GetMR(seL4_UserException_FaultIP);
    seL4_SetMR(0, pc + 4);
    seL4_SetMR(1, seL4_GetMR(seL4_UserException_SP));
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 2));
    for (int i = 0; i < 3 && !after_illegal; i++) {
        seL4_Yield();
    }
    test_eq(after_illegal, 1);
    return test_result();
}
#endif
DEFINE_TEST_NONMCS(FAULT0003, "A user-exception reply can move the thread past the fault",
                   test_user_exception_reply);
DEFINE_TEST_NONMCS(IPC0006, "GrantReply decides whether a Call gets a reply cap", test_grant_reply);
