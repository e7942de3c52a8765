/*
 * One-way IPC costs, measured the way seL4's sel4bench `ipc` application measures them,
 * so that the figures compare with seL4's own.
 *
 * A client and a server, each respawned for every run, time each operation with
 * rdcycle: one party reads the counter just before its system call, the other just
 * after its own system call returns (Call: the client before, the server after its
 * ReplyRecv; ReplyRecv: the server before, the client after its Call; Send: the sender
 * before, the receiver after its Recv). Each run does ITERATIONS operations and keeps
 * only the last; RUNS runs give the samples. Under QEMU's -icount shift=0 a cycle is an
 * instruction, so the samples are exact instruction counts.
 *
 * The cost of the timing sequence itself is measured as sel4bench measures it: the same
 * loops with a nop where the ecall was, in the root task. bench/report.py subtracts it
 * (the minimum of the first RUNS - 1 runs) and makes sel4bench's statistics; this file
 * only prints raw samples, one "BENCH|..." line each (the format is in report.py).
 */
#include <harness.h>

#define RUNS           16   /* samples per benchmark */
#define ITERATIONS     16   /* operations per run; the last one is the sample */
#define OVERHEAD_TRIES 4    /* overhead rounds until all RUNS samples agree */

typedef seL4_Word cycles_t;

/*
 * One timed system call: rdcycle, the call's instruction, rdcycle, in one asm statement,
 * so that no instruction the compiler places (argument set-up, say) falls between the
 * timestamps, and the nop that stands for the ecall in the overhead measurement has
 * exactly the same neighbours. sel4bench's loops leave the set-up to the compiler; its
 * -O3 builds put as many set-up instructions in its overhead loops as in its measured
 * ones, so the difference is the same as here.
 *
 * a0/a1: capability and message info (badge and info on return); a2-a5: the first
 * message words, which a reply overwrites; a6: MCS reply object; a7: the call number.
 */
#define TIMED_OP(insn, t0, t1, sys, dst, info, reply) do {                            \
        register seL4_Word r0_ __asm__("a0") = (dst);                                 \
        register seL4_Word r1_ __asm__("a1") = (info);                                \
        register seL4_Word r6_ __asm__("a6") = (reply);                               \
        register seL4_Word r7_ __asm__("a7") = (seL4_Word)(sys);                      \
        __asm__ volatile("rdcycle %0\n\t" insn "\n\trdcycle %1"                       \
                         : "=&r"(t0), "=r"(t1), "+r"(r0_), "+r"(r1_)                  \
                         : "r"(r6_), "r"(r7_)                                         \
                         : "a2", "a3", "a4", "a5", "memory");                         \
    } while (0)

/* ITERATIONS timed operations; t0 and t1 keep the last one's timestamps. */
#define TIMED(insn, t0, t1, sys, dst, info, reply) do {                               \
        for (int i_ = 0; i_ < ITERATIONS; i_++) {                                     \
            TIMED_OP(insn, t0, t1, sys, dst, info, reply);                            \
        }                                                                             \
    } while (0)

/* --- the parties ------------------------------------------------------------------------ */

/* What a party needs; the image (and so this) is shared by every party's VSpace. */
typedef struct party {
    seL4_CPtr ep;           /* the endpoint the measured IPC goes through */
    seL4_CPtr result_ep;    /* where each party sends its timestamp */
    seL4_CPtr reply;        /* MCS: the server's reply object */
} party_t;

static void send_result(const party_t *p, cycles_t t)
{
    seL4_SetMR(0, t);
    seL4_Send(p->result_ep, seL4_MessageInfo_new(0, 0, 0, 1));
}

/* Block for good, so that a party never runs off the end of its code. */
static void park(const party_t *p)
{
    for (;;) {
#ifdef CONFIG_KERNEL_MCS
        seL4_Wait(p->ep, NULL);
#else
        seL4_Recv(p->ep, NULL);
#endif
    }
}

static void server_start(const party_t *p)
{
#ifdef CONFIG_KERNEL_MCS
    /* tell the root task we are waiting (so it can make us passive), then wait */
    seL4_NBSendRecv(p->ep, seL4_MessageInfo_new(0, 0, 0, 0), p->ep, NULL, p->reply);
#else
    seL4_Recv(p->ep, NULL);
#endif
}

static void server_reply(const party_t *p, seL4_MessageInfo_t info)
{
#ifdef CONFIG_KERNEL_MCS
    seL4_Send(p->reply, info);
#else
    (void)p;
    seL4_Reply(info);
#endif
}

/*
 * Clients. Measuring Call, the client's timestamp before the Call counts: it first
 * makes one Call to reach the server's first ReplyRecv. Measuring ReplyRecv, its
 * timestamp after the Call returns counts, and a last Send releases the server.
 */
#define CLIENT(name, len, call_first)                                                  \
    static void name(seL4_Word arg, seL4_Word unused)                                  \
    {                                                                                  \
        const party_t *p = (const party_t *)arg;                                       \
        seL4_CPtr ep = p->ep;                                                          \
        seL4_MessageInfo_t info = seL4_MessageInfo_new(0, 0, 0, len);                  \
        cycles_t t0, t1;                                                               \
        (void)unused;                                                                  \
        if (call_first) {                                                              \
            seL4_Call(ep, info);                                                       \
        }                                                                              \
        TIMED("ecall", t0, t1, seL4_SysCall, ep, info.words[0], 0);                    \
        send_result(p, call_first ? t0 : t1);                                          \
        if (!call_first) {                                                             \
            seL4_Send(ep, info);                                                       \
        }                                                                              \
        park(p);                                                                       \
    }

CLIENT(client_call, 0, true)
CLIENT(client_call_rr, 0, false)
CLIENT(client_call10, 10, true)
CLIENT(client_call10_rr, 10, false)

/*
 * Servers. Measuring Call, the server's timestamp after ReplyRecv returns counts, and
 * it replies to the client's last Call; measuring ReplyRecv, its timestamp before.
 */
#define SERVER(name, len, time_call)                                                   \
    static void name(seL4_Word arg, seL4_Word unused)                                  \
    {                                                                                  \
        const party_t *p = (const party_t *)arg;                                       \
        seL4_CPtr ep = p->ep, reply = p->reply;                                        \
        seL4_MessageInfo_t info = seL4_MessageInfo_new(0, 0, 0, len);                  \
        cycles_t t0, t1;                                                               \
        (void)unused;                                                                  \
        server_start(p);                                                               \
        TIMED("ecall", t0, t1, seL4_SysReplyRecv, ep, info.words[0], reply);           \
        if (time_call) {                                                               \
            server_reply(p, info);                                                     \
        }                                                                              \
        send_result(p, time_call ? t1 : t0);                                           \
        park(p);                                                                       \
    }

SERVER(server_rr, 0, true)
SERVER(server_rr_rr, 0, false)
SERVER(server_rr10, 10, true)
SERVER(server_rr10_rr, 10, false)

/* Send: a lower-priority sender; the receiver takes one Send more than it times. */
static void client_send(seL4_Word arg, seL4_Word unused)
{
    const party_t *p = (const party_t *)arg;
    seL4_MessageInfo_t info = seL4_MessageInfo_new(0, 0, 0, 0);
    cycles_t t0, t1;
    (void)unused;
    TIMED("ecall", t0, t1, seL4_SysSend, p->ep, info.words[0], 0);
    send_result(p, t0);
    seL4_Send(p->ep, info);
    park(p);
}

static void server_recv(seL4_Word arg, seL4_Word unused)
{
    const party_t *p = (const party_t *)arg;
    cycles_t t0, t1;
    (void)unused;
    TIMED("ecall", t0, t1, seL4_SysRecv, p->ep, 0, p->reply);
    (void)t0;
#ifdef CONFIG_KERNEL_MCS
    seL4_Recv(p->ep, NULL, p->reply);
#else
    seL4_Recv(p->ep, NULL);
#endif
    send_result(p, t1);
    park(p);
}

/* --- the benchmarks ---------------------------------------------------------------------- */

enum overhead { OH_CALL, OH_REPLY_RECV, OH_SEND, OH_RECV, OH_CALL10, OH_REPLY_RECV10, OH_COUNT };
static const char *const overhead_name[OH_COUNT] = {
    "call", "reply recv", "send", "recv", "call10", "reply recv10",
};

typedef struct bench {
    const char *function;
    bool to_server;             /* direction: client->server, or server->client */
    helper_fn_t client, server;
    bool same_vspace;           /* the server a thread of the client's process */
    seL4_Word client_prio, server_prio;
    seL4_Word length;
    enum overhead overhead;
    bool passive;               /* MCS: the server runs on its callers' SC */
    bool server_fpu;            /* the client always has the FPU */
} bench_t;

/* sel4bench's list, in its order, with its priorities. */
#define HI (seL4_MaxPrio - 1)
static const bench_t benches[] = {
    { "seL4_Call", true, client_call, server_rr, true, HI, HI, 0, OH_CALL, true, false },
    { "seL4_ReplyRecv", false, client_call_rr, server_rr_rr, true, HI, HI, 0, OH_REPLY_RECV,
      true, false },
    { "seL4_Call", true, client_call, server_rr, false, HI, HI, 0, OH_CALL, true, false },
    { "seL4_Call (FPU)", true, client_call, server_rr, false, HI, HI, 0, OH_CALL, true, true },
    { "seL4_ReplyRecv", false, client_call_rr, server_rr_rr, false, HI, HI, 0, OH_REPLY_RECV,
      true, false },
    { "seL4_ReplyRecv (FPU)", false, client_call_rr, server_rr_rr, false, HI, HI, 0,
      OH_REPLY_RECV, true, true },
    { "seL4_Send", true, client_send, server_recv, false, HI - 1, HI, 0, OH_SEND, false,
      false },
    { "seL4_Call", true, client_call10, server_rr10, false, HI, HI, 10, OH_CALL10, false,
      false },
    { "seL4_ReplyRecv", false, client_call10_rr, server_rr10_rr, false, HI, HI, 10,
      OH_REPLY_RECV10, false, false },
};
#define NBENCH (sizeof(benches) / sizeof(benches[0]))

/* A party's thread, respawned from its first register set for every run. */
typedef struct party_thread {
    helper_thread_t t;
    seL4_UserContext regs;  /* as helper_start left it: pc at the helper trampoline */
    party_t party;
} party_thread_t;

static party_thread_t client, server_thread, server_process;
static seL4_CPtr ep, result_ep;
static cycles_t overheads[OH_COUNT][RUNS];
static cycles_t samples[NBENCH][RUNS];

static bool party_create(party_thread_t *p, seL4_CPtr vspace)
{
    /* a fault in a party goes to result_ep, where the root task notices it */
    if (!helper_start_in(&p->t, vspace, seL4_MinPrio, result_ep, NULL, 0, 0)) {
        return false;
    }
    p->party = (party_t){ .ep = ep, .result_ep = result_ep };
#ifdef CONFIG_KERNEL_MCS
    p->party.reply = alloc_object(seL4_ReplyObject, 0);
    if (!p->party.reply) {
        return false;
    }
#endif
    return seL4_TCB_ReadRegisters(p->t.tcb, false, 0, sizeof(p->regs) / sizeof(seL4_Word),
                                  &p->regs) == seL4_NoError;
}

static bool party_spawn(party_thread_t *p, helper_fn_t fn)
{
    seL4_UserContext regs = p->regs;
    regs.a0 = (seL4_Word)&p->party;
    regs.a2 = (seL4_Word)fn;    /* the trampoline calls a2(a0, a1) */
    return seL4_TCB_WriteRegisters(p->t.tcb, true, 0, sizeof(regs) / sizeof(seL4_Word),
                                   &regs) == seL4_NoError;
}

static bool party_setup(party_thread_t *p, seL4_Word prio, bool fpu)
{
    seL4_TCB_SetFlags_t f = fpu ? seL4_TCB_SetFlags(p->t.tcb, seL4_TCBFlag_fpuDisabled, 0)
                            : seL4_TCB_SetFlags(p->t.tcb, 0, seL4_TCBFlag_fpuDisabled);
    return f.error == seL4_NoError &&
           seL4_TCB_SetPriority(p->t.tcb, seL4_CapInitThreadTCB, prio) == seL4_NoError;
}

/* A party's timestamp; false if the message is a fault (the label names its kind). */
static bool get_result(cycles_t *t)
{
    seL4_Word badge;
#ifdef CONFIG_KERNEL_MCS
    seL4_MessageInfo_t info = seL4_Wait(result_ep, &badge);
#else
    seL4_MessageInfo_t info = seL4_Recv(result_ep, &badge);
#endif
    if (seL4_MessageInfo_get_label(info) != 0) {
        printf("bench: a benchmark thread faulted (fault type %lu, pc %lx)\n",
               (unsigned long)seL4_MessageInfo_get_label(info), (unsigned long)seL4_GetMR(0));
        return false;
    }
    *t = seL4_GetMR(0);
    return true;
}

static bool run_bench(const bench_t *b, cycles_t *sample)
{
    party_thread_t *server = b->same_vspace ? &server_thread : &server_process;
    bool waits = b->server != server_recv;  /* servers that say when they are waiting */
    (void)waits;
    if (!party_setup(&client, b->client_prio, true) ||
        !party_setup(server, b->server_prio, b->server_fpu) || !party_spawn(server, b->server)) {
        printf("bench: cannot start the server for %s\n", b->function);
        return false;
    }
#ifdef CONFIG_KERNEL_MCS
    if (waits) {
        seL4_Wait(ep, NULL);
        if (b->passive && seL4_SchedContext_UnbindObject(server->t.sc, server->t.tcb)) {
            printf("bench: cannot make the server passive\n");
            return false;
        }
    }
#endif
    cycles_t first, second;
    if (!party_spawn(&client, b->client)) {
        printf("bench: cannot start the client for %s\n", b->function);
        return false;
    }
    if (!get_result(&first)) {
        return false;
    }
#ifdef CONFIG_KERNEL_MCS
    /* a passive server needs its SC back to send its timestamp */
    if (waits && b->passive && seL4_SchedContext_Bind(server->t.sc, server->t.tcb)) {
        printf("bench: cannot make the server active again\n");
        return false;
    }
#endif
    if (!get_result(&second)) {
        return false;
    }
    seL4_TCB_Suspend(client.t.tcb);
    seL4_TCB_Suspend(server->t.tcb);
    *sample = first > second ? first - second : second - first;
    return true;
}

/* The timing sequence alone, a nop for the system call: RUNS samples, until stable. */
static void overhead(cycles_t *dest, seL4_Word sys, seL4_Word length)
{
    seL4_Word info = seL4_MessageInfo_new(0, 0, 0, length).words[0];
    for (int try = 0; try < OVERHEAD_TRIES; try++) {
        bool stable = true;
        for (int r = 0; r < RUNS; r++) {
            cycles_t t0, t1;
            TIMED("nop", t0, t1, sys, 0, info, 0);
            dest[r] = t1 - t0;
            stable = stable && dest[r] == dest[0];
        }
        if (stable) {
            break;
        }
    }
}

static void measure_overheads(void)
{
    overhead(overheads[OH_CALL], seL4_SysCall, 0);
    overhead(overheads[OH_REPLY_RECV], seL4_SysReplyRecv, 0);
    overhead(overheads[OH_SEND], seL4_SysSend, 0);
    overhead(overheads[OH_RECV], seL4_SysRecv, 0);
    overhead(overheads[OH_CALL10], seL4_SysCall, 10);
    overhead(overheads[OH_REPLY_RECV10], seL4_SysReplyRecv, 10);
}

static void print_samples(const cycles_t *s)
{
    for (int i = 0; i < RUNS; i++) {
        printf("%s%lu", i ? "," : "", (unsigned long)s[i]);
    }
    printf("\n");
}

int ipc_bench(void)
{
    ep = alloc_object(seL4_EndpointObject, 0);
    result_ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr client_vspace = vspace_new(), server_vspace = vspace_new();
    if (!ep || !result_ep || !client_vspace || !server_vspace ||
        !vspace_share_image(client_vspace) || !vspace_share_image(server_vspace)) {
        printf("bench: cannot make the endpoints and address spaces\n");
        return 1;
    }
    /* the client's process, a second thread in it, and a server process of its own */
    if (!party_create(&client, client_vspace) || !party_create(&server_thread, client_vspace) ||
        !party_create(&server_process, server_vspace)) {
        printf("bench: cannot create the benchmark threads\n");
        return 1;
    }

    measure_overheads();

    /* run by run, every benchmark in each, as sel4bench goes */
    for (int run = 0; run < RUNS; run++) {
        for (seL4_Word b = 0; b < NBENCH; b++) {
            if (!run_bench(&benches[b], &samples[b][run])) {
                printf("bench: %s failed in run %d\n", benches[b].function, run);
                return 1;
            }
        }
    }

    for (int o = 0; o < OH_COUNT; o++) {
        printf("BENCH|overhead|%s|", overhead_name[o]);
        print_samples(overheads[o]);
    }
    for (seL4_Word i = 0; i < NBENCH; i++) {
        const bench_t *b = &benches[i];
        printf("BENCH|ipc|%s|%s|%lu|%lu|%s|%lu|%s|%s|", b->function,
               b->to_server ? "client->server" : "server->client", (unsigned long)b->client_prio,
               (unsigned long)b->server_prio, b->same_vspace ? "true" : "false",
               (unsigned long)b->length, overhead_name[b->overhead],
#ifdef CONFIG_KERNEL_MCS
               b->passive ? "passive" : "active"
#else
               "-"
#endif
        );
        print_samples(samples[i]);
    }
    return 0;
}
