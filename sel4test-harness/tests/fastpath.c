/*
 * What the signal and exception fastpaths (KernelSignalFastpath, KernelExceptionFastpath)
 * take over from the slowpath, checked for the slowpath's exact results: who runs when,
 * in which order woken threads queue, the badge, the VM fault message words, and the
 * faulted thread resuming with its registers intact. The same tests run with the
 * options off (every case then on the slowpath) and on (fastpath where its conditions
 * hold, slowpath otherwise); each test also covers a case the fastpath must refuse.
 */
#include <harness.h>

/* --- shared ---------------------------------------------------------------------------- */

#ifdef CONFIG_KERNEL_MCS
#define RECV(ep, badge, reply) seL4_Recv(ep, badge, reply)
#define REPLY_RECV(ep, info, badge, reply) seL4_ReplyRecv(ep, info, badge, reply)
#else
#define RECV(ep, badge, reply) ((void)(reply), seL4_Recv(ep, badge))
#define REPLY_RECV(ep, info, badge, reply) ((void)(reply), seL4_ReplyRecv(ep, info, badge))
#endif

/* a reply object on MCS, nothing otherwise */
static seL4_CPtr new_reply(void)
{
#ifdef CONFIG_KERNEL_MCS
    return alloc_object(seL4_ReplyObject, 0);
#else
    return 0;
#endif
}

/* who ran, in order: each entry a thread's mark */
static volatile seL4_Word fp_log[8];
static volatile seL4_Word fp_log_len;
static volatile seL4_Word fp_badge;
/* a notification nobody signals, for threads that are done */
static seL4_CPtr fp_never;

static void fp_log_reset(void)
{
    fp_never = alloc_object(seL4_NotificationObject, 0);
    fp_log_len = 0;
    fp_badge = 0;
    for (int i = 0; i < 8; i++) {
        fp_log[i] = 0;
    }
}

static void fp_mark(seL4_Word mark)
{
    if (fp_log_len < 8) {
        fp_log[fp_log_len] = mark;
    }
    fp_log_len = fp_log_len + 1;
}

/* a badged copy of cap with the given rights */
static seL4_CPtr mint(seL4_CPtr cap, seL4_CapRights_t rights, seL4_Word badge)
{
    seL4_CPtr slot = alloc_slot();
    if (seL4_CNode_Mint(seL4_CapInitThreadCNode, slot, 64, seL4_CapInitThreadCNode, cap, 64,
                        rights, badge) != seL4_NoError) {
        return 0;
    }
    return slot;
}

#ifdef CONFIG_KERNEL_MCS
#define BLOCKED_HELPER_BUDGET_US 1000000
#endif

/*
 * Start t at seL4_MaxPrio (ours) so that it runs as soon as we yield and blocks where
 * its function first waits, then give it prio: a waiter set up below us.
 */
static bool start_blocked(helper_thread_t *t, seL4_Word prio, seL4_CPtr fault_ep,
                          helper_fn_t fn, seL4_Word arg0, seL4_Word arg1)
{
    if (!helper_start(t, seL4_MaxPrio, fault_ep, fn, arg0, arg1)) {
        return false;
    }
#ifdef CONFIG_KERNEL_MCS
    /* a budget no host stall uses up (the helper's own 5 ms can go to one, charged to
     * it), so that the one Yield below lets it reach its wait, and it is still ready to
     * run when it is woken */
    if (seL4_SchedControl_ConfigureFlags(seL4_GetBootInfo()->schedcontrol.start, t->sc,
                                         BLOCKED_HELPER_BUDGET_US, BLOCKED_HELPER_BUDGET_US,
                                         0, 0, 0) != seL4_NoError) {
        return false;
    }
#endif
    if (seL4_TCB_Resume(t->tcb) != seL4_NoError) {
        return false;
    }
    seL4_Yield();
    return seL4_TCB_SetPriority(t->tcb, seL4_CapInitThreadTCB, prio) == seL4_NoError;
}

static void block_forever(void)
{
    for (;;) {
        seL4_Wait(fp_never, NULL);
    }
}

/* --- signals --------------------------------------------------------------------------- */

/*
 * arg0: the notification to wait on, and in its top half the mark to log when woken
 * ('W' if none); arg1: the notification to report on
 */
static void signal_waiter(seL4_Word arg, seL4_Word done)
{
    seL4_CPtr ntfn = arg & 0xffffffffu;
    seL4_Word mark = arg >> 32 ? arg >> 32 : 'W';
    seL4_Word badge;
    seL4_Wait(ntfn, &badge);
    if (mark == 'W') {
        fp_badge = badge;
    }
    fp_mark(mark);
    seL4_Signal(done);
    block_forever();
}

/* a thread that is ready to run and only marks 'A' */
static void signal_bystander(seL4_Word done, seL4_Word unused)
{
    (void)unused;
    fp_mark('A');
    seL4_Signal(done);
    block_forever();
}

/*
 * A waiter below the signaller's priority is woken with the badge but does not run
 * until the signaller blocks; there it goes ahead of a thread of its priority that was
 * already ready (the slowpath queues it at the head), and at the signaller's own
 * priority behind it (at the tail). The thread already ready was itself woken by a
 * signal just before (so that it is in the ready queue, not waiting for a refill).
 */
static int test_signal_lower_prio(harness_env_t *env)
{
    (void)env;
    for (int same = 0; same <= 1; same++) {
        seL4_Word prio = same ? seL4_MaxPrio : seL4_MaxPrio - 1;
        seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
        seL4_CPtr go = alloc_object(seL4_NotificationObject, 0);
        seL4_CPtr done = alloc_object(seL4_NotificationObject, 0);
        seL4_CPtr badged = mint(ntfn, seL4_AllRights, 0x11 + same);
        test_check(badged != 0);
        fp_log_reset();
        helper_thread_t w, a;
        test_check(start_blocked(&w, prio, 0, signal_waiter, ntfn, done));
        test_check(start_blocked(&a, prio, 0, signal_waiter, go | ((seL4_Word)'A' << 32), done));
        test_eq(fp_log_len, 0);
        seL4_Signal(go);
        seL4_Signal(badged);
        /* neither has run: we keep the CPU */
        test_eq(fp_log_len, 0);
        test_eq(fp_badge, 0);
        seL4_Wait(done, NULL);
        seL4_Wait(done, NULL);
        test_eq(fp_log_len, 2);
        test_eq(fp_log[0], (same ? 'A' : 'W'));
        test_eq(fp_log[1], (same ? 'W' : 'A'));
        test_eq(fp_badge, 0x11 + same);
        test_eq(seL4_TCB_Suspend(w.tcb), seL4_NoError);
        test_eq(seL4_TCB_Suspend(a.tcb), seL4_NoError);
    }
    return test_result();
}
DEFINE_TEST(SIGFAST0001, "A signalled waiter at or below the signaller's priority queues as the slowpath queues it",
            test_signal_lower_prio, true);

/* arg0: notification to signal; arg1: done (mark 'S' after the signal) */
static void signal_sender(seL4_Word ntfn, seL4_Word done)
{
    seL4_Signal(ntfn);
    fp_mark('S');
    seL4_Signal(done);
    block_forever();
}

/* A waiter above the signaller runs at once, before the signaller's next instruction. */
static int test_signal_higher_prio(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr done = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr badged = mint(ntfn, seL4_AllRights, 0x42);
    test_check(badged != 0);
    fp_log_reset();
    helper_thread_t w, s;
    test_check(start_blocked(&w, seL4_MaxPrio - 1, 0, signal_waiter, ntfn, done));
    test_check(helper_start(&s, seL4_MaxPrio - 2, 0, signal_sender, badged, done));
    test_eq(seL4_TCB_Resume(s.tcb), seL4_NoError);
    seL4_Wait(done, NULL);
    seL4_Wait(done, NULL);
    test_eq(fp_log_len, 2);
    test_eq(fp_log[0], 'W');
    test_eq(fp_log[1], 'S');
    test_eq(fp_badge, 0x42);
    test_eq(seL4_TCB_Suspend(w.tcb), seL4_NoError);
    test_eq(seL4_TCB_Suspend(s.tcb), seL4_NoError);
    return test_result();
}
DEFINE_TEST(SIGFAST0002, "A signalled waiter above the signaller's priority runs at once",
            test_signal_higher_prio, true);

/* arg0: the endpoint to receive on (with a bound notification); arg1: done */
static void bound_ep_receiver(seL4_Word ep, seL4_Word done)
{
    seL4_CPtr reply = done >> 32;
    done &= 0xffffffffu;
    seL4_Word badge;
    RECV(ep, &badge, reply);
    fp_badge = badge;
    fp_mark('B');
    seL4_Signal(done);
    /* the endpoint must have let go of us: this receive gets the next message */
    RECV(ep, &badge, reply);
    fp_mark(seL4_GetMR(0));
    seL4_Signal(done);
    block_forever();
}

/*
 * A signal to a bound notification wakes its thread out of an endpoint receive (and out
 * of the endpoint's queue) with the badge, after the signaller blocks.
 */
static int test_signal_bound(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr done = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr reply = new_reply();
    seL4_CPtr badged = mint(ntfn, seL4_AllRights, 0x77);
    test_check(badged != 0);
    fp_log_reset();
    helper_thread_t b;
    test_check(helper_start(&b, seL4_MaxPrio, 0, bound_ep_receiver, ep, done | (reply << 32)));
    test_eq(seL4_TCB_BindNotification(b.tcb, ntfn), seL4_NoError);
    test_eq(seL4_TCB_Resume(b.tcb), seL4_NoError);
    seL4_Yield();
    test_eq(seL4_TCB_SetPriority(b.tcb, seL4_CapInitThreadTCB, seL4_MaxPrio - 1), seL4_NoError);
    seL4_Signal(badged);
    test_eq(fp_log_len, 0);
    seL4_Wait(done, NULL);
    test_eq(fp_log_len, 1);
    test_eq(fp_log[0], 'B');
    test_eq(fp_badge, 0x77);
    /* it waits on the endpoint again, once: a send reaches it */
    seL4_SetMR(0, 'M');
    seL4_Send(ep, seL4_MessageInfo_new(0, 0, 0, 1));
    seL4_Wait(done, NULL);
    test_eq(fp_log_len, 2);
    test_eq(fp_log[1], 'M');
    test_eq(seL4_TCB_Suspend(b.tcb), seL4_NoError);
    return test_result();
}
DEFINE_TEST(SIGFAST0003, "A signal wakes a bound thread out of an endpoint receive",
            test_signal_bound, true);

/* Pending signals OR together; a cap without the Send (write) right signals nothing. */
static int test_signal_pending(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr b1 = mint(ntfn, seL4_AllRights, 0x1);
    seL4_CPtr b2 = mint(ntfn, seL4_AllRights, 0x6);
    seL4_CPtr readOnly = mint(ntfn, seL4_CanRead, 0x80);
    test_check(b1 && b2 && readOnly);
    seL4_Word badge = 99;
    seL4_Poll(ntfn, &badge);
    test_eq(badge, 0);
    seL4_Signal(readOnly);
    seL4_Poll(ntfn, &badge);
    test_eq(badge, 0);
    seL4_Signal(b1);       /* idle: becomes active */
    seL4_Signal(readOnly);
    seL4_Signal(b2);       /* active: ORed */
    seL4_Signal(b2);
    seL4_Poll(ntfn, &badge);
    test_eq(badge, 0x7);
    seL4_Poll(ntfn, &badge);
    test_eq(badge, 0);
    return test_result();
}
DEFINE_TEST(SIGFAST0004, "Signals OR into the pending word; no Send right, no signal",
            test_signal_pending, true);

#ifdef CONFIG_KERNEL_MCS
/* arg0: the bound notification to wait on; arg1: done */
static void passive_waiter(seL4_Word ntfn, seL4_Word done)
{
    for (;;) {
        seL4_Word badge;
        seL4_Wait(ntfn, &badge);
        fp_badge = badge;
        fp_mark('P');
        seL4_Signal(done);
    }
}

/*
 * A passive thread is woken on its notification's scheduling context (a case the
 * signal fastpath leaves to the slowpath), and runs on it once we block.
 */
static int test_signal_passive(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr done = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr badged = mint(ntfn, seL4_AllRights, 0x5);
    test_check(badged != 0);
    fp_log_reset();
    helper_thread_t p;
    test_check(helper_start(&p, seL4_MaxPrio, 0, passive_waiter, ntfn, done));
    test_eq(seL4_TCB_BindNotification(p.tcb, ntfn), seL4_NoError);
    test_eq(seL4_TCB_Resume(p.tcb), seL4_NoError);
    seL4_Yield();
    test_eq(seL4_TCB_SetPriority(p.tcb, seL4_CapInitThreadTCB, seL4_MaxPrio - 1), seL4_NoError);
    test_eq(seL4_SchedContext_Unbind(p.sc), seL4_NoError);
    test_eq(seL4_SchedContext_Bind(p.sc, ntfn), seL4_NoError);
    seL4_Signal(badged);
    test_eq(fp_log_len, 0);
    seL4_Wait(done, NULL);
    test_eq(fp_log_len, 1);
    test_eq(fp_log[0], 'P');
    test_eq(fp_badge, 0x5);
    /* it gave the SC back when it waited again: signal it once more */
    seL4_Signal(badged);
    seL4_Wait(done, NULL);
    test_eq(fp_log_len, 2);
    test_eq(seL4_TCB_Suspend(p.tcb), seL4_NoError);
    return test_result();
}
#define SIGFAST0005_ENABLED true
#else
#define test_signal_passive NULL
#define SIGFAST0005_ENABLED false
#endif
DEFINE_TEST(SIGFAST0005, "A passive thread is woken on its notification's scheduling context",
            test_signal_passive, SIGFAST0005_ENABLED);

/* --- VM faults --------------------------------------------------------------------------- */

/*
 * A store and a load that fault on an unmapped page, with the address in a0 and the
 * value in a1 (the registers a reply would write if it were a normal message), and an
 * instruction fetch from one. After each access the faulter reports a0 and a1 (and
 * what it loaded) on report, with MRs 0..2.
 */
static __attribute__((noinline)) void fault_accesses(seL4_Word page, seL4_Word report)
{
    register seL4_Word a0 __asm__("a0") = page;
    register seL4_Word a1 __asm__("a1") = 0x5a5a;
    __asm__ volatile(".globl fp_store_pc\n"
                     "fp_store_pc: sd a1, 0(a0)\n" : "+r"(a0), "+r"(a1) : : "memory");
    seL4_Word s0 = a0, s1 = a1;
    seL4_SetMR(0, s0);
    seL4_SetMR(1, s1);
    seL4_SetMR(2, *(volatile seL4_Word *)page);
    seL4_Send(report, seL4_MessageInfo_new(0, 0, 0, 3));

    register seL4_Word b0 __asm__("a0") = page + 4096;
    register seL4_Word b1 __asm__("a1") = 0;
    __asm__ volatile(".globl fp_load_pc\n"
                     "fp_load_pc: ld a1, 0(a0)\n" : "+r"(b0), "+r"(b1) : : "memory");
    seL4_SetMR(0, b0);
    seL4_SetMR(1, b1);
    seL4_SetMR(2, 0);
    seL4_Send(report, seL4_MessageInfo_new(0, 0, 0, 3));

    ((void (*)(void))(page + 2 * 4096))();
}
extern char fp_store_pc[], fp_load_pc[];

static void fault_accesses_entry(seL4_Word page, seL4_Word report)
{
    fault_accesses(page, report);
}

/* Check the message just received is the VM fault expected (label, length, words). */
static void expect_vmfault(seL4_MessageInfo_t info, seL4_Word badge, seL4_Word wantBadge,
                           seL4_Word ip, seL4_Word addr, seL4_Word prefetch, seL4_Word fsr)
{
    test_eq(badge, wantBadge);
    test_eq(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    test_eq(seL4_MessageInfo_get_length(info), seL4_VMFault_Length);
    test_eq(seL4_MessageInfo_get_extraCaps(info), 0);
    test_eq(seL4_MessageInfo_get_capsUnwrapped(info), 0);
    test_eq(seL4_GetMR(seL4_VMFault_IP), ip);
    test_eq(seL4_GetMR(seL4_VMFault_Addr), addr);
    test_eq(seL4_GetMR(seL4_VMFault_PrefetchFault), prefetch);
    test_eq(seL4_GetMR(seL4_VMFault_FSR), fsr);
}

/*
 * The handler (we) waits on the endpoint; the faulter runs below us. Each fault arrives
 * with the handler cap's badge and the VM fault message; we map the page and answer
 * with ReplyRecv, and the faulter goes on from the faulting instruction with its
 * registers as they were. Both MCS and non-MCS; the non-MCS handler is taken by the
 * fastpath, the MCS one (active, on its own SC) by the slowpath.
 */
static int test_vmfault_to_waiting_handler(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr fault_cap = mint(ep, seL4_AllRights, 0xfa);
    seL4_CPtr report = mint(ep, seL4_AllRights, 0x3e);
    seL4_CPtr reply = new_reply();
    test_check(fault_cap && report);
    seL4_Word page = alloc_vaddr(seL4_PageBits + 2);
    seL4_CPtr frame0 = alloc_object(seL4_RISCV_4K_Page, 0);
    seL4_CPtr frame1 = alloc_object(seL4_RISCV_4K_Page, 0);
    helper_thread_t f;
    test_check(helper_start(&f, seL4_MaxPrio - 1, fault_cap, fault_accesses_entry, page, report));
    test_eq(seL4_TCB_Resume(f.tcb), seL4_NoError);

    seL4_Word badge;
    seL4_MessageInfo_t info = RECV(ep, &badge, reply);
    expect_vmfault(info, badge, 0xfa, (seL4_Word)fp_store_pc, page, 0, 7);
    test_check(map_frame_in(seL4_CapInitThreadVSpace, frame0, page, seL4_ReadWrite));
    /* a reply's message is ignored: the faulter restarts the store */
    seL4_SetMR(0, 0xdead);
    info = REPLY_RECV(ep, seL4_MessageInfo_new(0, 0, 0, 1), &badge, reply);
    test_eq(badge, 0x3e);
    test_eq(seL4_MessageInfo_get_label(info), 0);
    test_eq(seL4_GetMR(0), page);
    test_eq(seL4_GetMR(1), 0x5a5a);
    test_eq(seL4_GetMR(2), 0x5a5a);

    info = RECV(ep, &badge, reply);
    expect_vmfault(info, badge, 0xfa, (seL4_Word)fp_load_pc, page + 4096, 0, 5);
    test_check(map_frame_in(seL4_CapInitThreadVSpace, frame1, page + 4096, seL4_ReadWrite));
    *(volatile seL4_Word *)(page + 4096) = 0x77;
    info = REPLY_RECV(ep, seL4_MessageInfo_new(0, 0, 0, 0), &badge, reply);
    test_eq(badge, 0x3e);
    test_eq(seL4_GetMR(0), page + 4096);
    test_eq(seL4_GetMR(1), 0x77);

    info = RECV(ep, &badge, reply);
    expect_vmfault(info, badge, 0xfa, page + 2 * 4096, page + 2 * 4096, 1, 1);
    test_eq(seL4_TCB_Suspend(f.tcb), seL4_NoError);
    return test_result();
}
DEFINE_TEST(EXCFAST0001, "VM faults reach a waiting handler with their message; its reply resumes the faulter",
            test_vmfault_to_waiting_handler, true);

/* A store fault repeated until the page is there, then 'F' and report (MR0 = the value). */
static void store_then_report(seL4_Word page, seL4_Word report)
{
    *(volatile seL4_Word *)page = 0x1234;
    fp_mark('F');
    seL4_SetMR(0, *(volatile seL4_Word *)page);
    seL4_Send(report, seL4_MessageInfo_new(0, 0, 0, 1));
    block_forever();
}

/*
 * No handler waiting: the faulter queues on the endpoint (the fastpath cannot take it),
 * and the handler's later receive gets the same message.
 */
static int test_vmfault_queued(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr fault_cap = mint(ep, seL4_AllRights, 0xb0);
    seL4_CPtr report = mint(ep, seL4_AllRights, 0x3e);
    seL4_CPtr reply = new_reply();
    test_check(fault_cap && report);
    seL4_Word page = alloc_vaddr(seL4_PageBits);
    seL4_CPtr frame = alloc_object(seL4_RISCV_4K_Page, 0);
    fp_log_reset();
    helper_thread_t f;
    test_check(helper_start(&f, seL4_MaxPrio, fault_cap, store_then_report, page, report));
    test_eq(seL4_TCB_Resume(f.tcb), seL4_NoError);
    seL4_Yield();
    test_eq(fp_log_len, 0);
    seL4_Word badge;
    seL4_MessageInfo_t info = RECV(ep, &badge, reply);
    test_eq(badge, 0xb0);
    test_eq(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    test_eq(seL4_MessageInfo_get_length(info), seL4_VMFault_Length);
    test_eq(seL4_GetMR(seL4_VMFault_Addr), page);
    test_eq(seL4_GetMR(seL4_VMFault_PrefetchFault), 0);
    test_eq(seL4_GetMR(seL4_VMFault_FSR), 7);
    test_check(map_frame_in(seL4_CapInitThreadVSpace, frame, page, seL4_ReadWrite));
    info = REPLY_RECV(ep, seL4_MessageInfo_new(0, 0, 0, 0), &badge, reply);
    test_eq(badge, 0x3e);
    test_eq(seL4_GetMR(0), 0x1234);
    test_eq(fp_log_len, 1);
    test_eq(seL4_TCB_Suspend(f.tcb), seL4_NoError);
    return test_result();
}
DEFINE_TEST(EXCFAST0002, "A VM fault with no handler waiting queues on the endpoint",
            test_vmfault_queued, true);

/* arg0: the fault endpoint; arg1: reply | done << 32. Marks 'H' per fault, maps nothing. */
static void fault_handler_thread(seL4_Word ep, seL4_Word arg)
{
    seL4_CPtr reply = arg & 0xffffffffu;
    seL4_CPtr done = arg >> 32;
    seL4_Word badge;
    seL4_MessageInfo_t info = RECV(ep, &badge, reply);
    for (;;) {
        fp_badge = badge;
        fp_mark(seL4_MessageInfo_get_label(info) == seL4_Fault_VMFault ? 'H' : '?');
        fp_mark(seL4_GetMR(seL4_VMFault_Addr));
        seL4_Signal(done);
        /* the page is mapped by the time we are resumed: restart the faulter */
        info = REPLY_RECV(ep, seL4_MessageInfo_new(0, 0, 0, 0), &badge, reply);
    }
}

/*
 * A handler below the faulter's priority, with a thread of its own priority ready: the
 * slowpath switches to the handler (nothing above it is ready), ahead of that thread;
 * the handler's reply then resumes the faulter above both. On MCS the handler is
 * passive and runs on the faulter's scheduling context, which its reply gives back.
 */
static int test_vmfault_lower_prio_handler(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr done = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr fault_cap = mint(ep, seL4_AllRights, 0xc1);
    seL4_CPtr report = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr reply = new_reply();
    test_check(fault_cap != 0);
    seL4_Word page = alloc_vaddr(seL4_PageBits);
    seL4_CPtr frame = alloc_object(seL4_RISCV_4K_Page, 0);
    fp_log_reset();
    helper_thread_t h, a, f;
    test_check(start_blocked(&h, seL4_MaxPrio - 2, 0, fault_handler_thread, ep,
                             reply | (done << 32)));
#ifdef CONFIG_KERNEL_MCS
    test_eq(seL4_SchedContext_Unbind(h.sc), seL4_NoError);
#endif
    test_check(helper_start(&a, seL4_MaxPrio - 2, 0, signal_bystander, done, 0));
    test_eq(seL4_TCB_Resume(a.tcb), seL4_NoError);
    test_check(helper_start(&f, seL4_MaxPrio - 1, fault_cap, store_then_report, page, report));
    test_eq(seL4_TCB_Resume(f.tcb), seL4_NoError);
    test_eq(fp_log_len, 0);
    /* we block: f runs and faults, h takes the fault before a runs */
    seL4_Wait(done, NULL);
    test_eq(fp_log_len, 2);
    test_eq(fp_log[0], 'H');
    test_eq(fp_log[1], page);
    test_eq(fp_badge, 0xc1);
    test_check(map_frame_in(seL4_CapInitThreadVSpace, frame, page, seL4_ReadWrite));
    /* h replies: f (above a) stores and reports, then a runs */
    seL4_Word badge;
    RECV(report, &badge, new_reply());
    test_eq(seL4_GetMR(0), 0x1234);
    test_eq(fp_log_len, 3);
    test_eq(fp_log[2], 'F');
    seL4_Wait(done, NULL);
    test_eq(fp_log_len, 4);
    test_eq(fp_log[3], 'A');
    test_eq(seL4_TCB_Suspend(f.tcb), seL4_NoError);
    test_eq(seL4_TCB_Suspend(a.tcb), seL4_NoError);
    test_eq(seL4_TCB_Suspend(h.tcb), seL4_NoError);
    return test_result();
}
DEFINE_TEST(EXCFAST0003, "A lower-priority (MCS: passive) handler takes a VM fault ahead of its peers",
            test_vmfault_lower_prio_handler, true);

#ifndef CONFIG_KERNEL_MCS
/*
 * A fault handler cap without Grant or GrantReply cannot carry the reply: the fault
 * is a double fault and the faulter stops, with the handler still waiting (a thread
 * below the handler then runs first when we block).
 */
static int test_vmfault_handler_rights(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr done = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr fault_cap = mint(ep, seL4_CanWrite, 0xd1);
    seL4_CPtr reply = new_reply();
    test_check(fault_cap != 0);
    seL4_Word page = alloc_vaddr(seL4_PageBits);
    fp_log_reset();
    helper_thread_t h, f, a;
    test_check(start_blocked(&h, seL4_MaxPrio - 2, 0, fault_handler_thread, ep,
                             reply | (done << 32)));
    test_check(helper_start(&f, seL4_MaxPrio, fault_cap, store_then_report, page, ep));
    test_eq(seL4_TCB_Resume(f.tcb), seL4_NoError);
    seL4_Yield();
    test_check(helper_start(&a, seL4_MaxPrio - 3, 0, signal_bystander, done, 0));
    test_eq(seL4_TCB_Resume(a.tcb), seL4_NoError);
    seL4_Wait(done, NULL);
    test_eq(fp_log_len, 1);
    test_eq(fp_log[0], 'A');
    test_eq(seL4_TCB_Suspend(f.tcb), seL4_NoError);
    test_eq(seL4_TCB_Suspend(h.tcb), seL4_NoError);
    test_eq(seL4_TCB_Suspend(a.tcb), seL4_NoError);
    return test_result();
}
#define EXCFAST0004_ENABLED true
#else
#define test_vmfault_handler_rights NULL
#define EXCFAST0004_ENABLED false
#endif
DEFINE_TEST(EXCFAST0004, "A VM fault to a handler cap without Grant stops the faulter",
            test_vmfault_handler_rights, EXCFAST0004_ENABLED);

/*
 * Access faults: the firmware's memory (config/opensbi.dts) is handed out as a device
 * untyped, but OpenSBI's PMP keeps user mode out of it, so a frame there maps and then
 * faults with scause 1/5/7 instead of a page fault. handleVMFaultEvent reports both
 * kinds the same way (seL4's FSR of 1/5/7); the exception fastpath leaves access faults
 * to it, and the reply restarts the access.
 */
static __attribute__((noinline)) void firmware_access(seL4_Word page, seL4_Word kind)
{
    register seL4_Word a0 __asm__("a0") = page;
    register seL4_Word a1 __asm__("a1") = 0x5a5a;
    if (kind == 0) {
        __asm__ volatile(".globl fw_load_pc\n"
                         "fw_load_pc: ld a1, 0(a0)\n" : "+r"(a0), "+r"(a1) : : "memory");
    } else if (kind == 1) {
        __asm__ volatile(".globl fw_store_pc\n"
                         "fw_store_pc: sd a1, 0(a0)\n" : "+r"(a0), "+r"(a1) : : "memory");
    } else {
        ((void (*)(void))page)();
    }
}
extern char fw_load_pc[], fw_store_pc[];

/*
 * A frame cap to the first page of the firmware's region: the device untyped closest
 * below the first RAM untyped (RAM starts with the firmware, then the kernel).
 */
static seL4_CPtr firmware_frame(seL4_BootInfo *bi, seL4_CPtr *untyped)
{
    seL4_Word n = bi->untyped.end - bi->untyped.start;
    seL4_Word ram = ~0ul;
    for (seL4_Word i = 0; i < n; i++) {
        if (!bi->untypedList[i].isDevice && bi->untypedList[i].paddr < ram) {
            ram = bi->untypedList[i].paddr;
        }
    }
    seL4_Word best = n, bestEnd = 0;
    for (seL4_Word i = 0; i < n; i++) {
        seL4_UntypedDesc *u = &bi->untypedList[i];
        seL4_Word end = u->paddr + (1ul << u->sizeBits);
        if (u->isDevice && end <= ram && end > bestEnd) {
            best = i;
            bestEnd = end;
        }
    }
    if (best == n) {
        return 0;
    }
    seL4_CPtr frame = alloc_slot();
    *untyped = bi->untyped.start + best;
    if (seL4_Untyped_Retype(*untyped, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode, 0, 0, frame,
                            1) != seL4_NoError) {
        return 0;
    }
    return frame;
}

static int test_access_faults(harness_env_t *env)
{
    seL4_CPtr untyped = 0;
    seL4_CPtr frame = firmware_frame(env->bootinfo, &untyped);
    test_check(frame != 0);
    seL4_Word v = alloc_vaddr(seL4_PageBits);
    test_check(map_frame_in(seL4_CapInitThreadVSpace, frame, v, seL4_ReadWrite));
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr fault_cap = mint(ep, seL4_AllRights, 0xac);
    seL4_CPtr reply = new_reply();
    static const struct {
        seL4_Word prefetch, fsr;
    } want[3] = { { 0, 5 }, { 0, 7 }, { 1, 1 } };
    for (seL4_Word kind = 0; kind < 3; kind++) {
        seL4_Word ip = kind == 0 ? (seL4_Word)fw_load_pc : kind == 1 ? (seL4_Word)fw_store_pc : v;
        helper_thread_t f;
        test_check(helper_start(&f, seL4_MaxPrio - 1, fault_cap, firmware_access, v, kind));
        test_eq(seL4_TCB_Resume(f.tcb), seL4_NoError);
        seL4_Word badge;
        seL4_MessageInfo_t info = RECV(ep, &badge, reply);
        expect_vmfault(info, badge, 0xac, ip, v, want[kind].prefetch, want[kind].fsr);
        /* the reply restarts the access, which faults the same way again */
        info = REPLY_RECV(ep, seL4_MessageInfo_new(0, 0, 0, 0), &badge, reply);
        expect_vmfault(info, badge, 0xac, ip, v, want[kind].prefetch, want[kind].fsr);
        test_eq(seL4_TCB_Suspend(f.tcb), seL4_NoError);
    }
    /* give the firmware's untyped back as it was */
    test_eq(seL4_CNode_Revoke(seL4_CapInitThreadCNode, untyped, seL4_WordBits), seL4_NoError);
    return test_result();
}
DEFINE_TEST(EXCFAST0005, "Access faults (the firmware's PMP-protected memory) reach the handler as VM faults",
            test_access_faults, true);
