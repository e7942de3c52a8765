/*
 * Isolation (ISOLATION ground): what a thread cannot do without the authority for it.
 * Every check is seL4 16.0.0's behaviour, error code and fault message:
 *  - a cptr names only what the thread's own CSpace holds;
 *  - rights: Write to send or signal, Read to receive or wait, Grant to transfer caps,
 *    the receiver's Grant for a reply to transfer caps, a frame cap's rights bound its
 *    mappings, a fault endpoint needs Write and Grant or GrantReply;
 *  - badges: Mint and Mutate never change a badge once set;
 *  - memory: one address space never sees another's frames unless the same frame is
 *    mapped in both, and retyped objects start zeroed however the memory was used;
 *  - control caps (IRQ, ASID, domain) cannot be forged or widened.
 */
#include <harness.h>

#define ROOT seL4_CapInitThreadCNode
#define VS   seL4_CapInitThreadVSpace

static seL4_CPtr mint(seL4_CPtr src, seL4_CapRights_t rights, seL4_Word badge)
{
    seL4_CPtr slot = alloc_slot();
    if (seL4_CNode_Mint(ROOT, slot, 64, ROOT, src, 64, rights, badge) != seL4_NoError) {
        printf("    mint of %lu failed\n", src);
        test_failures++;
    }
    return slot;
}

__attribute__((unused)) static void yield_n(int n)
{
    for (int i = 0; i < n; i++) {
        seL4_Yield();
    }
}

#ifndef CONFIG_KERNEL_MCS
/* Wait for one fault on ep (the threads below fault with badge 0xf). */
static seL4_MessageInfo_t expect_fault(seL4_CPtr ep, seL4_Word label)
{
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    test_eq(seL4_MessageInfo_get_label(info), label);
    test_eq(badge, 0xf);
    return info;
}

/* --- ISOLATION0001: a thread reaches only what its CSpace holds ---------------------- */

#define SMALL_BITS 4
static volatile seL4_Word small_types[1 << SMALL_BITS], small_errors[1 << SMALL_BITS];
static volatile seL4_Word small_mr0[1 << SMALL_BITS];
static volatile int small_done;

static void small_world(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    /* every cptr the root task's initial caps use names an empty slot here */
    for (seL4_Word s = 0; s < (1u << SMALL_BITS) - 1; s++) {
        small_types[s] = seL4_DebugCapIdentify(s);
        small_errors[s] = seL4_TCB_Suspend(s);
        small_mr0[s] = seL4_GetMR(0);
    }
    small_done = 1;
    /* a cptr outside the CSpace's guard: a cap fault, not an error */
    seL4_TCB_Suspend(0x1000 | seL4_CapInitThreadTCB);
    small_done = 2;
}

static int test_no_cap_no_access(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr cnode = alloc_object(seL4_CapTableObject, SMALL_BITS);
    const seL4_Word fault_slot = (1u << SMALL_BITS) - 1;
    test_eq(seL4_CNode_Mint(cnode, fault_slot, SMALL_BITS, ROOT, ep, 64, seL4_AllRights, 0xf),
            seL4_NoError);
    helper_thread_t t;
    small_done = 0;
    test_check(helper_start(&t, seL4_MaxPrio, 0, small_world, 0, 0));
    test_eq(seL4_TCB_SetSpace(t.tcb, fault_slot, cnode,
                              seL4_CNode_CapData_new(0, 64 - SMALL_BITS).words[0], VS, 0),
            seL4_NoError);
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    seL4_MessageInfo_t info = expect_fault(ep, seL4_Fault_CapFault);
    (void)info;
    test_eq(seL4_GetMR(seL4_CapFault_Addr), 0x1000 | seL4_CapInitThreadTCB);
    test_eq(seL4_GetMR(seL4_CapFault_InRecvPhase), 0);
    test_eq(seL4_GetMR(seL4_CapFault_LookupFailureType), seL4_GuardMismatch);
    test_eq(seL4_GetMR(seL4_CapFault_BitsLeft), 64);
    test_eq(seL4_GetMR(seL4_CapFault_GuardMismatch_GuardFound), 0);
    test_eq(seL4_GetMR(seL4_CapFault_GuardMismatch_BitsFound), 64 - SMALL_BITS);
    test_eq(small_done, 1);
    for (seL4_Word s = 0; s < fault_slot; s++) {
        test_eq(small_types[s], 0);
        test_eq(small_errors[s], seL4_InvalidCapability);
        test_eq(small_mr0[s], 0);
    }
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    /* our own objects are untouched */
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadTCB), 12);
    return test_result();
}

/* --- ISOLATION0002: endpoint rights --------------------------------------------------- */

static seL4_CPtr iso_ep, iso_recv_slot;
static volatile seL4_Word got_label, got_len, got_caps, got_badge, got_count;

static void receiver(seL4_Word cap, seL4_Word unused)
{
    (void)unused;
    for (;;) {
        seL4_SetCapReceivePath(ROOT, iso_recv_slot, 64);
        seL4_Word badge;
        seL4_MessageInfo_t info = seL4_Recv(cap, &badge);
        got_label = seL4_MessageInfo_get_label(info);
        got_len = seL4_MessageInfo_get_length(info);
        got_caps = seL4_MessageInfo_get_extraCaps(info);
        got_badge = badge;
        got_count++;
    }
}

/* Call through `cap`; the server answers with one cap, through a Recv on `server_cap`. */
static seL4_CPtr reply_server_cap;
static volatile int server_replied;

static void replying_server(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    seL4_Word badge;
    seL4_Recv(reply_server_cap, &badge);
    seL4_SetCap(0, iso_ep);
    seL4_SetMR(0, 99);
    server_replied = 1;
    seL4_Reply(seL4_MessageInfo_new(0, 0, 1, 1));
}

static void recv_without_read(seL4_Word cap, seL4_Word unused)
{
    (void)unused;
    seL4_Word badge;
    seL4_Recv(cap, &badge);
}

static int test_endpoint_rights(harness_env_t *env)
{
    (void)env;
    iso_ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr fault_ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr fault_cap = mint(fault_ep, seL4_AllRights, 0xf);
    seL4_CPtr no_write = mint(iso_ep, seL4_CapRights_new(1, 1, 1, 0), 0);
    seL4_CPtr write_only = mint(iso_ep, seL4_CanWrite, 0);
    seL4_CPtr write_grant = mint(iso_ep, seL4_CapRights_new(0, 1, 0, 1), 0);
    seL4_CPtr read_only = mint(iso_ep, seL4_CanRead, 0);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    iso_recv_slot = alloc_slot();

    helper_thread_t r;
    got_count = 0;
    test_check(helper_start(&r, seL4_MaxPrio, 0, receiver, iso_ep, 0));
    test_eq(seL4_TCB_Resume(r.tcb), seL4_NoError);
    yield_n(2);
    /* without Write: Send delivers nothing, Call is refused with InvalidCapability */
    seL4_Send(no_write, seL4_MessageInfo_new(1, 0, 0, 0));
    yield_n(2);
    test_eq(got_count, 0);
    seL4_MessageInfo_t info = seL4_Call(no_write, seL4_MessageInfo_new(1, 0, 0, 0));
    test_eq(seL4_MessageInfo_get_label(info), seL4_InvalidCapability);
    test_eq(seL4_GetMR(0), 0);
    test_eq(got_count, 0);
    /* Write without Grant: the message goes, its cap does not */
    seL4_SetCap(0, ntfn);
    seL4_SetMR(0, 5);
    seL4_Send(write_only, seL4_MessageInfo_new(3, 0, 1, 1));
    yield_n(2);
    test_eq(got_count, 1);
    test_eq(got_label, 3);
    test_eq(got_len, 1);
    test_eq(got_caps, 0);
    test_eq(seL4_DebugCapIdentify(iso_recv_slot), 0);
    /* with Grant it does */
    seL4_SetCap(0, ntfn);
    seL4_Send(write_grant, seL4_MessageInfo_new(4, 0, 1, 0));
    yield_n(2);
    test_eq(got_count, 2);
    test_eq(got_caps, 1);
    test_eq(seL4_DebugCapIdentify(iso_recv_slot), 6);
    test_eq(seL4_CNode_Delete(ROOT, iso_recv_slot, 64), seL4_NoError);
    test_eq(seL4_TCB_Suspend(r.tcb), seL4_NoError);

    /* without Read: Recv is a cap fault in the receive phase */
    helper_thread_t nr;
    test_check(helper_start(&nr, seL4_MaxPrio, fault_cap, recv_without_read, write_grant, 0));
    test_eq(seL4_TCB_Resume(nr.tcb), seL4_NoError);
    expect_fault(fault_ep, seL4_Fault_CapFault);
    test_eq(seL4_GetMR(seL4_CapFault_Addr), write_grant);
    test_eq(seL4_GetMR(seL4_CapFault_InRecvPhase), 1);
    test_eq(seL4_GetMR(seL4_CapFault_LookupFailureType), seL4_MissingCapability);
    test_eq(seL4_GetMR(seL4_CapFault_BitsLeft), 0);
    test_eq(seL4_TCB_Suspend(nr.tcb), seL4_NoError);

    /* a reply carries caps only if the server received with Grant (seL4 16.0.0 gives
     * the reply cap the receiver's Grant right); the caller needs Grant or GrantReply
     * for a reply at all, and which of them does not matter for the reply's caps */
    seL4_CPtr callers[] = { mint(iso_ep, seL4_CapRights_new(1, 0, 0, 1), 0),
                            mint(iso_ep, seL4_CapRights_new(0, 1, 0, 1), 0) };
    seL4_CPtr read_grant = mint(iso_ep, seL4_CapRights_new(0, 1, 1, 0), 0);
    for (int c = 0; c < 2; c++) {
        for (int grant = 0; grant < 2; grant++) {
            reply_server_cap = grant ? read_grant : read_only;
            server_replied = 0;
            helper_thread_t s;
            test_check(helper_start(&s, seL4_MaxPrio, 0, replying_server, 0, 0));
            test_eq(seL4_TCB_Resume(s.tcb), seL4_NoError);
            yield_n(2);
            seL4_CPtr slot = alloc_slot();
            seL4_SetCapReceivePath(ROOT, slot, 64);
            info = seL4_Call(callers[c], seL4_MessageInfo_new(0, 0, 0, 0));
            test_eq(server_replied, 1);
            test_eq(seL4_MessageInfo_get_length(info), 1);
            test_eq(seL4_GetMR(0), 99);
            test_eq(seL4_MessageInfo_get_extraCaps(info), grant);
            test_eq(seL4_DebugCapIdentify(slot), grant ? 4 : 0);
            seL4_TCB_Suspend(s.tcb);
        }
    }

    /* a fault endpoint needs Write and Grant or GrantReply: else no fault message */
    const seL4_CapRights_t weak[] = { seL4_CanWrite, seL4_CapRights_new(1, 1, 1, 0),
                                      seL4_CapRights_new(1, 1, 0, 0) };
    for (unsigned i = 0; i < 3; i++) {
        seL4_CPtr weak_cap = mint(fault_ep, weak[i], 0xf);
        helper_thread_t f;
        test_check(helper_start(&f, seL4_MaxPrio, weak_cap, recv_without_read, write_grant, 0));
        test_eq(seL4_TCB_Resume(f.tcb), seL4_NoError);
        yield_n(2);
        seL4_Word badge = 0;
        seL4_NBRecv(fault_ep, &badge);
        test_eq(badge, 0);
        seL4_TCB_Suspend(f.tcb);
    }
    /* GrantReply alone (with Write) does deliver the fault */
    seL4_CPtr wgr = mint(fault_ep, seL4_CapRights_new(1, 0, 0, 1), 0xf);
    helper_thread_t g;
    test_check(helper_start(&g, seL4_MaxPrio, wgr, recv_without_read, write_grant, 0));
    test_eq(seL4_TCB_Resume(g.tcb), seL4_NoError);
    expect_fault(fault_ep, seL4_Fault_CapFault);
    test_eq(seL4_TCB_Suspend(g.tcb), seL4_NoError);
    return test_result();
}

/* --- ISOLATION0003: notification rights ---------------------------------------------- */

static void wait_on(seL4_Word cap, seL4_Word unused)
{
    (void)unused;
    seL4_Word badge;
    seL4_Wait(cap, &badge);
}

static int test_notification_rights(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr read_only = mint(ntfn, seL4_CanRead, 0);
    seL4_CPtr write_only = mint(ntfn, seL4_CanWrite, 0x10);
    seL4_Word badge = 7;
    /* without Write: no signal, and a Call on it is refused */
    seL4_Signal(read_only);
    seL4_Poll(ntfn, &badge);
    test_eq(badge, 0);
    seL4_MessageInfo_t info = seL4_Call(read_only, seL4_MessageInfo_new(0, 0, 0, 0));
    test_eq(seL4_MessageInfo_get_label(info), seL4_InvalidCapability);
    test_eq(seL4_GetMR(0), 0);
    /* rights only shrink: a cap minted from the read-only one with every right still
     * cannot signal */
    seL4_CPtr widened = alloc_slot();
    test_eq(seL4_CNode_Copy(ROOT, widened, 64, ROOT, read_only, 64, seL4_AllRights),
            seL4_NoError);
    seL4_Signal(widened);
    seL4_Poll(ntfn, &badge);
    test_eq(badge, 0);
    seL4_Signal(write_only);
    seL4_Poll(ntfn, &badge);
    test_eq(badge, 0x10);
    /* without Read: Wait is a cap fault in the receive phase; binding is refused */
    seL4_CPtr fault_ep = alloc_object(seL4_EndpointObject, 0);
    helper_thread_t t;
    test_check(helper_start(&t, seL4_MaxPrio, mint(fault_ep, seL4_AllRights, 0xf), wait_on,
                            write_only, 0));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    expect_fault(fault_ep, seL4_Fault_CapFault);
    test_eq(seL4_GetMR(seL4_CapFault_Addr), write_only);
    test_eq(seL4_GetMR(seL4_CapFault_InRecvPhase), 1);
    test_eq(seL4_GetMR(seL4_CapFault_LookupFailureType), seL4_MissingCapability);
    test_eq(seL4_TCB_BindNotification(t.tcb, write_only), seL4_IllegalOperation);
    test_eq(seL4_TCB_BindNotification(t.tcb, read_only), seL4_NoError);
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    return test_result();
}
#endif /* !CONFIG_KERNEL_MCS */

/* --- ISOLATION0004: badges are fixed once set ---------------------------------------- */

static int test_badges_fixed(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr objs[] = { ep, ntfn };
    for (int i = 0; i < 2; i++) {
        seL4_CPtr badged = mint(objs[i], seL4_AllRights, 0x55);
        seL4_CPtr slot = alloc_slot();
        /* Mint of a badged cap: refused, whatever the new badge (even the same, even 0) */
        test_eq(seL4_CNode_Mint(ROOT, slot, 64, ROOT, badged, 64, seL4_AllRights, 0x66),
                seL4_IllegalOperation);
        test_eq(seL4_CNode_Mint(ROOT, slot, 64, ROOT, badged, 64, seL4_AllRights, 0x55),
                seL4_IllegalOperation);
        test_eq(seL4_CNode_Mint(ROOT, slot, 64, ROOT, badged, 64, seL4_AllRights, 0),
                seL4_IllegalOperation);
        /* Mutate keeps no badge data for these caps: refused, badged or not */
        test_eq(seL4_CNode_Mutate(ROOT, slot, 64, ROOT, badged, 64, 0x66), seL4_IllegalOperation);
        seL4_CPtr plain = mint(objs[i], seL4_AllRights, 0);
        test_eq(seL4_CNode_Mutate(ROOT, slot, 64, ROOT, plain, 64, 0x66), seL4_IllegalOperation);
        /* Rotate cannot rebadge either */
        seL4_CPtr other = mint(objs[i], seL4_AllRights, 0x77);
        test_eq(seL4_CNode_Rotate(ROOT, slot, 64, 0x66, ROOT, badged, 64, 0x66, ROOT, other, 64),
                seL4_IllegalOperation);
        test_eq(seL4_DebugCapIdentify(slot), 0);
        /* Copy keeps the badge */
        test_eq(seL4_CNode_Copy(ROOT, slot, 64, ROOT, badged, 64, seL4_AllRights), seL4_NoError);
        if (objs[i] == ntfn) {
            seL4_Word badge;
            seL4_Signal(slot);
            seL4_Poll(ntfn, &badge);
            test_eq(badge, 0x55);
        }
    }
    return test_result();
}

#ifndef CONFIG_KERNEL_MCS
/* --- ISOLATION0005: a frame cap's rights bound every mapping of it ------------------- */

static void store_word(seL4_Word addr, seL4_Word value)
{
    __asm__ volatile(".globl iso_store_pc\n"
                     "iso_store_pc: sd %1, 0(%0)\n" : : "r"(addr), "r"(value) : "memory");
}
extern char iso_store_pc[];

static void jump_to(seL4_Word addr, seL4_Word unused)
{
    (void)unused;
    ((void (*)(void))addr)();
}

static int test_frame_rights(harness_env_t *env)
{
    (void)env;
    seL4_CPtr frame = alloc_object(seL4_RISCV_4K_Page, 0);
    seL4_CPtr ro = mint(frame, seL4_CanRead, 0);
    seL4_Word v = alloc_vaddr(seL4_PageBits);
    /* a read-only cap maps read-only, whatever the mapping asks for */
    test_check(map_frame_in(VS, ro, v, seL4_ReadWrite));
    test_eq(*(volatile seL4_Word *)v, 0);
    seL4_CPtr fault_ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr fault_cap = mint(fault_ep, seL4_AllRights, 0xf);
    helper_thread_t t;
    test_check(helper_start(&t, seL4_MaxPrio, fault_cap, store_word, v, 0x1234));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    expect_fault(fault_ep, seL4_Fault_VMFault);
    test_eq(seL4_GetMR(seL4_VMFault_IP), (seL4_Word)iso_store_pc);
    test_eq(seL4_GetMR(seL4_VMFault_Addr), v);
    test_eq(seL4_GetMR(seL4_VMFault_PrefetchFault), 0);
    test_eq(seL4_GetMR(seL4_VMFault_FSR), 7);      /* RISCVStoreAccessFault */
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    test_eq(*(volatile seL4_Word *)v, 0);
    /* remapping in place through the read-only cap cannot widen it */
    test_eq(seL4_RISCV_Page_Map(ro, VS, v, seL4_AllRights, seL4_RISCV_Default_VMAttributes),
            seL4_NoError);
    test_check(helper_start(&t, seL4_MaxPrio, fault_cap, store_word, v, 0x1234));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    expect_fault(fault_ep, seL4_Fault_VMFault);
    test_eq(seL4_GetMR(seL4_VMFault_FSR), 7);
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    /* the writable cap's mapping elsewhere writes the same frame, which the first sees */
    seL4_Word w = alloc_vaddr(seL4_PageBits);
    test_check(map_frame_in(VS, frame, w, seL4_ReadWrite));
    *(volatile seL4_Word *)w = 0xabc;
    test_eq(*(volatile seL4_Word *)v, 0xabc);
    /* ExecuteNever: fetching from the page is an instruction fault */
    seL4_CPtr nx = alloc_object(seL4_RISCV_4K_Page, 0);
    seL4_Word x = alloc_vaddr(seL4_PageBits);
    test_check(map_frame_in(VS, nx, x, seL4_ReadWrite));
    test_eq(seL4_RISCV_Page_Unmap(nx), seL4_NoError);
    test_eq(seL4_RISCV_Page_Map(nx, VS, x, seL4_ReadWrite, seL4_RISCV_ExecuteNever), seL4_NoError);
    test_check(helper_start(&t, seL4_MaxPrio, fault_cap, jump_to, x, 0));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    expect_fault(fault_ep, seL4_Fault_VMFault);
    test_eq(seL4_GetMR(seL4_VMFault_IP), x);
    test_eq(seL4_GetMR(seL4_VMFault_Addr), x);
    test_eq(seL4_GetMR(seL4_VMFault_PrefetchFault), 1);
    test_eq(seL4_GetMR(seL4_VMFault_FSR), 1);      /* RISCVInstructionAccessFault */
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    return test_result();
}

/* --- ISOLATION0006: address spaces see only the frames mapped in them --------------- */

static volatile seL4_Word other_read, other_done;

static void read_then_write(seL4_Word addr, seL4_Word value)
{
    other_read = *(volatile seL4_Word *)addr;
    *(volatile seL4_Word *)addr = value;
    other_done = 1;
}

static int test_vspace_isolation(harness_env_t *env)
{
    (void)env;
    seL4_CPtr vs = vspace_new();
    test_check(vs && vspace_share_image(vs));
    seL4_CPtr fault_ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr fault_cap = mint(fault_ep, seL4_AllRights, 0xf);
    /* a frame of ours, mapped only here */
    seL4_CPtr mine;
    volatile seL4_Word *p = alloc_mapped_frame(&mine);
    test_check(p != NULL);
    *p = 0x5ec12e7;
    helper_thread_t t;
    other_done = 0;
    test_check(helper_start_in(&t, vs, seL4_MaxPrio, fault_cap, read_then_write, (seL4_Word)p, 1));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    expect_fault(fault_ep, seL4_Fault_VMFault);
    test_eq(seL4_GetMR(seL4_VMFault_Addr), (seL4_Word)p);
    test_eq(seL4_GetMR(seL4_VMFault_FSR), 5);      /* RISCVLoadAccessFault */
    test_eq(other_done, 0);
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    /* another frame at the same address there: it sees that one, we keep ours */
    seL4_CPtr theirs = alloc_object(seL4_RISCV_4K_Page, 0);
    test_check(map_frame_in(vs, theirs, (seL4_Word)p, seL4_ReadWrite));
    other_done = 0;
    test_check(helper_start_in(&t, vs, seL4_MaxPrio, fault_cap, read_then_write, (seL4_Word)p, 2));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    yield_n(3);
    test_eq(other_done, 1);
    test_eq(other_read, 0);
    test_eq(*p, 0x5ec12e7);
    /* deleting its cap unmaps it there at once: the next access faults */
    test_eq(seL4_CNode_Delete(ROOT, theirs, 64), seL4_NoError);
    other_done = 0;
    test_check(helper_start_in(&t, vs, seL4_MaxPrio, fault_cap, read_then_write, (seL4_Word)p, 3));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    expect_fault(fault_ep, seL4_Fault_VMFault);
    test_eq(seL4_GetMR(seL4_VMFault_Addr), (seL4_Word)p);
    test_eq(other_done, 0);
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    test_eq(*p, 0x5ec12e7);
    return test_result();
}
#endif /* !CONFIG_KERNEL_MCS */

/* --- ISOLATION0007: retyped objects start zeroed -------------------------------------- */

#define DIRTY_BITS 16

static int test_retype_zeroed(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ut = alloc_untyped(DIRTY_BITS);
    const seL4_Word pages = 1ul << (DIRTY_BITS - seL4_PageBits);
    seL4_Word v = alloc_vaddr(DIRTY_BITS);
    for (int pass = 0; pass < 2; pass++) {
        /* pass 0 dirties all of it through frames and live objects, pass 1 checks */
        seL4_CPtr first = alloc_slot();
        for (seL4_Word i = 1; i < 8; i++) {
            alloc_slot();
        }
        seL4_CPtr cnode = first, tcb = first + 1, ntfn = first + 2, ep = first + 3;
        test_eq(seL4_Untyped_Retype(ut, seL4_CapTableObject, 4, ROOT, 0, 0, cnode, 1),
                seL4_NoError);
        test_eq(seL4_Untyped_Retype(ut, seL4_TCBObject, 0, ROOT, 0, 0, tcb, 1), seL4_NoError);
        test_eq(seL4_Untyped_Retype(ut, seL4_NotificationObject, 0, ROOT, 0, 0, ntfn, 1),
                seL4_NoError);
        test_eq(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, ROOT, 0, 0, ep, 1),
                seL4_NoError);
        seL4_Word bad = 0;
        if (pass == 0) {
            seL4_Signal(ntfn);
            test_eq(seL4_CNode_Copy(cnode, 3, 4, ROOT, ep, 64, seL4_AllRights), seL4_NoError);
            seL4_UserContext regs;
            memset(&regs, 0x5a, sizeof(regs));
            test_eq(seL4_TCB_WriteRegisters(tcb, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs),
                    seL4_NoError);
        } else {
            seL4_Word badge = 1;
            seL4_Poll(ntfn, &badge);
            test_eq(badge, 0);
#ifndef CONFIG_KERNEL_MCS
            seL4_NBRecv(ep, &badge);
            test_eq(badge, 0);
#endif
            /* every slot of the CNode is empty: a copy into each one succeeds */
            for (seL4_Word s = 0; s < 16; s++) {
                bad += seL4_CNode_Copy(cnode, s, 4, ROOT, ep, 64, seL4_AllRights) != seL4_NoError;
            }
            seL4_UserContext regs;
            memset(&regs, 0x77, sizeof(regs));
            test_eq(seL4_TCB_ReadRegisters(tcb, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs),
                    seL4_NoError);
            for (unsigned i = 0; i < sizeof(regs) / sizeof(seL4_Word); i++) {
                bad += ((seL4_Word *)&regs)[i] != 0;
            }
        }
        /* the rest as frames, mapped over [v, v + 2^DIRTY_BITS) */
        seL4_Word nframes = 0;
        for (seL4_Word i = 0; i < pages; i++) {
            seL4_CPtr f = alloc_slot();
            if (seL4_Untyped_Retype(ut, seL4_RISCV_4K_Page, 0, ROOT, 0, 0, f, 1) != seL4_NoError) {
                break;
            }
            test_check(map_frame_in(VS, f, v + i * 4096, seL4_ReadWrite));
            nframes++;
        }
        test_check(nframes >= pages - 2);
        volatile seL4_Word *w = (volatile seL4_Word *)v;
        for (seL4_Word i = 0; i < nframes * 4096 / sizeof(seL4_Word); i++) {
            if (pass == 0) {
                w[i] = ~i;
            } else {
                bad += w[i] != 0;
            }
        }
        test_eq(bad, 0);
        /* everything goes; the next retype resets the memory */
        test_eq(seL4_CNode_Revoke(ROOT, ut, 64), seL4_NoError);
    }
    return test_result();
}

/* --- ISOLATION0008: IRQ control cannot be copied, and handler caps stay one IRQ's ----- */

static int test_irq_caps(harness_env_t *env)
{
    (void)env;
    seL4_CPtr slot = alloc_slot();
    /* IRQControl: no copy, no mint; a move is allowed (it stays one cap) */
    test_eq(seL4_CNode_Copy(ROOT, slot, 64, ROOT, seL4_CapIRQControl, 64, seL4_AllRights),
            seL4_IllegalOperation);
    test_eq(seL4_CNode_Mint(ROOT, slot, 64, ROOT, seL4_CapIRQControl, 64, seL4_AllRights, 1),
            seL4_IllegalOperation);
    test_eq(seL4_DebugCapIdentify(slot), 0);
    test_eq(seL4_CNode_Mutate(ROOT, slot, 64, ROOT, seL4_CapIRQControl, 64, 5), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(seL4_CapIRQControl), 0);
    test_eq(seL4_DebugCapIdentify(slot), 14);
    test_eq(seL4_CNode_Move(ROOT, seL4_CapIRQControl, 64, ROOT, slot, 64), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(seL4_CapIRQControl), 14);
    /* nothing else issues handlers: other caps refuse the label */
    seL4_CPtr tcb = alloc_object(seL4_TCBObject, 0);
    seL4_CPtr h = alloc_slot();
    test_eq(seL4_IRQControl_Get(tcb, 1, ROOT, h, 64), seL4_IllegalOperation);
    test_eq(seL4_IRQControl_Get(seL4_CapDomain, 1, ROOT, h, 64), seL4_IllegalOperation);
    test_eq(seL4_IRQControl_Get(seL4_CapASIDControl, 1, ROOT, h, 64), seL4_IllegalOperation);
    test_eq(seL4_DebugCapIdentify(h), 0);
    /* an untyped cannot make one */
    seL4_CPtr ut = alloc_untyped(12);
    test_eq(seL4_Untyped_Retype(ut, seL4_ObjectTypeCount, 0, ROOT, 0, 0, h, 1),
            seL4_InvalidArgument);
    test_eq(seL4_GetMR(0), 0);
#if HARNESS_MAX_IRQ > 0
    const seL4_Word irq = 5;
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, irq, ROOT, h, 64), seL4_NoError);
    /* a handler cap cannot issue handlers */
    seL4_CPtr h2 = alloc_slot();
    test_eq(seL4_IRQControl_Get(h, irq + 1, ROOT, h2, 64), seL4_IllegalOperation);
    test_eq(seL4_DebugCapIdentify(h2), 0);
    /* a minted copy is a handler of the same IRQ, whatever the data */
    test_eq(seL4_CNode_Mint(ROOT, h2, 64, ROOT, h, 64, seL4_AllRights, irq + 1), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(h2), 16);
    test_eq(seL4_CNode_Delete(ROOT, h, 64), seL4_NoError);
    seL4_CPtr h3 = alloc_slot();
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, irq, ROOT, h3, 64), seL4_RevokeFirst);
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, irq + 1, ROOT, h3, 64), seL4_NoError);
    test_eq(seL4_IRQHandler_Ack(h2), seL4_NoError);
    /* revoking IRQControl takes every handler back; the IRQs are free again */
    test_eq(seL4_CNode_Revoke(ROOT, seL4_CapIRQControl, 64), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(h2), 0);
    test_eq(seL4_DebugCapIdentify(h3), 0);
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, irq, ROOT, h, 64), seL4_NoError);
    test_eq(seL4_CNode_Delete(ROOT, h, 64), seL4_NoError);
#endif
    return test_result();
}

/* --- ISOLATION0009: ASID control and pools ------------------------------------------- */

static int test_asid_caps(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ut = alloc_untyped(seL4_ASIDPoolBits);
    seL4_CPtr pool = alloc_slot(), copy = alloc_slot();
    seL4_CPtr pd = alloc_object(seL4_RISCV_PageTableObject, 0);
    /* each cap does its own job only */
    test_eq(seL4_RISCV_ASIDPool_Assign(seL4_CapASIDControl, pd), seL4_IllegalOperation);
    test_eq(seL4_RISCV_ASIDControl_MakePool(seL4_CapInitThreadASIDPool, ut, ROOT, pool, 64),
            seL4_IllegalOperation);
    test_eq(seL4_RISCV_ASIDControl_MakePool(seL4_CapInitThreadTCB, ut, ROOT, pool, 64),
            seL4_IllegalOperation);
    test_eq(seL4_DebugCapIdentify(pool), 0);
    /* ASID control can be copied (seL4 allows it); a minted copy is the same cap */
    test_eq(seL4_CNode_Mint(ROOT, copy, 64, ROOT, seL4_CapASIDControl, 64, seL4_NoRights, 0x99),
            seL4_NoError);
    test_eq(seL4_DebugCapIdentify(copy), 11);
    /* Mutate keeps it what it is, too */
    seL4_CPtr moved = alloc_slot();
    test_eq(seL4_CNode_Mutate(ROOT, moved, 64, ROOT, copy, 64, 0x77), seL4_NoError);
    test_eq(seL4_CNode_Move(ROOT, copy, 64, ROOT, moved, 64), seL4_NoError);
    test_eq(seL4_RISCV_ASIDControl_MakePool(copy, ut, ROOT, pool, 64), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(pool), 13);
    /* a pool cannot be made twice from one untyped, through any copy */
    test_eq(seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, ut, ROOT, alloc_slot(), 64),
            seL4_RevokeFirst);
    /* a copy of a pool assigns into the same pool: one VSpace, one ASID */
    seL4_CPtr pool_copy = alloc_slot();
    test_eq(seL4_CNode_Copy(ROOT, pool_copy, 64, ROOT, pool, 64, seL4_NoRights), seL4_NoError);
    test_eq(seL4_RISCV_ASIDPool_Assign(pool_copy, pd), seL4_NoError);
    test_eq(seL4_RISCV_ASIDPool_Assign(pool, pd), seL4_InvalidCapability);
    /* deleting the pool takes the ASID away from the VSpace */
    test_eq(seL4_CNode_Revoke(ROOT, ut, 64), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(pool), 0);
    test_eq(seL4_DebugCapIdentify(pool_copy), 0);
    seL4_CPtr frame = alloc_object(seL4_RISCV_4K_Page, 0);
    test_eq(seL4_RISCV_Page_Map(frame, pd, 0x10000000ul, seL4_ReadWrite,
                                seL4_RISCV_Default_VMAttributes), seL4_FailedLookup);
    test_eq(seL4_GetMR(1), seL4_InvalidRoot);
    return test_result();
}

/* --- ISOLATION0010: the domain cap ------------------------------------------------------ */

static int test_domain_cap(harness_env_t *env)
{
    (void)env;
    seL4_CPtr tcb = alloc_object(seL4_TCBObject, 0);
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    /* no other cap moves threads between domains */
    test_eq(seL4_DomainSet_Set(tcb, 0, tcb), seL4_IllegalOperation);
    test_eq(seL4_DomainSet_Set(seL4_CapIRQControl, 0, tcb), seL4_IllegalOperation);
    test_eq(seL4_DomainSet_Set(seL4_CapASIDControl, 0, tcb), seL4_IllegalOperation);
    seL4_MessageInfo_t info = seL4_Call(seL4_CapInitThreadCNode,
                                        seL4_MessageInfo_new(DomainSetSet, 0, 0, 0));
    test_eq(seL4_MessageInfo_get_label(info), seL4_IllegalOperation);
    /* a minted copy (data and rights ignored) has the same power, no more */
    seL4_CPtr copy = alloc_slot();
    test_eq(seL4_CNode_Mint(ROOT, copy, 64, ROOT, seL4_CapDomain, 64, seL4_NoRights, 0x42),
            seL4_NoError);
    test_eq(seL4_DebugCapIdentify(copy), 20);
    seL4_CPtr moved = alloc_slot();
    test_eq(seL4_CNode_Mutate(ROOT, moved, 64, ROOT, copy, 64, 0x43), seL4_NoError);
    test_eq(seL4_CNode_Move(ROOT, copy, 64, ROOT, moved, 64), seL4_NoError);
    test_eq(seL4_DomainSet_Set(copy, 0, tcb), seL4_NoError);
    test_eq(seL4_DomainSet_Set(copy, CONFIG_NUM_DOMAINS, tcb), seL4_InvalidArgument);
    test_eq(seL4_DomainSet_Set(copy, 0, ep), seL4_InvalidArgument);
    test_eq(seL4_GetMR(0), 1);
    /* the domain cap is no TCB, CNode or untyped */
    test_eq(seL4_TCB_Suspend(seL4_CapDomain), seL4_IllegalOperation);
    test_eq(seL4_CNode_Delete(seL4_CapDomain, 0, 64), seL4_IllegalOperation);
    return test_result();
}

DEFINE_TEST_NONMCS(ISOLATION0001, "A thread reaches only the objects its CSpace holds",
                   test_no_cap_no_access);
DEFINE_TEST_NONMCS(ISOLATION0002, "Endpoint rights: Write, Read, Grant, GrantReply, fault EPs",
                   test_endpoint_rights);
DEFINE_TEST_NONMCS(ISOLATION0003, "Notification rights: Write to signal, Read to wait or bind",
                   test_notification_rights);
DEFINE_TEST(ISOLATION0004, "Mint, Mutate and Rotate never change a badge", test_badges_fixed,
            true);
DEFINE_TEST_NONMCS(ISOLATION0005, "A frame cap's rights bound its mappings; seL4's fault messages",
                   test_frame_rights);
DEFINE_TEST_NONMCS(ISOLATION0006, "An address space sees only frames mapped in it",
                   test_vspace_isolation);
DEFINE_TEST(ISOLATION0007, "Objects retyped from used memory start zeroed", test_retype_zeroed,
            true);
DEFINE_TEST(ISOLATION0008, "IRQ control cannot be copied; handler caps stay one IRQ's",
            test_irq_caps, true);
DEFINE_TEST(ISOLATION0009, "ASID control and pools do only their own job", test_asid_caps, true);
DEFINE_TEST(ISOLATION0010, "Only the domain cap sets domains; its copies are no stronger",
            test_domain_cap, true);
