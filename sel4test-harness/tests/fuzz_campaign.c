/*
 * The seeded fuzz campaign (FUZZ0003): several threads invoke every kind of object
 * with random arguments at once, the timer preempting them, while a controller thread
 * deletes and revokes what they are blocked on or mapped through. It never expects a
 * particular result: the kernel must survive (no panic, no hang), and after every
 * round the user-visible state must be consistent (DebugCapIdentify over the sandbox,
 * the campaign's untypeds revoke and retype at full size and read as zero, IRQs and
 * ASID pools can be had again, the test's own caps are intact).
 *
 * Seed and length are compile-time settings: the CMake cache variables
 * LARCH_FUZZ_SEED and LARCH_FUZZ_ITER (worker invocations in all). Each thread's sequence of
 * invocations is a function of the seed, the round and the thread alone; with QEMU's
 * -icount (LARCH_QEMU_ICOUNT=ON, as `make fuzz` runs) the interleaving is repeatable
 * too, so a failing seed replays exactly (the digest printed at the end must match).
 *
 * Layout. The workers run in W, an address space sharing this program's image, with
 * a CSpace of their own: the sandbox, one CNode of 2^SANDBOX_BITS slots. Its first
 * slots are reserved (below FIRST_FUZZ_SLOT): the sandbox itself, W, copies of ASID
 * control, the ASID pool and the domain cap, and each worker's fault endpoint. Worker
 * arguments never name a reserved slot as something to delete, move or overwrite,
 * and no value a worker passes anywhere lies in [1, FIRST_FUZZ_SLOT), in this image,
 * in the helper-thread area or in the debug-syscall range. Everything else in the
 * sandbox comes from the campaign's untypeds, which the controller revokes at the end
 * of every round (and sometimes in the middle of one).
 *
 * MCS: the campaign runs in MCS builds too. There the workers, the pager and the fuzz
 * TCBs run on scheduling contexts (the workers' and the pager's are the harness's, in
 * the controller's CSpace, out of the workers' reach; the fuzz TCBs' are made in the
 * population, in the sandbox, with a copy of SchedControl the workers configure them
 * with), Reply objects are retyped in the population, and the kinds list swaps
 * SaveCaller and Reply for the MCS syscalls and invocations. Valid budgets the workers
 * set stay small (a thread at the controller's priority with a long budget would hold
 * the CPU: MCS does not preempt within a priority before the budget runs out); the
 * invalid ones (budget above period, below the minimum, periods too long, too many
 * refills, odd flags) go in unchanged.
 */
#include <harness.h>

#ifndef LARCH_FUZZ_ITER
#define LARCH_FUZZ_ITER 10000
#endif

#define SANDBOX_BITS    8
#define SANDBOX_SLOTS   (1ul << SANDBOX_BITS)
#define N_WORKERS       3
#define PER_ROUND       600                 /* worker invocations per round */
#define PRIO            200                 /* workers, fuzz TCBs and the controller */

/* reserved sandbox slots */
enum {
    S_SELF = 1, S_W, S_ASIDCTRL, S_ASIDPOOL, S_DOMAIN,
#ifdef CONFIG_KERNEL_MCS
    S_SCHEDCTRL,
    S_LAST_SHARED = S_SCHEDCTRL,
#else
    S_LAST_SHARED = S_DOMAIN,
#endif
    S_FAULT0,
    FIRST_FUZZ_SLOT = S_FAULT0 + N_WORKERS + 1,
};
/* the controller's home slots for the objects it puts in the sandbox each round */
enum {
    H_EP = FIRST_FUZZ_SLOT, H_EP_MINT = H_EP + 3, H_NTFN, H_NTFN_MINT = H_NTFN + 3,
    H_TCB, H_CNODE = H_TCB + 2, H_FRAME = H_CNODE + 2, H_PT = H_FRAME + 4,
    H_VROOT = H_PT + 2, H_POOL, H_UT, H_IRQ = H_UT + 3,
#ifdef CONFIG_KERNEL_MCS
    H_SC = H_IRQ + 2, H_REPLY = H_SC + 3, H_END = H_REPLY + 3,
#else
    H_END = H_IRQ + 2,
#endif
};

/*
 * Fuzz TCBs (not the workers) see the sandbox through this guard. Their registers fill
 * with whatever the kernel writes back (error details like 1 or 2, fault words), and a
 * reply to a fault turns message words into registers; behind a guard none of those
 * small numbers names a sandbox slot, let alone a reserved one. Only values made with
 * FUZZ_CPTR() do, and those never name a reserved slot.
 */
#define FUZZ_GUARD      0x5a17e5a17e5a17ul                  /* 64 - SANDBOX_BITS bits */
#define FUZZ_CPTR(slot) ((FUZZ_GUARD << SANDBOX_BITS) | (slot))

/* where workers map and touch memory in W: no page tables there at first */
#define WINDOW          0x70000000ul
#define WINDOW_SIZE     (8ul << 20)
#define HELPER_LO       0x40000000ul       /* alloc_vaddr's area: stacks, IPC buffers */
#define HELPER_HI       0x70000000ul

/* --- what the campaign counts ------------------------------------------------------- */

#ifdef CONFIG_KERNEL_MCS
#define KINDS_CLASSIC_SAVECALLER(X)
#define KINDS_CLASSIC_REPLY(X)
#define KINDS_MCS(X) \
    X(EP_NBSendRecv) X(EP_NBSendWait) X(TCB_SetTimeoutEndpoint) \
    X(SchedControl_ConfigureFlags) X(SchedContext_Bind) X(SchedContext_Unbind) \
    X(SchedContext_UnbindObject) X(SchedContext_Consumed) X(SchedContext_YieldTo)
#else
#define KINDS_CLASSIC_SAVECALLER(X) X(CNode_SaveCaller)
#define KINDS_CLASSIC_REPLY(X) X(Reply)
#define KINDS_MCS(X)
#endif
#define KINDS(X) \
    X(CNode_Revoke) X(CNode_Delete) X(CNode_CancelBadgedSends) X(CNode_Copy) X(CNode_Mint) \
    X(CNode_Move) X(CNode_Mutate) X(CNode_Rotate) KINDS_CLASSIC_SAVECALLER(X) \
    X(Untyped_Retype) \
    X(TCB_ReadRegisters) X(TCB_WriteRegisters) X(TCB_CopyRegisters) X(TCB_Configure) \
    X(TCB_SetPriority) X(TCB_SetMCPriority) X(TCB_SetSchedParams) X(TCB_SetIPCBuffer) \
    X(TCB_SetSpace) X(TCB_Suspend) X(TCB_Resume) X(TCB_BindNotification) \
    X(TCB_UnbindNotification) X(TCB_SetTLSBase) X(TCB_SetFlags) \
    X(EP_Send) X(EP_NBSend) X(EP_Call) X(EP_Recv) X(EP_NBRecv) X(EP_ReplyRecv) \
    KINDS_CLASSIC_REPLY(X) \
    X(Ntfn_Signal) X(Ntfn_Wait) X(Ntfn_Poll) X(ReplyCap_Send) \
    X(IRQControl_Get) X(IRQControl_GetTrigger) \
    X(IRQHandler_Ack) X(IRQHandler_SetNotification) X(IRQHandler_Clear) \
    X(PageTable_Map) X(PageTable_Unmap) X(Page_Map) X(Page_Unmap) X(Page_GetAddress) \
    X(ASIDControl_MakePool) X(ASIDPool_Assign) \
    X(DomainSet_Set) X(DomainSet_ScheduleConfigure) X(DomainSet_ScheduleSetStart) \
    X(Raw_Label) X(Yield) X(Touch_Memory) KINDS_MCS(X)

#define AS_ENUM(k) K_ ## k,
#define AS_NAME(k) #k,
enum { KINDS(AS_ENUM) N_KINDS };
static const char *const kind_names[] = { KINDS(AS_NAME) };

typedef struct worker {
    uint64_t rng;
    uint64_t digest;
    volatile seL4_Word done;                /* invocations made */
    seL4_Word quota;                        /* stop at this many */
    seL4_Word kinds[N_KINDS];               /* invocations of each kind */
    seL4_Word ok[N_KINDS];                  /* ... that succeeded */
    helper_thread_t thread;
    seL4_UserContext start;                 /* registers to restart it with */
} worker_t;

static worker_t workers[N_WORKERS];
static seL4_Word ctl_kinds[N_KINDS], ctl_ok[N_KINDS];

/* The controller's own invocations count too. */
static seL4_Error ctl(int kind, seL4_Error err)
{
    ctl_kinds[kind]++;
    ctl_ok[kind] += err == seL4_NoError;
    return err;
}
static volatile int campaign_running;
static volatile seL4_Word restarts;
static volatile seL4_Word check_types[SANDBOX_SLOTS];
static volatile int check_done;

/* frames the controller checks for zeroes after each round, and where it maps them */
#define ZERO_CHECK_PAGES 16
static seL4_CPtr zero_frames;
static seL4_Word zero_window;

/* the controller's caps */
static seL4_CPtr sandbox, wspace, fault_ep, u_pop, u_fuzz[3];
#ifdef CONFIG_KERNEL_MCS
static seL4_CPtr fault_badged[N_WORKERS];   /* the workers' fault handlers (MCS: caps) */
static seL4_CPtr pager_reply;
#endif
static const seL4_Word u_fuzz_bits[3] = { 20, 14, seL4_ASIDPoolBits };
#define U_POP_BITS 21

extern char __executable_start[], _end[];

/* A body for fuzz TCBs: repeat one syscall with whatever registers they were given. */
__attribute__((naked)) static void fuzz_tcb_body(void)
{
    __asm__ volatile("1: ecall\n j 1b\n");
}

/* --- random values that never reach outside the sandbox ------------------------------ */

static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return (x ^ (x >> 31)) | 1;
}

static seL4_Word safe(seL4_Word v)
{
    seL4_Word low = v & (SANDBOX_SLOTS - 1);
    if ((v < SANDBOX_SLOTS || v >> SANDBOX_BITS == FUZZ_GUARD) && low >= 1 &&
        low < FIRST_FUZZ_SLOT) {
        return v + FIRST_FUZZ_SLOT;
    }
    if ((seL4_SWord)v >= -40 && (seL4_SWord)v <= -9) {      /* debug syscalls */
        return v - 64;
    }
    if ((v >= (seL4_Word)__executable_start && v < (seL4_Word)_end + 0x10000) ||
        (v >= HELPER_LO && v < HELPER_HI)) {
        return 0;
    }
    return v;
}

static seL4_Word rnd(worker_t *w)
{
    return harness_random(&w->rng);
}

static seL4_Word pick_slot(worker_t *w)
{
    return FIRST_FUZZ_SLOT + rnd(w) % (SANDBOX_SLOTS - FIRST_FUZZ_SLOT);
}

/* a cap to use, not to destroy: fuzz slots or the shared control caps */
static seL4_Word pick_src(worker_t *w)
{
    return rnd(w) % 8 ? pick_slot(w) : S_W + rnd(w) % (S_LAST_SHARED - S_W + 1);
}

/* Addresses for mappings: mostly pages of the window's first 2 MiB (where the controller
 * maps a page table and two frames in W), its first 64 KiB most of all. */
static seL4_Word pick_vaddr(worker_t *w)
{
    switch (rnd(w) % 8) {
    case 0:
        return seL4_UserTop + (rnd(w) % 4) * 4096;
    case 1:
        return WINDOW + rnd(w) % WINDOW_SIZE;                 /* unaligned mostly */
    case 2:
        return WINDOW + (rnd(w) % 4) * (2ul << 20);           /* large-page aligned */
    case 3:
        return WINDOW + (rnd(w) % (WINDOW_SIZE / 4096)) * 4096;
    case 4:
    case 5:
        return WINDOW + (rnd(w) % 512) * 4096;
    default:
        return WINDOW + (rnd(w) % 16) * 4096;
    }
}

static seL4_Word pick_val(worker_t *w)
{
    switch (rnd(w) % 9) {
    case 0:
        return 0;
    case 1:
        return rnd(w) % 2 ? pick_slot(w) : FUZZ_CPTR(pick_slot(w));
    case 2:
        return rnd(w) % 70;
    case 3: {
        static const seL4_Word depths[] = { 64, SANDBOX_BITS, 2, 4, 0, 12, 63, 65 };
        return depths[rnd(w) % 8];
    }
    case 4:
        return rnd(w) % (seL4_ObjectTypeCount + 2);
    case 5:
        return rnd(w) % 16;
    case 6:
        return pick_vaddr(w);
    case 7:
        return seL4_MaxPrio - rnd(w) % 80;
    default:
        return rnd(w);
    }
}
#define V(w) safe(pick_val(w))

static seL4_Word pick_depth(worker_t *w)
{
    return rnd(w) % 8 ? 64 : V(w) % 70;
}

/* The CSpace-root data that puts a fuzz TCB's view of the sandbox behind FUZZ_GUARD. */
static seL4_Word fuzz_thread_guard(void)
{
    return seL4_CNode_CapData_new(FUZZ_GUARD, 64 - SANDBOX_BITS).words[0];
}

/* A slot of the wanted cap type: a few random probes, then a scan from a random place. */
static seL4_Word find(worker_t *w, seL4_Word type, bool destroy)
{
    seL4_Word slot = 0;
    seL4_Word start = FIRST_FUZZ_SLOT + rnd(w) % (H_END + 16 - FIRST_FUZZ_SLOT);
    for (int i = 0; i < 40; i++) {
        if (i < 4) {
            slot = destroy ? pick_slot(w) : pick_src(w);
        } else {
            slot = FIRST_FUZZ_SLOT +
                   (start + i - FIRST_FUZZ_SLOT) % (SANDBOX_SLOTS - FIRST_FUZZ_SLOT);
            if (!destroy && i == 4) {
                slot = S_W + rnd(w) % (S_LAST_SHARED - S_W + 1);
            }
        }
        if (seL4_DebugCapIdentify(slot) == type) {
            break;
        }
    }
    return slot;
}

/* A slot to fill or destroy: in the sandbox, or (a quarter of the time) inside a CNode
 * the sandbox holds, addressed from that CNode with a short depth, so caps go into
 * nested CNodes, CNodes end up holding themselves, and deletions meet cycles. */
typedef struct place {
    seL4_Word root, index, depth;
} place_t;

static place_t pick_place(worker_t *w)
{
    if (rnd(w) % 4) {
        return (place_t){ S_SELF, pick_slot(w), pick_depth(w) };
    }
    static const seL4_Word depths[] = { 2, 4, 4, 6, 8, 12 };
    place_t p = { find(w, 10, true), 0, 0 };
    p.depth = rnd(w) % 8 ? depths[rnd(w) % 6] : V(w) % 70;
    p.index = rnd(w) % (1ul << (p.depth < 12 ? p.depth : 12));
    return p;
}

/* A cap to copy from: mostly a usable sandbox slot, sometimes inside a CNode. */
static place_t pick_src_place(worker_t *w)
{
    return rnd(w) % 4 ? (place_t){ S_SELF, pick_src(w), 64 } : pick_place(w);
}

static seL4_CapRights_t pick_rights(worker_t *w)
{
    return (seL4_CapRights_t){ .words = { rnd(w) % 4 ? rnd(w) % 16 : V(w) } };
}

static void fill_mrs(worker_t *w, seL4_Word n)
{
    for (seL4_Word i = 0; i < n && i < seL4_MsgMaxLength; i++) {
        seL4_SetMR(i, V(w));
    }
}

static seL4_MessageInfo_t pick_info(worker_t *w)
{
    seL4_Word len = rnd(w) % 3 ? rnd(w) % 5 : rnd(w) % (seL4_MsgMaxLength + 3);
    seL4_Word ncaps = rnd(w) % 4 ? 0 : rnd(w) % 4;
    fill_mrs(w, len);
    for (seL4_Word i = 0; i < ncaps && i < seL4_MsgMaxExtraCaps; i++) {
        seL4_SetCap(i, pick_src(w));
    }
    place_t p = pick_place(w);
    seL4_SetCapReceivePath(p.root, p.index, p.depth);
    return seL4_MessageInfo_new(V(w) % 64, 0, ncaps, len);
}

/* --- one invocation --------------------------------------------------------------- */

static seL4_Word worker_step(worker_t *w)
{
    int k = (int)(rnd(w) % N_KINDS);
    seL4_Word r = 0, badge = 0;
    seL4_Word a = 0, b = 0;
    /* blocking calls are rarer: a blocked worker does nothing until someone wakes it */
    if ((k == K_EP_Recv || k == K_EP_Call || k == K_Ntfn_Wait || k == K_EP_ReplyRecv
#ifdef CONFIG_KERNEL_MCS
         || k == K_EP_NBSendRecv || k == K_EP_NBSendWait
#endif
        ) && rnd(w) % 3) {
        k = K_EP_NBSend;
    }
    if (k == K_IRQControl_Get || k == K_IRQControl_GetTrigger) {
        k = K_IRQHandler_SetNotification;   /* IRQControl stays with the controller */
    }
    w->kinds[k]++;
    switch (k) {
    case K_CNode_Revoke: {
        place_t p = pick_place(w);
        r = seL4_CNode_Revoke(p.root, p.index, p.depth);
        break;
    }
    case K_CNode_Delete: {
        place_t p = pick_place(w);
        r = seL4_CNode_Delete(p.root, p.index, p.depth);
        break;
    }
    case K_CNode_CancelBadgedSends:
        r = seL4_CNode_CancelBadgedSends(S_SELF, find(w, 4, true), 64);
        break;
    case K_CNode_Copy: {
        place_t d = pick_place(w), src = pick_src_place(w);
        r = seL4_CNode_Copy(d.root, d.index, d.depth, src.root, src.index, src.depth,
                            pick_rights(w));
        break;
    }
    case K_CNode_Mint: {
        place_t d = pick_place(w), src = pick_src_place(w);
        r = seL4_CNode_Mint(d.root, d.index, d.depth, src.root, src.index, src.depth,
                            pick_rights(w), V(w));
        break;
    }
    case K_CNode_Move: {
        place_t d = pick_place(w), src = pick_place(w);
        r = seL4_CNode_Move(d.root, d.index, d.depth, src.root, src.index, src.depth);
        break;
    }
    case K_CNode_Mutate: {
        place_t d = pick_place(w), src = pick_place(w);
        r = seL4_CNode_Mutate(d.root, d.index, d.depth, src.root, src.index, src.depth, V(w));
        break;
    }
    case K_CNode_Rotate:
        /* something badgeable to rotate through a pivot; dest == src swaps */
        a = find(w, 4 + 2 * (rnd(w) % 2), true);
        b = find(w, 4 + 2 * (rnd(w) % 2), true);
        r = seL4_CNode_Rotate(S_SELF, rnd(w) % 2 ? a : pick_slot(w), 64, V(w), S_SELF, b, 64,
                              V(w), S_SELF, a, 64);
        break;
#ifndef CONFIG_KERNEL_MCS
    case K_CNode_SaveCaller: {
        place_t p = pick_place(w);
        r = seL4_CNode_SaveCaller(p.root, p.index, p.depth);
        break;
    }
#endif
    case K_Untyped_Retype: {
        seL4_Word type = rnd(w) % (seL4_ObjectTypeCount + 1);
        seL4_Word bits = rnd(w) % 4 ? rnd(w) % 10 : V(w) % 70;
        /* into the sandbox, or into a CNode it holds (found at depth 64) */
        bool nested = rnd(w) % 4 == 0;
        r = seL4_Untyped_Retype(find(w, 2, false), type, bits, S_SELF,
                                nested ? find(w, 10, true) : 0, nested ? 64 : 0,
                                nested ? rnd(w) % 16 : pick_slot(w),
                                1 + rnd(w) % (rnd(w) % 4 ? 2 : 8));
        break;
    }
    case K_TCB_ReadRegisters: {
        seL4_UserContext regs;
        r = seL4_TCB_ReadRegisters(find(w, 12, false), rnd(w) % 2, 0, V(w) % 40, &regs);
        break;
    }
    case K_TCB_WriteRegisters: {
        seL4_UserContext regs;
        seL4_Word *words = (seL4_Word *)&regs;
        for (unsigned i = 0; i < sizeof(regs) / sizeof(seL4_Word); i++) {
            words[i] = V(w);
        }
        if (rnd(w) % 2) {
            regs.pc = (seL4_Word)fuzz_tcb_body;
            regs.a7 = -(seL4_Word)(1 + rnd(w) % 8);      /* an API syscall */
        }
        r = seL4_TCB_WriteRegisters(find(w, 12, false), rnd(w) % 2, 0, V(w) % 40, &regs);
        break;
    }
    case K_TCB_CopyRegisters:
        r = seL4_TCB_CopyRegisters(find(w, 12, false), find(w, 12, false), rnd(w) % 2,
                                   rnd(w) % 2, rnd(w) % 2, rnd(w) % 2, 0);
        break;
    case K_TCB_Configure:
        a = rnd(w) % 2 ? S_SELF : find(w, 10, false);
#ifdef CONFIG_KERNEL_MCS
        r = seL4_TCB_Configure(find(w, 12, false), a,
                               a == S_SELF || rnd(w) % 2 ? fuzz_thread_guard() : V(w),
                               rnd(w) % 2 ? S_W : find(w, 3, false), V(w), pick_vaddr(w),
                               find(w, 1, false));
#else
        r = seL4_TCB_Configure(find(w, 12, false), V(w), a,
                               a == S_SELF || rnd(w) % 2 ? fuzz_thread_guard() : V(w),
                               rnd(w) % 2 ? S_W : find(w, 3, false), V(w), pick_vaddr(w),
                               find(w, 1, false));
#endif
        break;
    case K_TCB_SetPriority:
        r = seL4_TCB_SetPriority(find(w, 12, false), find(w, 12, false), V(w) % 256);
        break;
    case K_TCB_SetMCPriority:
        r = seL4_TCB_SetMCPriority(find(w, 12, false), find(w, 12, false), V(w) % 256);
        break;
    case K_TCB_SetSchedParams:
#ifdef CONFIG_KERNEL_MCS
        /* an SC of the sandbox (or none: that unbinds), a fault endpoint or none */
        r = seL4_TCB_SetSchedParams(find(w, 12, false), find(w, 12, false), V(w) % 256,
                                    V(w) % 256, rnd(w) % 4 ? find(w, 22, false) : V(w),
                                    rnd(w) % 2 ? find(w, 4, false) : V(w));
#else
        r = seL4_TCB_SetSchedParams(find(w, 12, false), find(w, 12, false), V(w) % 256,
                                    V(w) % 256);
#endif
        break;
    case K_TCB_SetIPCBuffer:
        r = seL4_TCB_SetIPCBuffer(find(w, 12, false), rnd(w) % 2 ? pick_vaddr(w) : V(w),
                                  rnd(w) % 4 ? find(w, 1, false) : 0);
        break;
    case K_TCB_SetSpace:
        a = rnd(w) % 2 ? S_SELF : find(w, 10, false);
        r = seL4_TCB_SetSpace(find(w, 12, false), V(w), a,
                              a == S_SELF || rnd(w) % 2 ? fuzz_thread_guard() : V(w),
                              rnd(w) % 2 ? S_W : find(w, 3, false), V(w));
        break;
    case K_TCB_Suspend:
        r = seL4_TCB_Suspend(find(w, 12, false));
        break;
    case K_TCB_Resume:
        r = seL4_TCB_Resume(find(w, 12, false));
        break;
    case K_TCB_BindNotification:
        r = seL4_TCB_BindNotification(find(w, 12, false), find(w, 6, false));
        break;
    case K_TCB_UnbindNotification:
        r = seL4_TCB_UnbindNotification(find(w, 12, false));
        break;
    case K_TCB_SetTLSBase:
        r = seL4_TCB_SetTLSBase(find(w, 12, false), V(w));
        break;
    case K_TCB_SetFlags:
        r = seL4_TCB_SetFlags(find(w, 12, false), V(w), V(w)).error;
        break;
    case K_EP_Send:
        seL4_Send(find(w, 4, false), pick_info(w));
        break;
    case K_EP_NBSend:
        seL4_NBSend(find(w, 4, false), pick_info(w));
        break;
    case K_EP_Call:
        r = seL4_MessageInfo_get_label(seL4_Call(find(w, 4, false), pick_info(w)));
        break;
#ifdef CONFIG_KERNEL_MCS
    /* MCS: receives name a Reply object (mostly one of the sandbox's) */
    case K_EP_Recv:
        seL4_SetCapReceivePath(S_SELF, pick_slot(w), 64);     /* pick_info's is not used */
        a = find(w, 4, false);
        r = seL4_MessageInfo_get_label(seL4_Recv(a, &badge, rnd(w) % 8 ? find(w, 8, false) : V(w)));
        break;
    case K_EP_NBRecv:
        seL4_SetCapReceivePath(S_SELF, pick_slot(w), 64);
        a = find(w, 4, false);
        r = seL4_MessageInfo_get_label(seL4_NBRecv(a, &badge, rnd(w) % 8 ? find(w, 8, false) : V(w)));
        break;
    case K_EP_ReplyRecv: {
        a = find(w, 4, false);
        b = rnd(w) % 8 ? find(w, 8, false) : V(w);
        seL4_MessageInfo_t info = pick_info(w);
        r = seL4_MessageInfo_get_label(seL4_ReplyRecv(a, info, &badge, b));
        break;
    }
    case K_EP_NBSendRecv: {
        a = find(w, 4, false);
        b = rnd(w) % 8 ? find(w, 8, false) : V(w);
        seL4_Word src = rnd(w) % 4 ? find(w, 4, false) : find(w, 6, false);
        seL4_MessageInfo_t info = pick_info(w);
        r = seL4_MessageInfo_get_label(seL4_NBSendRecv(a, info, src, &badge, b));
        break;
    }
    case K_EP_NBSendWait: {
        a = rnd(w) % 4 ? find(w, 4, false) : find(w, 6, false);
        b = rnd(w) % 4 ? find(w, 6, false) : find(w, 4, false);
        seL4_MessageInfo_t info = pick_info(w);
        r = seL4_MessageInfo_get_label(seL4_NBSendWait(a, info, b, &badge));
        break;
    }
    case K_TCB_SetTimeoutEndpoint:
        r = seL4_TCB_SetTimeoutEndpoint(find(w, 12, false), rnd(w) % 4 ? find(w, 4, false) : V(w));
        break;
    case K_SchedControl_ConfigureFlags: {
        /* valid budgets stay below HELPER_BUDGET_US; longer ones come with a shorter
         * period, which the kernel refuses */
        seL4_Word budget, period;
        switch (rnd(w) % 4) {
        case 0:
            budget = V(w);
            break;
        case 1:
            budget = rnd(w) % 20;                   /* around the minimum */
            break;
        default:
            budget = 10 + rnd(w) % 2000;
            break;
        }
        switch (rnd(w) % 4) {
        case 0:
            period = budget;                        /* round robin */
            break;
        case 1:
            period = V(w);
            break;
        default:
            period = budget + rnd(w) % 20000;
            break;
        }
        if (budget > HELPER_BUDGET_US) {
            period = budget - 1;
        }
        seL4_Word refills = rnd(w) % 4 ? rnd(w) % 8 : V(w);
        seL4_Word flags = rnd(w) % 2 ? rnd(w) % 2 : V(w);
        r = seL4_SchedControl_ConfigureFlags(rnd(w) % 8 ? S_SCHEDCTRL : pick_src(w),
                                             find(w, 22, false), budget, period, refills, V(w),
                                             flags);
        break;
    }
    case K_SchedContext_Bind:
        r = seL4_SchedContext_Bind(find(w, 22, false),
                                   rnd(w) % 2 ? find(w, 12, false) : find(w, 6, false));
        break;
    case K_SchedContext_Unbind:
        r = seL4_SchedContext_Unbind(find(w, 22, false));
        break;
    case K_SchedContext_UnbindObject:
        r = seL4_SchedContext_UnbindObject(find(w, 22, false),
                                           rnd(w) % 2 ? find(w, 12, false) : find(w, 6, false));
        break;
    case K_SchedContext_Consumed:
        r = seL4_SchedContext_Consumed(find(w, 22, false)).error;
        break;
    case K_SchedContext_YieldTo:
        r = seL4_SchedContext_YieldTo(find(w, 22, false)).error;
        break;
#else
    case K_EP_Recv:
        seL4_SetCapReceivePath(S_SELF, pick_slot(w), 64);     /* pick_info's is not used */
        r = seL4_MessageInfo_get_label(seL4_Recv(find(w, 4, false), &badge));
        break;
    case K_EP_NBRecv:
        seL4_SetCapReceivePath(S_SELF, pick_slot(w), 64);
        r = seL4_MessageInfo_get_label(seL4_NBRecv(find(w, 4, false), &badge));
        break;
    case K_EP_ReplyRecv:
        a = find(w, 4, false);
        r = seL4_MessageInfo_get_label(seL4_ReplyRecv(a, pick_info(w), &badge));
        break;
    case K_Reply:
        seL4_Reply(pick_info(w));
        break;
#endif
    case K_Ntfn_Signal:
        seL4_Signal(find(w, 6, false));
        break;
    case K_Ntfn_Wait:
        seL4_Wait(find(w, 6, false), &badge);
        break;
    case K_Ntfn_Poll:
        seL4_Poll(find(w, 6, false), &badge);
        break;
    case K_ReplyCap_Send:
        seL4_Send(find(w, 8, true), pick_info(w));
        break;
    case K_IRQHandler_Ack:
        r = seL4_IRQHandler_Ack(find(w, 16, false));
        break;
    case K_IRQHandler_SetNotification:
        r = seL4_IRQHandler_SetNotification(find(w, 16, false), find(w, 6, false));
        break;
    case K_IRQHandler_Clear:
        r = seL4_IRQHandler_Clear(find(w, 16, false));
        break;
    case K_PageTable_Map:
        r = seL4_RISCV_PageTable_Map(find(w, 3, true), rnd(w) % 2 ? S_W : find(w, 3, false),
                                     pick_vaddr(w), V(w) % 4);
        break;
    case K_PageTable_Unmap:
        r = seL4_RISCV_PageTable_Unmap(find(w, 3, true));
        break;
    case K_Page_Map:
        /* never executable: a fuzz thread must not run what another wrote */
        r = seL4_RISCV_Page_Map(find(w, 1, false), rnd(w) % 4 ? S_W : find(w, 3, false),
                                pick_vaddr(w), pick_rights(w),
                                seL4_RISCV_ExecuteNever | (V(w) & 2));
        break;
    case K_Page_Unmap:
        r = seL4_RISCV_Page_Unmap(find(w, 1, false));
        break;
    case K_Page_GetAddress:
        r = seL4_RISCV_Page_GetAddress(find(w, 1, false)).error;
        break;
    case K_ASIDControl_MakePool:
        r = seL4_RISCV_ASIDControl_MakePool(rnd(w) % 4 ? S_ASIDCTRL : pick_src(w),
                                            find(w, 2, false), S_SELF, pick_slot(w),
                                            pick_depth(w));
        break;
    case K_ASIDPool_Assign:
        r = seL4_RISCV_ASIDPool_Assign(find(w, 13, false), find(w, 3, false));
        break;
    case K_DomainSet_Set:
        r = seL4_DomainSet_Set(find(w, 20, false), V(w) % (CONFIG_NUM_DOMAINS + 1),
                               find(w, 12, false));
        break;
    case K_DomainSet_ScheduleConfigure:
        /* only rejected ones: a valid schedule could starve this test's domain */
        a = rnd(w) % 3;
        r = seL4_DomainSet_ScheduleConfigure(find(w, 20, false),
                                             a == 0 ? CONFIG_NUM_DOMAIN_SCHEDULES + V(w) % 4 : 0,
                                             a == 1 ? CONFIG_NUM_DOMAINS + V(w) % 200 : 0,
                                             a == 2 ? (1ul << 56) | V(w) : 0);
        break;
    case K_DomainSet_ScheduleSetStart:
        a = rnd(w) % 2 ? 0 : CONFIG_NUM_DOMAIN_SCHEDULES + V(w) % 4;
        r = seL4_DomainSet_ScheduleSetStart(find(w, 20, false), a);
        break;
    case K_Raw_Label: {
        a = pick_src(w);
        seL4_MessageInfo_t info = pick_info(w);
        b = seL4_MessageInfo_get_label(info);
        if (b == DomainScheduleConfigure || b == DomainScheduleSetStart
#ifdef CONFIG_KERNEL_MCS
            /* random words could make a long valid budget (see ConfigureFlags above) */
            || b == SchedControlConfigureFlags
#endif
           ) {
            info = seL4_MessageInfo_set_label(info, InvalidInvocation);
        }
        r = seL4_MessageInfo_get_label(seL4_Call(a, info));
        break;
    }
    case K_Yield:
        seL4_Yield();
        break;
    case K_Touch_Memory: {
        /* mostly the two pages the controller maps, sometimes anywhere in the window */
        seL4_Word off = rnd(w) % 2 ? rnd(w) % (2 * 4096)
                        : rnd(w) % 2 ? rnd(w) % (16 * 4096) : rnd(w) % WINDOW_SIZE;
        volatile seL4_Word *p = (volatile seL4_Word *)((WINDOW + off) & ~7ul);
        if (rnd(w) % 2) {
            badge = *p;
        } else {
            *p = V(w);
        }
        break;
    }
    default:
        break;
    }
    if (r == seL4_NoError) {
        w->ok[k]++;
    }
    return r * 31 + badge + (seL4_Word)k;
}

/* Workers: mode 0 fuzzes until its quota, mode 1 reports the sandbox's cap types. */
static void worker_main(seL4_Word index, seL4_Word mode)
{
    worker_t *w = &workers[index];
    if (mode == 1) {
        for (seL4_Word s = 0; s < SANDBOX_SLOTS; s++) {
            check_types[s] = seL4_DebugCapIdentify(s);
        }
        check_done = 1;
    }
    for (;;) {
        if (mode == 1 || w->done >= w->quota) {
            seL4_Yield();
            continue;
        }
        w->digest = mix(w->digest ^ worker_step(w));
        w->done++;
    }
}

/* --- the controller ----------------------------------------------------------------- */

static uint64_t ctl_rng;

static seL4_Word crnd(void)
{
    return harness_random(&ctl_rng);
}

static seL4_Word sandbox_guard(void)
{
    return seL4_CNode_CapData_new(0, 64 - SANDBOX_BITS).words[0];
}

/* (Re)start a worker from the top, whatever happened to its TCB meanwhile. */
static void worker_restart(int i, seL4_Word mode)
{
    worker_t *w = &workers[i];
#ifdef CONFIG_KERNEL_MCS
    seL4_TCB_Configure(w->thread.tcb, sandbox, sandbox_guard(), wspace, 0,
                       (seL4_Word)w->thread.ipc_buffer, w->thread.ipc_frame);
    /* its SC back from wherever a Call donated it */
    seL4_SchedContext_Unbind(w->thread.sc);
    seL4_TCB_SetSchedParams(w->thread.tcb, seL4_CapInitThreadTCB, PRIO, PRIO, w->thread.sc,
                            fault_badged[i]);
#else
    seL4_TCB_Configure(w->thread.tcb, S_FAULT0 + i, sandbox, sandbox_guard(), wspace, 0,
                       (seL4_Word)w->thread.ipc_buffer, w->thread.ipc_frame);
    seL4_TCB_SetPriority(w->thread.tcb, seL4_CapInitThreadTCB, PRIO);
#endif
    seL4_UserContext regs = w->start;
    regs.a0 = (seL4_Word)i;
    regs.a1 = mode;
    seL4_TCB_WriteRegisters(w->thread.tcb, 1, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
}

/* The pager: a worker that faults starts over (its random sequence goes on). */
static void pager(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    for (;;) {
        seL4_Word badge;
#ifdef CONFIG_KERNEL_MCS
        seL4_Recv(fault_ep, &badge, pager_reply);
#else
        seL4_Recv(fault_ep, &badge);
#endif
        if (campaign_running && badge >= 1 && badge <= N_WORKERS) {
            restarts++;
            worker_restart((int)badge - 1, 0);
        }
    }
}

static int populate_errors;
static bool populate_verbose;

static void pop_check(int err, int line)
{
    if (err != seL4_NoError) {
        if (populate_verbose) {
            printf("    populating the sandbox: error %d at line %d\n", err, line);
        }
        populate_errors++;
    }
}
#define pop(e) pop_check((e), __LINE__)

/* Retype an object into the controller's CSpace (to configure it first) */
static seL4_CPtr scratch_slot;

static int populate(void)
{
    seL4_CPtr self = seL4_CapInitThreadCNode;
    populate_errors = 0;
    for (seL4_Word s = FIRST_FUZZ_SLOT; s < H_END; s++) {
        seL4_CNode_Delete(sandbox, s, SANDBOX_BITS);
    }
    pop(seL4_Untyped_Retype(u_pop, seL4_EndpointObject, 0, sandbox, 0, 0, H_EP, 3));
    pop(seL4_Untyped_Retype(u_pop, seL4_NotificationObject, 0, sandbox, 0, 0, H_NTFN, 3));
    pop(seL4_CNode_Mint(sandbox, H_EP_MINT, SANDBOX_BITS, sandbox, H_EP, SANDBOX_BITS,
                        (seL4_CapRights_t){ .words = { crnd() % 16 } },
                        crnd() % 1000 + FIRST_FUZZ_SLOT));
    pop(seL4_CNode_Mint(sandbox, H_NTFN_MINT, SANDBOX_BITS, sandbox, H_NTFN, SANDBOX_BITS,
                        (seL4_CapRights_t){ .words = { crnd() % 16 } },
                        crnd() % 1000 + FIRST_FUZZ_SLOT));
    pop(seL4_Untyped_Retype(u_pop, seL4_CapTableObject, 2, sandbox, 0, 0, H_CNODE, 1));
    pop(seL4_Untyped_Retype(u_pop, seL4_CapTableObject, 4, sandbox, 0, 0, H_CNODE + 1, 1));
    /* a page table mapped in W at the window, two frames mapped there, one spare table */
    pop(seL4_Untyped_Retype(u_pop, seL4_RISCV_PageTableObject, 0, self, 0, 0, scratch_slot, 1));
    pop(seL4_RISCV_PageTable_Map(scratch_slot, wspace, WINDOW, seL4_RISCV_Default_VMAttributes));
    pop(seL4_CNode_Move(sandbox, H_PT, SANDBOX_BITS, self, scratch_slot, 64));
    for (seL4_Word i = 0; i < 2; i++) {
        pop(seL4_Untyped_Retype(u_pop, seL4_RISCV_4K_Page, 0, self, 0, 0, scratch_slot, 1));
        pop(seL4_RISCV_Page_Map(scratch_slot, wspace, WINDOW + i * 4096, seL4_ReadWrite,
                                seL4_RISCV_ExecuteNever));
        pop(seL4_CNode_Move(sandbox, H_FRAME + i, SANDBOX_BITS, self, scratch_slot, 64));
    }
    pop(seL4_Untyped_Retype(u_pop, seL4_RISCV_PageTableObject, 0, sandbox, 0, 0, H_PT + 1, 1));
    /* a pool of the campaign's own, and a VSpace root in it */
    pop(seL4_Untyped_Retype(u_pop, seL4_RISCV_PageTableObject, 0, self, 0, 0, scratch_slot, 1));
    seL4_CPtr pool_ut = scratch_slot + 1, pool = scratch_slot + 2;
    pop(seL4_Untyped_Retype(u_pop, seL4_UntypedObject, seL4_ASIDPoolBits, self, 0, 0, pool_ut, 1));
    pop(ctl(K_ASIDControl_MakePool,
            seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, pool_ut, self, pool, 64)));
    pop(ctl(K_ASIDPool_Assign, seL4_RISCV_ASIDPool_Assign(pool, scratch_slot)));
    pop(seL4_CNode_Move(sandbox, H_VROOT, SANDBOX_BITS, self, scratch_slot, 64));
    pop(seL4_CNode_Move(sandbox, H_POOL, SANDBOX_BITS, self, pool, 64));
    seL4_CNode_Delete(self, pool_ut, 64);
    /* fuzz TCBs that run: each repeats a syscall in the sandbox until disturbed */
    for (int i = 0; i < 2; i++) {
        seL4_CPtr tcb = scratch_slot, buf = scratch_slot + 1;
        pop(seL4_Untyped_Retype(u_pop, seL4_TCBObject, 0, self, 0, 0, tcb, 1));
        pop(seL4_Untyped_Retype(u_pop, seL4_RISCV_4K_Page, 0, self, 0, 0, buf, 1));
#ifdef CONFIG_KERNEL_MCS
        /* its SC in the sandbox, its fault handler one of the sandbox's endpoints */
        seL4_CPtr sc = scratch_slot + 2;
        pop(seL4_Untyped_Retype(u_pop, seL4_SchedContextObject, seL4_MinSchedContextBits + 1,
                                self, 0, 0, sc, 1));
        pop(ctl(K_SchedControl_ConfigureFlags,
                seL4_SchedControl_ConfigureFlags(seL4_GetBootInfo()->schedcontrol.start, sc,
                                                 500 + crnd() % 1000, 5000, crnd() % 3, i, 0)));
        pop(seL4_TCB_Configure(tcb, sandbox, fuzz_thread_guard(), wspace, 0,
                               WINDOW + WINDOW_SIZE - 4096, buf));
        pop(seL4_CNode_Copy(self, scratch_slot + 3, 64, sandbox, H_EP + i, SANDBOX_BITS,
                            seL4_AllRights));
        pop(ctl(K_TCB_SetSchedParams, seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, PRIO,
                                                              PRIO, sc, scratch_slot + 3)));
        seL4_CNode_Delete(self, scratch_slot + 3, 64);
        pop(seL4_CNode_Move(sandbox, H_SC + i, SANDBOX_BITS, self, sc, 64));
#else
        pop(seL4_TCB_Configure(tcb, FUZZ_CPTR(H_EP + i), sandbox, fuzz_thread_guard(), wspace, 0,
                               WINDOW + WINDOW_SIZE - 4096, buf));
        pop(seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, PRIO, PRIO));
#endif
        seL4_UserContext regs = { 0 };
        regs.pc = (seL4_Word)fuzz_tcb_body;
        regs.a0 = FUZZ_CPTR(H_EP + crnd() % 8);
        regs.a1 = seL4_MessageInfo_new(0, 0, 0, crnd() % 4).words[0];
        regs.a7 = -(seL4_Word)(1 + crnd() % 8);
#ifdef CONFIG_KERNEL_MCS
        regs.a6 = FUZZ_CPTR(H_REPLY + i);       /* the Reply object of an MCS receive */
#endif
        pop(seL4_TCB_WriteRegisters(tcb, 1, 0, sizeof(regs) / sizeof(seL4_Word), &regs));
        pop(seL4_CNode_Move(sandbox, H_TCB + i, SANDBOX_BITS, self, tcb, 64));
        pop(seL4_CNode_Move(sandbox, H_FRAME + 2 + i, SANDBOX_BITS, self, buf, 64));
    }
#ifdef CONFIG_KERNEL_MCS
    /* a spare SC, configured but bound to nothing, and Reply objects */
    pop(seL4_Untyped_Retype(u_pop, seL4_SchedContextObject, seL4_MinSchedContextBits + 1, self,
                            0, 0, scratch_slot, 1));
    pop(ctl(K_SchedControl_ConfigureFlags,
            seL4_SchedControl_ConfigureFlags(seL4_GetBootInfo()->schedcontrol.start, scratch_slot,
                                             1000, 1000 + crnd() % 10000, crnd() % 4, 0,
                                             crnd() % 2)));
    pop(seL4_CNode_Move(sandbox, H_SC + 2, SANDBOX_BITS, self, scratch_slot, 64));
    pop(seL4_Untyped_Retype(u_pop, seL4_ReplyObject, 0, sandbox, 0, 0, H_REPLY, 3));
#endif
    /* untyped memory to retype from: copies, so revoking ours takes everything */
    for (int i = 0; i < 3; i++) {
        pop(seL4_CNode_Copy(sandbox, H_UT + i, SANDBOX_BITS, self, u_fuzz[i], 64,
                            seL4_AllRights));
    }
    /* IRQ handlers (none exist on spike: those calls fail with RangeError) */
    for (int i = 0; i < 2; i++) {
        seL4_Word irq = crnd() % (HARNESS_MAX_IRQ + 2);
        if (i == 0) {
            ctl(K_IRQControl_Get, seL4_IRQControl_Get(seL4_CapIRQControl, irq, sandbox,
                                                      H_IRQ + i, SANDBOX_BITS));
        } else {
            ctl(K_IRQControl_GetTrigger,
                seL4_IRQControl_GetTrigger(seL4_CapIRQControl, irq, crnd() % 2, sandbox,
                                           H_IRQ + i, SANDBOX_BITS));
        }
    }
    return populate_errors;
}

/* While the workers run: take away what they use. */
static void disturb(void)
{
    switch (crnd() % 8) {
    case 0:
    case 1:
        ctl(K_CNode_Delete, seL4_CNode_Delete(sandbox, FIRST_FUZZ_SLOT + crnd() %
                                              (SANDBOX_SLOTS - FIRST_FUZZ_SLOT), SANDBOX_BITS));
        break;
    case 2:
        ctl(K_CNode_Revoke, seL4_CNode_Revoke(sandbox, FIRST_FUZZ_SLOT + crnd() %
                                              (SANDBOX_SLOTS - FIRST_FUZZ_SLOT), SANDBOX_BITS));
        break;
    case 3:
        /* everything made from the population untyped goes: endpoints threads wait on,
         * page tables and frames they touch, TCBs that run */
        ctl(K_CNode_Revoke, seL4_CNode_Revoke(seL4_CapInitThreadCNode, u_pop, 64));
        populate();
        break;
    case 4:
        ctl(K_CNode_Revoke, seL4_CNode_Revoke(seL4_CapInitThreadCNode, u_fuzz[crnd() % 3], 64));
        break;
    case 5:
        ctl(K_CNode_Revoke, seL4_CNode_Revoke(seL4_CapInitThreadCNode, seL4_CapIRQControl, 64));
        break;
    default:
        break;
    }
}

/* A CNode cap that outlived the revoke: is it one of the sandbox (a copy that should
 * never have reached a worker), or something else? A marker copied into it shows up
 * in the sandbox only in the first case. */
static void diagnose_cnode(seL4_Word slot)
{
    seL4_CPtr self = seL4_CapInitThreadCNode, tmp = scratch_slot, probe = scratch_slot + 1;
    if (seL4_CNode_Move(self, tmp, 64, sandbox, slot, SANDBOX_BITS) != seL4_NoError) {
        printf("    cannot move it out\n");
        return;
    }
    const seL4_Word marker_slot = SANDBOX_SLOTS - 1;
    seL4_CNode_Delete(sandbox, marker_slot, SANDBOX_BITS);
    for (seL4_Word depth = 1; depth <= 64; depth++) {
        if (seL4_CNode_Copy(tmp, marker_slot, depth, self, fault_ep, 64, seL4_AllRights) ==
            seL4_NoError) {
            bool in_sandbox = seL4_CNode_Move(self, probe, 64, sandbox, marker_slot,
                                              SANDBOX_BITS) == seL4_NoError;
            printf("    it takes a copy at index %lu depth %lu; %s\n", marker_slot, depth,
                   in_sandbox ? "that is the sandbox's own slot: a copy of the sandbox cap"
                              : "not in the sandbox: another CNode");
            seL4_CNode_Delete(self, probe, 64);
            seL4_CNode_Delete(tmp, marker_slot, depth);
            break;
        }
    }
    seL4_CNode_Delete(self, tmp, 64);
}

/* Stop everything, take it all back, and check what user space can see. */
static void end_round(int round)
{
    campaign_running = 0;
    for (int i = 0; i < N_WORKERS; i++) {
        seL4_TCB_Suspend(workers[i].thread.tcb);
    }
    /* everything a worker could make descends from these */
    test_eq(seL4_CNode_Revoke(seL4_CapInitThreadCNode, u_pop, 64), seL4_NoError);
    for (int i = 0; i < 3; i++) {
        test_eq(seL4_CNode_Revoke(seL4_CapInitThreadCNode, u_fuzz[i], 64), seL4_NoError);
    }
    test_eq(seL4_CNode_Revoke(seL4_CapInitThreadCNode, seL4_CapIRQControl, 64), seL4_NoError);

    /* what is left in the sandbox: only the shared control caps and their copies */
    check_done = 0;
    worker_restart(0, 1);
    for (seL4_Word limit = harness_now() + 50000000; !check_done && harness_now() < limit;) {
        seL4_Yield();
    }
    seL4_TCB_Suspend(workers[0].thread.tcb);
    test_check(check_done);
#ifdef CONFIG_KERNEL_MCS
    static const seL4_Word reserved[] = { 0, 10, 3, 11, 13, 20, 24 };
#else
    static const seL4_Word reserved[] = { 0, 10, 3, 11, 13, 20 };
#endif
    for (seL4_Word s = 0; s < SANDBOX_SLOTS && check_done; s++) {
        seL4_Word t = check_types[s];
        bool ok;
        if (s < FIRST_FUZZ_SLOT && s != 0) {
            ok = s < S_FAULT0 ? t == reserved[s] : t == (s < S_FAULT0 + N_WORKERS ? 4u : 0u);
        } else {
            ok = t == 0 || t == 3 || t == 11 || t == 13 || t == 20;
#ifdef CONFIG_KERNEL_MCS
            ok = ok || t == 24;         /* copies of SchedControl */
#endif
        }
        if (!ok) {
            printf("    round %d: sandbox slot %lu holds a cap of type %lu after the revoke\n",
                   round, s, t);
            test_failures++;
            if (t == 10) {
                diagnose_cnode(s);
            }
        }
    }
    /* the memory is all free again: each untyped retypes at full size */
    seL4_CPtr tmp = scratch_slot;
    test_eq(seL4_Untyped_Retype(u_pop, seL4_UntypedObject, U_POP_BITS, seL4_CapInitThreadCNode,
                                0, 0, tmp, 1), seL4_NoError);
    test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, tmp, 64), seL4_NoError);
    for (int i = 0; i < 3; i++) {
        test_eq(seL4_Untyped_Retype(u_fuzz[i], seL4_UntypedObject, u_fuzz_bits[i],
                                    seL4_CapInitThreadCNode, 0, 0, tmp, 1), seL4_NoError);
        test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, tmp, 64), seL4_NoError);
    }
    /* and its memory reads as zero again: the first 64 KiB, where the kernel kept the
     * endpoints, notifications, CNodes and TCBs of the round */
    seL4_Word bad = 0;
    for (seL4_Word i = 0; i < ZERO_CHECK_PAGES; i++) {
        seL4_CPtr f = zero_frames + i;
        seL4_Word v = zero_window + i * 4096;
        test_eq(seL4_Untyped_Retype(u_pop, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode, 0, 0,
                                    f, 1), seL4_NoError);
        test_check(map_frame_in(seL4_CapInitThreadVSpace, f, v, seL4_ReadWrite));
        for (seL4_Word k = 0; k < 4096 / sizeof(seL4_Word); k++) {
            bad += ((volatile seL4_Word *)v)[k] != 0;
        }
    }
    test_eq(bad, 0);
    test_eq(seL4_CNode_Revoke(seL4_CapInitThreadCNode, u_pop, 64), seL4_NoError);
    /* every IRQ is free again */
    for (seL4_Word irq = 1; irq <= HARNESS_MAX_IRQ; irq += 7) {
        test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, irq, seL4_CapInitThreadCNode, tmp, 64),
                seL4_NoError);
        test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, tmp, 64), seL4_NoError);
    }
    /* and our own caps are what they were */
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadTCB), 12);
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadCNode), 10);
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadVSpace), 3);
    test_eq(seL4_DebugCapIdentify(sandbox), 10);
    test_eq(seL4_DebugCapIdentify(seL4_CapIRQControl), 14);
}

static int test_fuzz_campaign(harness_env_t *env)
{
    (void)env;
    const seL4_Word seed = LARCH_FUZZ_SEED, iterations = LARCH_FUZZ_ITER;
    printf("    fuzz campaign: seed %lu, %lu invocations (LARCH_FUZZ_SEED, LARCH_FUZZ_ITER)\n",
           seed, iterations);
    ctl_rng = mix(seed);
    seL4_Word t0 = harness_now();

    /* W shares our image; the workers live there */
    wspace = vspace_new();
    test_check(wspace && vspace_share_image(wspace));
    sandbox = alloc_object(seL4_CapTableObject, SANDBOX_BITS);
    fault_ep = alloc_object(seL4_EndpointObject, 0);
    u_pop = alloc_untyped(U_POP_BITS);
    for (int i = 0; i < 3; i++) {
        u_fuzz[i] = alloc_untyped(u_fuzz_bits[i]);
    }
    scratch_slot = alloc_slot();
    alloc_slot();
    alloc_slot();
#ifdef CONFIG_KERNEL_MCS
    alloc_slot();                           /* scratch_slot + 3: a fault endpoint to pass */
#endif
    zero_frames = alloc_slot();
    for (int i = 1; i < ZERO_CHECK_PAGES; i++) {
        alloc_slot();
    }
    zero_window = alloc_vaddr(16);
    test_check(sandbox && fault_ep && u_pop && u_fuzz[0] && u_fuzz[1] && u_fuzz[2]);
    seL4_CPtr self = seL4_CapInitThreadCNode;
    test_eq(seL4_CNode_Mint(sandbox, S_SELF, SANDBOX_BITS, self, sandbox, 64, seL4_AllRights,
                            sandbox_guard()), seL4_NoError);
    test_eq(seL4_CNode_Copy(sandbox, S_W, SANDBOX_BITS, self, wspace, 64, seL4_AllRights),
            seL4_NoError);
    test_eq(seL4_CNode_Copy(sandbox, S_ASIDCTRL, SANDBOX_BITS, self, seL4_CapASIDControl, 64,
                            seL4_AllRights), seL4_NoError);
    test_eq(seL4_CNode_Copy(sandbox, S_ASIDPOOL, SANDBOX_BITS, self, seL4_CapInitThreadASIDPool,
                            64, seL4_AllRights), seL4_NoError);
    test_eq(seL4_CNode_Copy(sandbox, S_DOMAIN, SANDBOX_BITS, self, seL4_CapDomain, 64,
                            seL4_AllRights), seL4_NoError);
#ifdef CONFIG_KERNEL_MCS
    test_eq(seL4_CNode_Copy(sandbox, S_SCHEDCTRL, SANDBOX_BITS, self,
                            seL4_GetBootInfo()->schedcontrol.start, 64, seL4_AllRights),
            seL4_NoError);
    for (int i = 0; i < N_WORKERS; i++) {
        fault_badged[i] = alloc_slot();
        test_eq(seL4_CNode_Mint(self, fault_badged[i], 64, self, fault_ep, 64, seL4_AllRights,
                                i + 1), seL4_NoError);
    }
    pager_reply = alloc_object(seL4_ReplyObject, 0);
    test_check(pager_reply);
#endif
    for (int i = 0; i < N_WORKERS; i++) {
        test_eq(seL4_CNode_Mint(sandbox, S_FAULT0 + i, SANDBOX_BITS, self, fault_ep, 64,
                                seL4_AllRights, i + 1), seL4_NoError);
    }

    /* the workers and the pager; we run at the workers' priority, the pager above */
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, PRIO),
            seL4_NoError);
    for (int i = 0; i < N_WORKERS; i++) {
        test_check(helper_start_in(&workers[i].thread, wspace, PRIO, 0, worker_main, i, 0));
        test_eq(seL4_TCB_ReadRegisters(workers[i].thread.tcb, 0, 0,
                                       sizeof(seL4_UserContext) / sizeof(seL4_Word),
                                       &workers[i].start), seL4_NoError);
    }
    helper_thread_t pager_thread;
    test_check(helper_start(&pager_thread, PRIO + 1, 0, pager, 0, 0));
    test_eq(seL4_TCB_Resume(pager_thread.tcb), seL4_NoError);
    if (test_failures) {
        return test_result();
    }

    seL4_Word total = 0;
    int round = 0;
    for (; total < iterations && test_failures == 0; round++) {
        populate_verbose = true;
        test_eq(populate(), 0);
        populate_verbose = false;
        seL4_Word base = 0;
        for (int i = 0; i < N_WORKERS; i++) {
            worker_t *w = &workers[i];
            w->rng = mix(seed ^ mix(((uint64_t)round << 8) | (uint64_t)i));
            base += w->done;
            w->quota = w->done + PER_ROUND / N_WORKERS;
        }
        campaign_running = 1;
        for (int i = 0; i < N_WORKERS; i++) {
            worker_restart(i, 0);
        }
        /* run until the quota is met or nobody gets anywhere (all blocked) */
        seL4_Word last = 0, last_change = harness_now(), start = harness_now();
        for (;;) {
            seL4_Yield();
            seL4_Word sum = 0;
            for (int i = 0; i < N_WORKERS; i++) {
                sum += workers[i].done;
            }
            sum -= base;
            if (sum >= PER_ROUND - N_WORKERS) {
                break;
            }
            if (sum != last) {
                last = sum;
                last_change = harness_now();
            } else if (harness_now() - last_change > 1000000 || harness_now() - start > 50000000) {
                break;      /* 0.1 s without progress, or 5 s in all */
            }
            if (crnd() % 4 == 0) {
                disturb();
            }
        }
        seL4_Word round_total = 0;
        for (int i = 0; i < N_WORKERS; i++) {
            round_total += workers[i].done;
        }
        total = round_total;
        end_round(round);
    }

    /* what was covered: kinds made, and kinds the kernel accepted at least once */
    seL4_Word covered = 0, accepted = 0, calls = 0;
    uint64_t digest = 0;
    printf("    invocations (made/succeeded):");
    for (int k = 0; k < N_KINDS; k++) {
        seL4_Word n = ctl_kinds[k], ok = ctl_ok[k];
        for (int i = 0; i < N_WORKERS; i++) {
            n += workers[i].kinds[k];
            ok += workers[i].ok[k];
        }
        calls += n;
        covered += n != 0;
        accepted += ok != 0;
        printf("%s %s=%lu/%lu", k % 4 ? "" : "\n     ", kind_names[k], n, ok);
    }
    printf("\n");
    for (int i = 0; i < N_WORKERS; i++) {
        digest = mix(digest ^ workers[i].digest);
    }
    printf("    fuzz campaign: seed %lu: %lu invocations (%lu by workers) in %d rounds, "
           "%lu of %d invocation kinds made, %lu succeeded at least once, "
           "%lu worker restarts, digest %lx, %lu ms\n",
           seed, calls, total, round, covered, N_KINDS, accepted, restarts,
           (unsigned long)digest, (harness_now() - t0) / 10000);
    test_eq(covered, N_KINDS);
    test_eq(seL4_TCB_Suspend(pager_thread.tcb), seL4_NoError);
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio),
            seL4_NoError);
    return test_result();
}
#if defined(CONFIG_KERNEL_MCS) && !LARCH_FUZZ_MCS
#define FUZZ0003_ENABLED false      /* see LARCH_FUZZ_MCS in sel4test-harness/CMakeLists.txt */
#else
#define FUZZ0003_ENABLED true
#endif
DEFINE_TEST(FUZZ0003, "Seeded campaign: every object and invocation from several threads",
            test_fuzz_campaign, FUZZ0003_ENABLED);
