/*
 * sel4bench's `signal` and `fault` applications, measured as they measure them (what
 * is timed where), for the signal and exception fastpaths (KernelSignalFastpath,
 * KernelExceptionFastpath; docs/PERFORMANCE.md).
 *
 * signal: "Signal to high prio thread": the signaller, one priority below the waiter,
 * reads the counter before its seL4_Signal, the waiter after its wait returns (the
 * signaller then takes the difference, as sel4bench's low_prio_signal_fn does).
 * "Signal to low prio thread": the signaller, one priority above the waiter, reads the
 * counter around its seL4_Signal; here every sample wakes the waiter (sel4bench's loop
 * finds it waiting only the first time), which is the signal fastpath's case.
 *
 * fault: sel4bench's faulter runs an undefined instruction (a user exception, which no
 * fastpath takes); here it is a store to an unmapped page, a VM fault, which is what
 * the exception fastpath takes. "faulter -> fault handler": the faulter reads the
 * counter and stores it just before the faulting store, the handler reads it when its
 * ReplyRecv returns with the fault. "fault handler -> faulter": the handler reads and
 * stores it just before its ReplyRecv, the faulter when it runs again after the fault.
 * As in sel4bench the faulter is one priority above its handler, and on MCS the handler
 * is passive. Between faults the handler moves the faulter past the store with
 * TCB_WriteRegisters (a VM fault's reply restarts the faulting instruction), outside
 * both windows; so there is no round trip figure.
 *
 * Each thread does RUNS * ITERATIONS operations and keeps every ITERATIONS-th as a
 * sample; the timing sequences' own cost (a nop where the ecall or the faulting store
 * was) is printed as an overhead for bench/report.py to subtract.
 */
#include <harness.h>

#define RUNS        16
#define ITERATIONS  16
#define OPS         (RUNS * ITERATIONS)
#define PAGE        (1ul << seL4_PageBits)

typedef seL4_Word cycles_t;

#ifdef CONFIG_KERNEL_MCS
#define SYS_WAIT seL4_SysWait
#else
#define SYS_WAIT seL4_SysRecv
#endif

/* rdcycle, then the signal: a0 the notification cap */
#define SIGNAL_START(t0, ntfn) do {                                                    \
        register seL4_Word r0_ __asm__("a0") = (ntfn);                                \
        register seL4_Word r1_ __asm__("a1") = 0;                                     \
        register seL4_Word r7_ __asm__("a7") = (seL4_Word)seL4_SysSend;               \
        __asm__ volatile("rdcycle %0\n\tecall"                                        \
                         : "=&r"(t0), "+r"(r0_), "+r"(r1_) : "r"(r7_)                 \
                         : "a2", "a3", "a4", "a5", "a6", "memory");                   \
    } while (0)

/* the wait, then rdcycle */
#define WAIT_END(t1, ntfn) do {                                                        \
        register seL4_Word r0_ __asm__("a0") = (ntfn);                                \
        register seL4_Word r1_ __asm__("a1") = 0;                                     \
        register seL4_Word r7_ __asm__("a7") = (seL4_Word)SYS_WAIT;                   \
        __asm__ volatile("ecall\n\trdcycle %0"                                        \
                         : "=r"(t1), "+r"(r0_), "+r"(r1_) : "r"(r7_)                  \
                         : "a2", "a3", "a4", "a5", "a6", "memory");                   \
    } while (0)

/* rdcycle, the signal (or a nop), rdcycle */
#define SIGNAL_AROUND(insn, t0, t1, ntfn) do {                                         \
        register seL4_Word r0_ __asm__("a0") = (ntfn);                                \
        register seL4_Word r1_ __asm__("a1") = 0;                                     \
        register seL4_Word r7_ __asm__("a7") = (seL4_Word)seL4_SysSend;               \
        __asm__ volatile("rdcycle %0\n\t" insn "\n\trdcycle %1"                       \
                         : "=&r"(t0), "=r"(t1), "+r"(r0_), "+r"(r1_) : "r"(r7_)       \
                         : "a2", "a3", "a4", "a5", "a6", "memory");                   \
    } while (0)

/*
 * The faulter's sequence: rdcycle, its value stored for the handler, the store to the
 * unmapped page (or a nop), rdcycle when it runs again (the handler has moved its pc to
 * that rdcycle).
 */
#define FAULT_SEQ(insn, t1, startp, bad) do {                                          \
        cycles_t t0_;                                                                 \
        __asm__ volatile("rdcycle %0\n\tsd %0, 0(%2)\n\t" insn "\n\trdcycle %1"       \
                         : "=&r"(t0_), "=r"(t1) : "r"(startp), "r"(bad) : "memory");  \
    } while (0)

/*
 * The handler's: rdcycle, stored for the faulter, ReplyRecv with an empty reply (or a
 * nop), rdcycle; info and ip get the message info and MR 0 (the fault's IP) received.
 */
#define HANDLER_SEQ(insn, t1, startp, ep, reply, info, ip) do {                        \
        cycles_t t0_;                                                                 \
        register seL4_Word r0_ __asm__("a0") = (ep);                                  \
        register seL4_Word r1_ __asm__("a1") = 0;                                     \
        register seL4_Word r2_ __asm__("a2");                                         \
        register seL4_Word r6_ __asm__("a6") = (reply);                               \
        register seL4_Word r7_ __asm__("a7") = (seL4_Word)seL4_SysReplyRecv;          \
        register volatile cycles_t *sp_ __asm__("t2") = (startp);                     \
        __asm__ volatile("rdcycle %0\n\tsd %0, 0(%5)\n\t" insn "\n\trdcycle %1"       \
                         : "=&r"(t0_), "=&r"(t1), "+r"(r0_), "+r"(r1_), "=&r"(r2_)    \
                         : "r"(sp_), "r"(r6_), "r"(r7_)                               \
                         : "a3", "a4", "a5", "memory");                               \
        (info) = r1_;                                                                 \
        (ip) = r2_;                                                                   \
    } while (0)

static seL4_CPtr ntfn, back, done, fault_ep, fault_reply;
static helper_thread_t waiter, signaller, kicker, faulter, handler;
static volatile cycles_t wait_end, fault_start, reply_start;
static seL4_Word fault_page;
static cycles_t hi_samples[RUNS], lo_samples[RUNS], fault_samples[RUNS], reply_samples[RUNS];
static cycles_t signal_overhead[RUNS], fault_overhead[RUNS];

/* --- signal ------------------------------------------------------------------------------ */

/* above the signaller: waits, stamps, waits again */
static void hi_waiter(seL4_Word unused0, seL4_Word unused1)
{
    (void)unused0;
    (void)unused1;
    for (;;) {
        cycles_t t1;
        WAIT_END(t1, ntfn);
        wait_end = t1;
    }
}

static void lo_signaller(seL4_Word unused0, seL4_Word unused1)
{
    (void)unused0;
    (void)unused1;
    for (int i = 0; i < OPS; i++) {
        cycles_t t0;
        SIGNAL_START(t0, ntfn);
        if (i % ITERATIONS == ITERATIONS - 1) {
            hi_samples[i / ITERATIONS] = wait_end - t0;
        }
    }
    seL4_Signal(done);
    for (;;) {
        seL4_Wait(back, NULL);
    }
}

/* below the signaller: woken, waits again at once */
static void lo_waiter(seL4_Word unused0, seL4_Word unused1)
{
    (void)unused0;
    (void)unused1;
    for (;;) {
        seL4_Wait(ntfn, NULL);
    }
}

/* below both: runs once they wait, and wakes the signaller */
static void lowest_kicker(seL4_Word unused0, seL4_Word unused1)
{
    (void)unused0;
    (void)unused1;
    for (;;) {
        seL4_Signal(back);
    }
}

static void hi_signaller(seL4_Word unused0, seL4_Word unused1)
{
    (void)unused0;
    (void)unused1;
    for (int i = 0; i < OPS; i++) {
        cycles_t t0, t1;
        SIGNAL_AROUND("ecall", t0, t1, ntfn);
        if (i % ITERATIONS == ITERATIONS - 1) {
            lo_samples[i / ITERATIONS] = t1 - t0;
        }
        /* the waiter runs, waits again, and the kicker wakes us */
        seL4_Wait(back, NULL);
    }
    seL4_Signal(done);
    for (;;) {
        seL4_Wait(back, NULL);
    }
}

/* --- fault ------------------------------------------------------------------------------- */

static void fault_loop(seL4_Word unused0, seL4_Word unused1)
{
    (void)unused0;
    (void)unused1;
    for (int i = 0; i < OPS; i++) {
        cycles_t t1;
        FAULT_SEQ("sd zero, 0(%3)", t1, &fault_start, fault_page);
        if (i % ITERATIONS == ITERATIONS - 1) {
            reply_samples[i / ITERATIONS] = t1 - reply_start;
        }
    }
    seL4_Signal(done);
    for (;;) {
        seL4_Wait(back, NULL);
    }
}

static void fault_handler(seL4_Word tcb, seL4_Word unused)
{
    (void)unused;
    seL4_Word badge;
#ifdef CONFIG_KERNEL_MCS
    /* tell the root task we wait (so that it can make us passive), then wait */
    seL4_MessageInfo_t info = seL4_NBSendRecv(done, seL4_MessageInfo_new(0, 0, 0, 0), fault_ep,
                                              &badge, fault_reply);
#else
    seL4_MessageInfo_t info = seL4_Recv(fault_ep, &badge);
#endif
    seL4_Word ip = seL4_GetMR(seL4_VMFault_IP);
    for (int i = 0;; i++) {
        if (seL4_MessageInfo_get_label(info) != seL4_Fault_VMFault) {
            printf("bench: the faulter sent label %lu\n",
                   (unsigned long)seL4_MessageInfo_get_label(info));
        }
        /* past the faulting store (4 bytes): the faulter goes on at its rdcycle */
        seL4_UserContext regs = { .pc = ip + sizeof(uint32_t) };
        seL4_TCB_WriteRegisters(tcb, false, 0, 1, &regs);
        cycles_t t1;
        HANDLER_SEQ("ecall", t1, &reply_start, fault_ep, fault_reply, info.words[0], ip);
        /* fault i + 1 has come: sample the last of every ITERATIONS */
        if (i % ITERATIONS == ITERATIONS - 2 && i / ITERATIONS < RUNS) {
            fault_samples[i / ITERATIONS] = t1 - fault_start;
        }
    }
}

/* --- running ----------------------------------------------------------------------------- */

static void print_samples(const char *head, const cycles_t *s)
{
    printf("%s", head);
    for (int i = 0; i < RUNS; i++) {
        printf("%s%lu", i ? "," : "", (unsigned long)s[i]);
    }
    printf("\n");
}

static bool start(helper_thread_t *t, seL4_Word prio, seL4_CPtr fault, helper_fn_t fn,
                  seL4_Word arg)
{
    if (!helper_start(t, prio, fault, fn, arg, 0)) {
        return false;
    }
    /* no FPU, as sel4bench configures these threads */
    seL4_TCB_SetFlags_t f = seL4_TCB_SetFlags(t->tcb, 0, seL4_TCBFlag_fpuDisabled);
    return f.error == seL4_NoError && seL4_TCB_Resume(t->tcb) == seL4_NoError;
}

static void stop(helper_thread_t *t)
{
    seL4_TCB_Suspend(t->tcb);
}

#define HI (seL4_MaxPrio - 1)

int fastpath_bench(void)
{
    ntfn = alloc_object(seL4_NotificationObject, 0);
    back = alloc_object(seL4_NotificationObject, 0);
    done = alloc_object(seL4_NotificationObject, 0);
    fault_ep = alloc_object(seL4_EndpointObject, 0);
#ifdef CONFIG_KERNEL_MCS
    fault_reply = alloc_object(seL4_ReplyObject, 0);
#endif
    fault_page = alloc_vaddr(seL4_PageBits);
    if (!ntfn || !back || !done || !fault_ep) {
        printf("bench: cannot make the signal and fault objects\n");
        return 1;
    }

    /* the timing sequences alone */
    for (int r = 0; r < RUNS; r++) {
        cycles_t t0, t1;
        SIGNAL_AROUND("nop", t0, t1, ntfn);
        signal_overhead[r] = t1 - t0;
        seL4_Word slot;
        FAULT_SEQ("nop", t1, &slot, fault_page);
        fault_overhead[r] = t1 - slot;
    }

    /* Signal to high prio thread: the waiter first, so that it waits */
    if (!start(&waiter, HI, 0, hi_waiter, 0) || !start(&signaller, HI - 1, 0, lo_signaller, 0)) {
        printf("bench: cannot start the signal threads\n");
        return 1;
    }
    seL4_Wait(done, NULL);
    stop(&signaller);
    stop(&waiter);

    /* Signal to low prio thread */
    if (!start(&waiter, HI - 1, 0, lo_waiter, 0) || !start(&kicker, HI - 2, 0, lowest_kicker, 0) ||
        !start(&signaller, HI, 0, hi_signaller, 0)) {
        printf("bench: cannot start the signal threads\n");
        return 1;
    }
    seL4_Wait(done, NULL);
    stop(&signaller);
    stop(&kicker);
    stop(&waiter);

    /* faults: the handler below the faulter, passive on MCS */
    if (!helper_start(&faulter, HI, fault_ep, fault_loop, 0, 0) ||
        !start(&handler, HI - 1, 0, fault_handler, faulter.tcb)) {
        printf("bench: cannot start the fault threads\n");
        return 1;
    }
#ifdef CONFIG_KERNEL_MCS
    seL4_Wait(done, NULL);
    if (seL4_SchedContext_UnbindObject(handler.sc, handler.tcb)) {
        printf("bench: cannot make the fault handler passive\n");
        return 1;
    }
#endif
    seL4_TCB_SetFlags(faulter.tcb, 0, seL4_TCBFlag_fpuDisabled);
    seL4_TCB_Resume(faulter.tcb);
    seL4_Wait(done, NULL);
    stop(&faulter);
    stop(&handler);

    print_samples("BENCH|overhead|signal|", signal_overhead);
    print_samples("BENCH|overhead|fault|", fault_overhead);
    print_samples("BENCH|app|signal|Signal to high prio thread|signal|", hi_samples);
    print_samples("BENCH|app|signal|Signal to low prio thread|signal|", lo_samples);
    print_samples("BENCH|app|fault|faulter -> fault handler|fault|", fault_samples);
    print_samples("BENCH|app|fault|fault handler -> faulter|fault|", reply_samples);
    printf("BENCH|na|fault|fault round trip|the handler moves the faulter's pc between "
           "faults\n");
    return 0;
}
