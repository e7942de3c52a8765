/*
 * Virtual memory (VSPACE, PAGEFAULT, FRAMEEXPORTS ground): mapping rules and errors,
 * ASID pools, a second address space sharing frames, and page faults.
 */
#include <harness.h>

#define VS seL4_CapInitThreadVSpace
#define ATTR seL4_RISCV_Default_VMAttributes

static int test_page_map_errors(harness_env_t *env)
{
    (void)env;
    seL4_CPtr frame = alloc_object(seL4_RISCV_4K_Page, 0);
    seL4_CPtr tmp;
    test_check(alloc_mapped_frame(&tmp) != NULL);
    seL4_Word v = alloc_vaddr(seL4_PageBits);

    test_eq(seL4_RISCV_Page_Map(frame, seL4_CapInitThreadCNode, v, seL4_ReadWrite, ATTR),
            seL4_InvalidCapability);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_RISCV_Page_Map(frame, VS, seL4_UserTop, seL4_ReadWrite, ATTR),
            seL4_InvalidArgument);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_RISCV_Page_Map(frame, VS, v + 8, seL4_ReadWrite, ATTR), seL4_AlignmentError);
    /* no page table for this gigabyte yet: the walk stops with 30 bits left */
    test_eq(seL4_RISCV_Page_Map(frame, VS, 0x3000000000ul, seL4_ReadWrite, ATTR),
            seL4_FailedLookup);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_GetMR(1), seL4_MissingCapability);
    test_eq(seL4_GetMR(2), 30);
    /* occupied: the temporary frame's page */
    test_eq(seL4_RISCV_Page_Map(frame, VS, v - 4096, seL4_ReadWrite, ATTR), seL4_DeleteFirst);
    test_eq(seL4_RISCV_Page_Map(frame, VS, v, seL4_ReadWrite, ATTR), seL4_NoError);
    /* mapped elsewhere in the same VSpace: not allowed; remap in place changes rights */
    seL4_Word v2 = alloc_vaddr(seL4_PageBits);
    test_eq(seL4_RISCV_Page_Map(frame, VS, v2, seL4_ReadWrite, ATTR), seL4_InvalidArgument);
    test_eq(seL4_RISCV_Page_Map(frame, VS, v, seL4_CanRead, ATTR), seL4_NoError);
    *(volatile seL4_Word *)v;
    seL4_RISCV_Page_GetAddress_t pa = seL4_RISCV_Page_GetAddress(frame);
    test_eq(pa.error, seL4_NoError);
    test_check(pa.paddr != 0 && (pa.paddr & 0xfff) == 0);
    test_eq(seL4_RISCV_Page_Unmap(frame), seL4_NoError);
    test_eq(seL4_RISCV_Page_Unmap(frame), seL4_NoError);
    /* the cap in the CNode says unmapped again: mapping at v2 works now */
    test_eq(seL4_RISCV_Page_Map(frame, VS, v2, seL4_ReadWrite, ATTR), seL4_NoError);
    /* a large page needs a 2 MiB aligned address and a free level-1 slot */
    seL4_CPtr mega = alloc_object(seL4_RISCV_Mega_Page, 0);
    test_eq(seL4_RISCV_Page_Map(mega, VS, 0x60000000ul + 4096, seL4_ReadWrite, ATTR),
            seL4_AlignmentError);
    return test_result();
}
DEFINE_TEST(VSPACE0001, "Page_Map rules and errors", test_page_map_errors, true);

static int test_page_table_errors(harness_env_t *env)
{
    (void)env;
    seL4_CPtr pt = alloc_object(seL4_RISCV_PageTableObject, 0);
    seL4_Word v = 0x2000000000ul;
    test_eq(seL4_RISCV_PageTable_Map(pt, VS, seL4_UserTop, ATTR), seL4_InvalidArgument);
    test_eq(seL4_RISCV_PageTable_Map(pt, seL4_CapInitThreadTCB, v, ATTR), seL4_InvalidCapability);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_RISCV_PageTable_Map(pt, VS, v, ATTR), seL4_NoError);
    test_eq(seL4_RISCV_PageTable_Map(pt, VS, v, ATTR), seL4_InvalidCapability);
    test_eq(seL4_GetMR(0), 0);
    /* a second table at v goes one level down; a third finds every level there */
    seL4_CPtr pt2 = alloc_object(seL4_RISCV_PageTableObject, 0);
    seL4_CPtr pt3 = alloc_object(seL4_RISCV_PageTableObject, 0);
    test_eq(seL4_RISCV_PageTable_Map(pt2, VS, v, ATTR), seL4_NoError);
    test_eq(seL4_RISCV_PageTable_Map(pt3, VS, v, ATTR), seL4_DeleteFirst);
    /* nor does a table go where a large page is mapped */
    seL4_CPtr mega = alloc_object(seL4_RISCV_Mega_Page, 0);
    seL4_Word vm = v + (1ul << seL4_LargePageBits);
    test_eq(seL4_RISCV_Page_Map(mega, VS, vm, seL4_ReadWrite, ATTR), seL4_NoError);
    test_eq(seL4_RISCV_PageTable_Map(pt3, VS, vm, ATTR), seL4_DeleteFirst);
    test_eq(seL4_RISCV_Page_Unmap(mega), seL4_NoError);
    test_eq(seL4_RISCV_PageTable_Map(pt3, VS, vm, ATTR), seL4_NoError);
    test_eq(seL4_RISCV_PageTable_Unmap(pt3), seL4_NoError);
    test_eq(seL4_RISCV_PageTable_Unmap(pt2), seL4_NoError);
    /* copies of a page table must go before it can be unmapped */
    seL4_CPtr copy = alloc_slot();
    test_eq(seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, 64, seL4_CapInitThreadCNode, pt, 64,
                            seL4_AllRights), seL4_NoError);
    test_eq(seL4_RISCV_PageTable_Unmap(pt), seL4_RevokeFirst);
    test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, copy, 64), seL4_NoError);
    test_eq(seL4_RISCV_PageTable_Unmap(pt), seL4_NoError);
    /* an unmapped page table cannot be copied */
    test_eq(seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, 64, seL4_CapInitThreadCNode, pt, 64,
                            seL4_AllRights), seL4_IllegalOperation);
    /* the root of a live VSpace is not unmapped */
    test_eq(seL4_RISCV_PageTable_Unmap(VS), seL4_RevokeFirst);
    return test_result();
}
DEFINE_TEST(VSPACE0002, "PageTable_Map and Unmap rules and errors", test_page_table_errors, true);

static int test_asid_pools(harness_env_t *env)
{
    (void)env;
    seL4_CPtr pd = alloc_object(seL4_RISCV_PageTableObject, 0);
    test_eq(seL4_RISCV_ASIDPool_Assign(seL4_CapInitThreadASIDPool, seL4_CapInitThreadTCB),
            seL4_InvalidCapability);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_RISCV_ASIDPool_Assign(seL4_CapInitThreadASIDPool, VS), seL4_InvalidCapability);
    test_eq(seL4_RISCV_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pd), seL4_NoError);
    test_eq(seL4_RISCV_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pd), seL4_InvalidCapability);
    /* a new pool from a 4 KiB untyped */
    seL4_CPtr ut = alloc_untyped(seL4_ASIDPoolBits);
    seL4_CPtr big = alloc_untyped(seL4_ASIDPoolBits + 1);
    seL4_CPtr pool = alloc_slot();
    test_eq(seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, big, seL4_CapInitThreadCNode,
                                            pool, 64), seL4_InvalidCapability);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, ut, seL4_CapInitThreadCNode,
                                            seL4_CapInitThreadTCB, 64), seL4_DeleteFirst);
    test_eq(seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, ut, seL4_CapInitThreadCNode,
                                            pool, 64), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(pool), 13);
    /* the untyped now has a child */
    test_eq(seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, ut, seL4_CapInitThreadCNode,
                                            alloc_slot(), 64), seL4_RevokeFirst);
    seL4_CPtr pd2 = alloc_object(seL4_RISCV_PageTableObject, 0);
    test_eq(seL4_RISCV_ASIDPool_Assign(pool, pd2), seL4_NoError);
    /* deleting the pool invalidates its ASIDs: mapping into pd2 now fails */
    test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, pool, 64), seL4_NoError);
    seL4_CPtr frame = alloc_object(seL4_RISCV_4K_Page, 0);
    test_eq(seL4_RISCV_Page_Map(frame, pd2, 0x10000000ul, seL4_ReadWrite, ATTR),
            seL4_FailedLookup);
    test_eq(seL4_GetMR(1), seL4_InvalidRoot);
    return test_result();
}
DEFINE_TEST(VSPACE0003, "ASID pools: MakePool and Assign", test_asid_pools, true);

static volatile seL4_Word *shared_word;
static volatile seL4_Word child_saw;

static void child_reader(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    child_saw = *shared_word;
    *shared_word = 0xc0ffee;
}

/* A thread in another address space sees the same frame: writes cross both ways. */
static int test_frame_shared(harness_env_t *env)
{
    (void)env;
    seL4_CPtr vs = vspace_new();
    test_check(vs != 0);
    test_check(vspace_share_image(vs));
    seL4_CPtr frame;
    shared_word = alloc_mapped_frame(&frame);
    test_check(shared_word && vspace_share(vs, frame, (seL4_Word)shared_word));
    *shared_word = 0x5eed;
    child_saw = 0;
    helper_thread_t t;
    test_check(helper_start_in(&t, vs, seL4_MaxPrio, 0, child_reader, 0, 0));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    for (int i = 0; i < 10 && *shared_word != 0xc0ffee; i++) {
        seL4_Yield();
    }
    test_eq(child_saw, 0x5eed);
    test_eq(*shared_word, 0xc0ffee);
    return test_result();
}
DEFINE_TEST(FRAMEEXPORTS0001, "A frame shared between two address spaces", test_frame_shared,
            true);

#ifndef CONFIG_KERNEL_MCS
static void fault_at(seL4_Word addr, seL4_Word kind)
{
    switch (kind) {
    case 0:
        (void)*(volatile seL4_Word *)addr;
        break;
    case 1:
        *(volatile seL4_Word *)addr = 1;
        break;
    default:
        ((void (*)(void))addr)();
        break;
    }
}

/* After Page_Unmap the page is really gone: an access faults at once. */
static int test_no_stale_translation(harness_env_t *env)
{
    (void)env;
    seL4_CPtr frame;
    volatile seL4_Word *p = alloc_mapped_frame(&frame);
    test_check(p != NULL);
    *p = 42;                        /* the translation is in the TLB now */
    test_eq(seL4_RISCV_Page_Unmap(frame), seL4_NoError);
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    helper_thread_t t;
    test_check(helper_start(&t, seL4_MaxPrio, ep, fault_at, (seL4_Word)p, 0));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    test_eq(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    test_eq(seL4_GetMR(seL4_VMFault_Addr), (seL4_Word)p);
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    /* mapped again, the old contents are there */
    test_check(map_frame_in(VS, frame, (seL4_Word)p, seL4_ReadWrite));
    test_eq(*p, 42);
    return test_result();
}

/* Read, write and execute faults with seL4's FSR values; resume once mapped. */
static int test_page_faults(harness_env_t *env)
{
    (void)env;
    static const seL4_Word fsr[] = { 5, 7, 1 };
    for (seL4_Word kind = 0; kind < 3; kind++) {
        seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
        seL4_Word addr = alloc_vaddr(seL4_PageBits);
        helper_thread_t t;
        test_check(helper_start(&t, seL4_MaxPrio, ep, fault_at, addr, kind));
        test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
        seL4_Word badge;
        seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
        test_eq(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
        test_eq(seL4_GetMR(seL4_VMFault_Addr), addr);
        test_eq(seL4_GetMR(seL4_VMFault_FSR), fsr[kind]);
        test_eq(seL4_GetMR(seL4_VMFault_PrefetchFault), kind == 2);
        if (kind == 2) {
            test_eq(seL4_GetMR(seL4_VMFault_IP), addr);
            test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
            continue;
        }
        /* map the page and reply: the access is retried and succeeds */
        seL4_CPtr frame = alloc_object(seL4_RISCV_4K_Page, 0);
        test_check(map_frame_in(VS, frame, addr, seL4_ReadWrite));
        seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
        for (int i = 0; i < 3; i++) {
            seL4_Yield();
        }
        if (kind == 1) {
            test_eq(*(volatile seL4_Word *)addr, 1);
        }
        test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    }
    /* writing to a read-only page is a store fault */
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr ro = alloc_object(seL4_RISCV_4K_Page, 0);
    seL4_Word addr = alloc_vaddr(seL4_PageBits);
    test_check(map_frame_in(VS, ro, addr, seL4_CanRead));
    helper_thread_t t;
    test_check(helper_start(&t, 100, ep, fault_at, addr, 1));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    test_eq(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    test_eq(seL4_GetMR(seL4_VMFault_FSR), 7);
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    return test_result();
}
#endif
DEFINE_TEST_NONMCS(PAGEFAULT0001, "Read, write and execute faults, and resuming after them",
                   test_page_faults);
DEFINE_TEST_NONMCS(VSPACE0004, "Unmapping leaves no stale translation", test_no_stale_translation);

extern const char child_elf_start[];

/* Build an address space from untyped, load an ELF into it and run a thread there. */
static int test_elf_process(harness_env_t *env)
{
    (void)env;
    seL4_CPtr vs = vspace_new();
    test_check(vs != 0);
    seL4_Word entry = 0;
    test_check(elf_load_into(vs, child_elf_start, &entry));
    test_check(entry >= 0x20000000ul && entry < 0x20001000ul);
    /* a stack in the new space, at an address we do not use */
    seL4_CPtr stack = alloc_object(seL4_RISCV_4K_Page, 0);
    test_check(map_frame_in(vs, stack, 0x30000000ul, seL4_ReadWrite));
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr tcb = alloc_object(seL4_TCBObject, 0);
#ifdef CONFIG_KERNEL_MCS
    test_eq(seL4_TCB_Configure(tcb, seL4_CapInitThreadCNode, 0, vs, 0, 0, 0), seL4_NoError);
#else
    test_eq(seL4_TCB_Configure(tcb, 0, seL4_CapInitThreadCNode, 0, vs, 0, 0, 0), seL4_NoError);
#endif
    test_eq(seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, seL4_MaxPrio), seL4_NoError);
    seL4_UserContext regs = { 0 };
    regs.pc = entry;
    regs.sp = 0x30001000ul;
    regs.a0 = ep;
    test_eq(seL4_TCB_WriteRegisters(tcb, 1, 0, 32, &regs), seL4_NoError);
#ifndef CONFIG_KERNEL_MCS
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    test_eq(seL4_MessageInfo_get_length(info), 1);
    test_eq(seL4_GetMR(0), 0x600d);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 0));
#endif
    test_eq(seL4_TCB_Suspend(tcb), seL4_NoError);
    return test_result();
}
DEFINE_TEST(ELF0001, "Load an ELF into a new address space and run it", test_elf_process, true);

#ifndef CONFIG_KERNEL_MCS
static seL4_CPtr dipc_ep, dipc_vs, dipc_slot;

/* In another address space: receive a frame cap, map it, read it, reply what it says. */
static void frame_receiver(seL4_Word vaddr, seL4_Word unused)
{
    (void)unused;
    seL4_SetCapReceivePath(seL4_CapInitThreadCNode, dipc_slot, 64);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(dipc_ep, &badge);
    seL4_Word value = 0;
    if (seL4_MessageInfo_get_extraCaps(info) == 1 &&
        seL4_RISCV_Page_Map(dipc_slot, dipc_vs, vaddr, seL4_CanRead,
                            seL4_RISCV_Default_VMAttributes) == seL4_NoError) {
        value = *(volatile seL4_Word *)vaddr;
    }
    seL4_SetMR(0, value);
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 1));
}

/* A frame cap sent over IPC and mapped by the receiver shows the sender's data. */
static int test_frame_over_ipc(harness_env_t *env)
{
    (void)env;
    dipc_ep = alloc_object(seL4_EndpointObject, 0);
    dipc_vs = vspace_new();
    dipc_slot = alloc_slot();
    test_check(dipc_vs && vspace_share_image(dipc_vs));
    /* page tables there for the receiver's mapping (a neighbouring page makes them) */
    test_check(map_frame_in(dipc_vs, alloc_object(seL4_RISCV_4K_Page, 0), 0x50001000ul,
                            seL4_ReadWrite));
    seL4_CPtr frame;
    volatile seL4_Word *p = alloc_mapped_frame(&frame);
    test_check(p != NULL);
    *p = 0xfeedface;
    /* an unmapped copy travels: the original stays mapped here */
    seL4_CPtr copy = alloc_slot();
    test_eq(seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, 64, seL4_CapInitThreadCNode, frame, 64,
                            seL4_AllRights), seL4_NoError);
    helper_thread_t t;
    test_check(helper_start_in(&t, dipc_vs, seL4_MaxPrio, 0, frame_receiver, 0x50000000ul, 0));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    seL4_Yield();
    seL4_SetCap(0, copy);
    seL4_MessageInfo_t r = seL4_Call(dipc_ep, seL4_MessageInfo_new(0, 0, 1, 0));
    test_eq(seL4_MessageInfo_get_length(r), 1);
    test_eq(seL4_GetMR(0), 0xfeedface);
    return test_result();
}
#endif
DEFINE_TEST_NONMCS(FRAMEDIPC0001, "A frame sent over IPC is mapped by the receiver",
                   test_frame_over_ipc);

/*
 * A thread whose VTable cap is mapped but whose ASID does not name that table (its ASID
 * pool was deleted, or the table is not a VSpace root) runs in no address space: it
 * faults at its first instruction. The fastpath (Call to it) must give the same result
 * as the slowpath, since it skips the ASID table while no such cap can exist.
 */
static volatile seL4_Word stale_reply_label;

static void stale_server(seL4_Word ep, seL4_Word reply)
{
    seL4_Word badge;
#ifdef CONFIG_KERNEL_MCS
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge, reply);
    for (;;) {
        info = seL4_ReplyRecv(ep, seL4_MessageInfo_new(seL4_MessageInfo_get_label(info) + 1, 0, 0,
                                                       0), &badge, reply);
    }
#else
    (void)reply;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    for (;;) {
        info = seL4_ReplyRecv(ep, seL4_MessageInfo_new(seL4_MessageInfo_get_label(info) + 1, 0, 0,
                                                       0), &badge);
    }
#endif
}

static void stale_client(seL4_Word ep, seL4_Word done)
{
    for (seL4_Word label = 10;; label += 10) {
        seL4_MessageInfo_t info = seL4_Call(ep, seL4_MessageInfo_new(label, 0, 0, 0));
        stale_reply_label = seL4_MessageInfo_get_label(info);
        seL4_Signal(done);
    }
}

static int stale_vtable_case(bool deletePool)
{
    seL4_CPtr fep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr done = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr pool = alloc_slot();
    seL4_CPtr vs;
    if (deletePool) {
        test_eq(seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl,
                                                alloc_untyped(seL4_ASIDPoolBits),
                                                seL4_CapInitThreadCNode, pool, 64), seL4_NoError);
        vs = alloc_object(seL4_RISCV_PageTableObject, 0);
        test_eq(seL4_RISCV_ASIDPool_Assign(pool, vs), seL4_NoError);
    } else {
        vs = vspace_new();
    }
    test_check(vs && vspace_share_image(vs));
#ifdef CONFIG_KERNEL_MCS
    seL4_CPtr reply = alloc_object(seL4_ReplyObject, 0);
    seL4_CPtr myReply = alloc_object(seL4_ReplyObject, 0);
#else
    seL4_CPtr reply = 0;
#endif
    helper_thread_t server, client;
    test_check(helper_start_in(&server, vs, seL4_MaxPrio - 1, fep, stale_server, ep, reply));
    test_check(helper_start(&client, seL4_MaxPrio - 2, 0, stale_client, ep, done));
    test_eq(seL4_TCB_Resume(server.tcb), seL4_NoError);
    test_eq(seL4_TCB_Resume(client.tcb), seL4_NoError);
    /* the server waits in Recv; the client's first Call is answered */
    seL4_Wait(done, NULL);
    test_eq(stale_reply_label, 11);

    /* the server, still waiting, loses its address space's name */
    if (deletePool) {
        test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, pool, 64), seL4_NoError);
    } else {
        seL4_CPtr pt = alloc_object(seL4_RISCV_PageTableObject, 0);
        test_eq(seL4_RISCV_PageTable_Map(pt, vs, 0x3000000000ul, ATTR), seL4_NoError);
        test_eq(seL4_TCB_SetSpace(server.tcb, fep, seL4_CapInitThreadCNode, 0, pt, 0),
                seL4_NoError);
    }
    /* the client's next Call reaches it; it faults where it would have returned */
    seL4_Word badge;
#ifdef CONFIG_KERNEL_MCS
    seL4_MessageInfo_t info = seL4_Recv(fep, &badge, myReply);
#else
    seL4_MessageInfo_t info = seL4_Recv(fep, &badge);
#endif
    test_eq(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    test_eq(seL4_GetMR(seL4_VMFault_PrefetchFault), 1);
    test_eq(seL4_GetMR(seL4_VMFault_Addr), seL4_GetMR(seL4_VMFault_IP));
    test_eq(stale_reply_label, 11);
    test_eq(seL4_TCB_Suspend(client.tcb), seL4_NoError);
    test_eq(seL4_TCB_Suspend(server.tcb), seL4_NoError);
    return test_result();
}

static int test_stale_vtable(harness_env_t *env)
{
    (void)env;
    /* a mapped page table that is not a root first: sorted first of all the tests, this
     * runs before anything else can have made a VTable stale */
    test_eq(stale_vtable_case(false), TEST_PASS);
    test_eq(stale_vtable_case(true), TEST_PASS);
    return test_result();
}
DEFINE_TEST(ASID0001, "A VTable whose ASID does not name it: no address space, fastpath or not",
            test_stale_vtable, true);
