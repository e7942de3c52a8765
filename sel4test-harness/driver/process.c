/*
 * Test processes. For each test the driver builds, from untyped memory it then
 * revokes, a world shaped like a root task's: a CSpace with the initial caps in their
 * usual slots, an address space holding the tests ELF with an IPC buffer and a
 * bootinfo frame after it, and untyped memory listed in that bootinfo.
 */
#include <harness.h>
#include <elf64.h>
#include "driver.h"

#define PAGE            4096ul
#define CNODE_BITS      13
#define SCRATCH_VADDR   0x3000000000ul      /* where the driver fills pages */

extern const char tests_elf_start[];

/* Memory behind every test process: revoked (and so reset) after each test. */
static seL4_CPtr big_ut, small_ut;
static seL4_Word big_paddr;
static seL4_CPtr done_ntfn;
#ifndef CONFIG_KERNEL_MCS
static seL4_CPtr fault_ep;
#define FAULT_BADGE 0x100
#endif

/* A device untyped the tests may use, with its place in the driver's bootinfo. */
static seL4_CPtr device_ut;
static seL4_UntypedDesc device_desc;

static seL4_SlotPos process_mark;

bool process_init(seL4_BootInfo *bi)
{
    /* the pool is reset on its first use, so these two start at its base, in order */
    big_ut = alloc_untyped(26);
    small_ut = alloc_untyped(22);
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        if (bi->untyped.start + i == alloc_pool()) {
            big_paddr = bi->untypedList[i].paddr;
        }
    }
    done_ntfn = alloc_object(seL4_NotificationObject, 0);
    if (!big_ut || !small_ut || !done_ntfn) {
        return false;
    }
#ifndef CONFIG_KERNEL_MCS
    fault_ep = alloc_object(seL4_EndpointObject, 0);
    if (!fault_ep || seL4_TCB_BindNotification(seL4_CapInitThreadTCB, done_ntfn)) {
        return false;
    }
#endif
    /* a device untyped: the one holding QEMU virt's RTC, or the first page-sized one */
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        seL4_UntypedDesc *u = &bi->untypedList[i];
        bool rtc = u->paddr <= 0x101000 && 0x101000 < u->paddr + (1ul << u->sizeBits);
        if (u->isDevice && u->sizeBits >= seL4_PageBits && (rtc || !device_ut)) {
            device_ut = bi->untyped.start + i;
            device_desc = *u;
        }
    }
    /* the scratch window's page tables, made before any slot is reused */
    seL4_CPtr probe = alloc_object(seL4_RISCV_4K_Page, 0);
    if (!probe || !map_frame_in(seL4_CapInitThreadVSpace, probe, SCRATCH_VADDR, seL4_ReadWrite) ||
        seL4_RISCV_Page_Unmap(probe) != seL4_NoError) {
        return false;
    }
    process_mark = alloc_slot_mark();
    return true;
}

/* --- building one process ----------------------------------------------------------- */

typedef struct builder {
    seL4_CPtr cnode;        /* its CSpace root, in our CSpace */
    seL4_CPtr vspace;       /* its VSpace root, in our CSpace */
    seL4_CPtr tcb;
    seL4_SlotPos next;      /* next free slot in its CNode */
    bool ok;
} builder_t;

static seL4_CPtr make(builder_t *b, seL4_Word type, seL4_Word bits)
{
    seL4_CPtr slot = alloc_slot();
    if (!slot || seL4_Untyped_Retype(small_ut, type, bits, seL4_CapInitThreadCNode, 0, 0, slot,
                                     1) != seL4_NoError) {
        b->ok = false;
        return 0;
    }
    return slot;
}

/* Put a copy of one of our caps in its CNode at slot. */
static void give(builder_t *b, seL4_CPtr slot, seL4_CPtr ours)
{
    if (seL4_CNode_Copy(b->cnode, slot, CNODE_BITS, seL4_CapInitThreadCNode, ours, 64,
                        seL4_AllRights) != seL4_NoError) {
        printf("driver: cannot give cap %lu to slot %lu\n", ours, slot);
        b->ok = false;
    }
}

/* Map frame into its VSpace at vaddr, making page tables as needed. */
static void map_there(builder_t *b, seL4_CPtr frame, seL4_Word vaddr)
{
    for (int tries = 0; tries < 3; tries++) {
        seL4_Error err = seL4_RISCV_Page_Map(frame, b->vspace, vaddr, seL4_ReadWrite,
                                             seL4_RISCV_Default_VMAttributes);
        if (err == seL4_NoError) {
            return;
        }
        seL4_CPtr pt = make(b, seL4_RISCV_PageTableObject, 0);
        if (err != seL4_FailedLookup || !pt ||
            seL4_RISCV_PageTable_Map(pt, b->vspace, vaddr, seL4_RISCV_Default_VMAttributes)) {
            break;
        }
    }
    printf("driver: cannot map a page at %lx\n", vaddr);
    b->ok = false;
}

/*
 * A zeroed frame holding n bytes of src, mapped there at vaddr; with `listed` a copy
 * also goes to the next slot of its CNode (its userImageFrames).
 */
static seL4_CPtr page_there(builder_t *b, seL4_Word vaddr, const void *src, seL4_Word n,
                            bool listed)
{
    seL4_CPtr frame = make(b, seL4_RISCV_4K_Page, 0);
    if (!b->ok) {
        return 0;
    }
    if (src && n) {
        if (!map_frame_in(seL4_CapInitThreadVSpace, frame, SCRATCH_VADDR, seL4_ReadWrite)) {
            b->ok = false;
            return 0;
        }
        memcpy((char *)SCRATCH_VADDR, src, n);
        seL4_RISCV_Page_Unmap(frame);
    }
    map_there(b, frame, vaddr);
    if (listed) {
        give(b, b->next++, frame);
    }
    return frame;
}

/* Load the tests ELF there page by page; returns the end of the image. */
static seL4_Word load_image(builder_t *b, seL4_SlotRegion *frames, seL4_Word *entry)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)tests_elf_start;
    seL4_Word lo = ~0ul, hi = 0;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *ph = elf64_phdr(eh, i);
        if (ph->p_type == PT_LOAD && ph->p_memsz) {
            lo = ph->p_vaddr < lo ? ph->p_vaddr : lo;
            hi = ph->p_vaddr + ph->p_memsz > hi ? ph->p_vaddr + ph->p_memsz : hi;
        }
    }
    lo &= ~(PAGE - 1);
    hi = (hi + PAGE - 1) & ~(PAGE - 1);
    frames->start = b->next;
    /* one frame per page of the whole range, filled from every segment touching it */
    static char page[PAGE];
    for (seL4_Word v = lo; v < hi && b->ok; v += PAGE) {
        memset(page, 0, PAGE);
        for (unsigned i = 0; i < eh->e_phnum; i++) {
            const Elf64_Phdr *ph = elf64_phdr(eh, i);
            if (ph->p_type != PT_LOAD) {
                continue;
            }
            for (seL4_Word a = v; a < v + PAGE; a++) {
                if (a >= ph->p_vaddr && a < ph->p_vaddr + ph->p_filesz) {
                    page[a - v] = tests_elf_start[ph->p_offset + (a - ph->p_vaddr)];
                }
            }
        }
        page_there(b, v, page, PAGE, true);
    }
    frames->end = b->next;
    *entry = eh->e_entry;
    return hi;
}

/* Start test `index` of the tests ELF in a new process and wait for its verdict. */
bool process_run_test(seL4_Word index)
{
    builder_t b = { .ok = true, .next = seL4_NumInitialCaps };
    seL4_BootInfo *mine = seL4_GetBootInfo();

    b.cnode = make(&b, seL4_CapTableObject, CNODE_BITS);
    b.vspace = make(&b, seL4_RISCV_PageTableObject, 0);
    b.tcb = make(&b, seL4_TCBObject, 0);
    if (!b.ok || seL4_RISCV_ASIDPool_Assign(seL4_CapInitThreadASIDPool, b.vspace)) {
        printf("driver: cannot create a process\n");
        return false;
    }

    /* its address space: image, IPC buffer page, bootinfo page */
    seL4_SlotRegion image_frames;
    seL4_Word entry;
    seL4_Word image_end = load_image(&b, &image_frames, &entry);
    seL4_Word ipc_vaddr = image_end, bi_vaddr = image_end + PAGE;
    seL4_CPtr ipc_frame = page_there(&b, ipc_vaddr, NULL, 0, false);

    /* its initial caps */
    seL4_CPtr cspace = alloc_slot();
    if (seL4_CNode_Mint(seL4_CapInitThreadCNode, cspace, 64, seL4_CapInitThreadCNode, b.cnode, 64,
                        seL4_AllRights,
                        seL4_CNode_CapData_new(0, 64 - CNODE_BITS).words[0]) != seL4_NoError) {
        b.ok = false;
    }
    give(&b, seL4_CapInitThreadTCB, b.tcb);
    give(&b, seL4_CapInitThreadCNode, cspace);
    give(&b, seL4_CapInitThreadVSpace, b.vspace);
    give(&b, seL4_CapASIDControl, seL4_CapASIDControl);
    give(&b, seL4_CapInitThreadASIDPool, seL4_CapInitThreadASIDPool);
    give(&b, seL4_CapInitThreadIPCBuffer, ipc_frame);
    give(&b, seL4_CapDomain, seL4_CapDomain);
#ifdef CONFIG_KERNEL_MCS
    /* its scheduling context (a round-robin 5 ms, like the root thread's) */
    seL4_CPtr sc = make(&b, seL4_SchedContextObject, seL4_MinSchedContextBits);
    if (!b.ok || seL4_SchedControl_ConfigureFlags(mine->schedcontrol.start, sc, 5000, 5000, 0, 0,
                                                  0) != seL4_NoError) {
        b.ok = false;
    }
    give(&b, seL4_CapInitThreadSC, sc);
#endif
    /* IRQControl cannot be copied: it moves there for the test and back afterwards */
    if (seL4_CNode_Move(b.cnode, seL4_CapIRQControl, CNODE_BITS, seL4_CapInitThreadCNode,
                        seL4_CapIRQControl, 64) != seL4_NoError) {
        b.ok = false;
    }

    /* its memory: a 32 MiB pool and two 16 MiB untypeds, plus a device untyped */
    static seL4_BootInfo bi;
    memset(&bi, 0, sizeof(bi));
    bi.untyped.start = b.next;
    static const seL4_Word sizes[] = { 25, 24, 24 };
    seL4_Word paddr = big_paddr;
    for (unsigned i = 0; i < 3; i++) {
        seL4_CPtr ut = alloc_slot();
        if (seL4_Untyped_Retype(big_ut, seL4_UntypedObject, sizes[i], seL4_CapInitThreadCNode, 0,
                                0, ut, 1) != seL4_NoError ||
            seL4_CNode_Move(b.cnode, b.next, CNODE_BITS, seL4_CapInitThreadCNode, ut, 64)) {
            b.ok = false;
        }
        bi.untypedList[b.next - bi.untyped.start] = (seL4_UntypedDesc){
            .paddr = paddr, .sizeBits = (seL4_Uint8)sizes[i], .isDevice = 0 };
        paddr += 1ul << sizes[i];
        b.next++;
    }
    if (device_ut) {
        bi.untypedList[b.next - bi.untyped.start] = device_desc;
        give(&b, b.next++, device_ut);
    }
    bi.untyped.end = b.next;
#ifdef CONFIG_KERNEL_MCS
    /* the SchedControl cap, so tests can give their threads budgets */
    bi.schedcontrol = (seL4_SlotRegion){ b.next, b.next + 1 };
    give(&b, b.next++, mine->schedcontrol.start);
#endif

    /* two notification caps to report with: pass, then fail */
    seL4_CPtr done = b.next;
    for (seL4_Word badge = 1; badge <= 2; badge++) {
        if (seL4_CNode_Mint(b.cnode, b.next++, CNODE_BITS, seL4_CapInitThreadCNode, done_ntfn, 64,
                            seL4_AllRights, badge) != seL4_NoError) {
            b.ok = false;
        }
    }
#ifndef CONFIG_KERNEL_MCS
    seL4_CPtr its_fault_ep = b.next;
    if (seL4_CNode_Mint(b.cnode, b.next++, CNODE_BITS, seL4_CapInitThreadCNode, fault_ep, 64,
                        seL4_AllRights, FAULT_BADGE) != seL4_NoError) {
        b.ok = false;
    }
#endif

    /* its bootinfo, shaped like the kernel's */
    bi.nodeID = 0;
    bi.numNodes = mine->numNodes;
    bi.ipcBuffer = (seL4_IPCBuffer *)ipc_vaddr;
    bi.initThreadCNodeSizeBits = CNODE_BITS;
    bi.initThreadDomain = 0;
    bi.userImageFrames = image_frames;
    bi.userImagePaging = (seL4_SlotRegion){ image_frames.start, image_frames.start };
    bi.empty = (seL4_SlotRegion){ b.next, 1ul << CNODE_BITS };
    seL4_CPtr bi_frame = page_there(&b, bi_vaddr, &bi, sizeof(bi), false);
    give(&b, seL4_CapBootInfoFrame, bi_frame);

    /* its thread */
#ifdef CONFIG_KERNEL_MCS
    if (seL4_TCB_Configure(b.tcb, cspace, 0, b.vspace, 0, ipc_vaddr, ipc_frame)) {
#else
    if (seL4_TCB_Configure(b.tcb, its_fault_ep, cspace, 0, b.vspace, 0, ipc_vaddr, ipc_frame)) {
#endif
        b.ok = false;
    }
#ifdef CONFIG_KERNEL_MCS
    if (seL4_TCB_SetSchedParams(b.tcb, seL4_CapInitThreadTCB, seL4_MaxPrio, seL4_MaxPrio, sc,
                                seL4_CapNull)) {
        b.ok = false;
    }
#else
    if (seL4_TCB_SetMCPriority(b.tcb, seL4_CapInitThreadTCB, seL4_MaxPrio) ||
        seL4_TCB_SetPriority(b.tcb, seL4_CapInitThreadTCB, seL4_MaxPrio)) {
        b.ok = false;
    }
#endif
    bool passed = false;
    if (b.ok) {
        seL4_UserContext regs = { 0 };
        regs.pc = entry;
        regs.a0 = bi_vaddr;
        regs.a1 = index;
        regs.a2 = done;
        seL4_TCB_WriteRegisters(b.tcb, 1, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
        seL4_Word badge;
#ifdef CONFIG_KERNEL_MCS
        seL4_Wait(done_ntfn, &badge);
#else
        seL4_MessageInfo_t info = seL4_Recv(fault_ep, &badge);
        if (badge == FAULT_BADGE) {
            printf("    the test process faulted: fault type %lu at pc %lx\n",
                   seL4_MessageInfo_get_label(info), seL4_GetMR(0));
        }
#endif
        passed = badge == 1;
    } else {
        printf("    driver: could not build the test process\n");
    }

    /* tear it all down: IRQControl comes home first, then everything else goes */
    seL4_TCB_Suspend(b.tcb);
    seL4_CNode_Move(seL4_CapInitThreadCNode, seL4_CapIRQControl, 64, b.cnode, seL4_CapIRQControl,
                    CNODE_BITS);
    seL4_CNode_Delete(seL4_CapInitThreadCNode, cspace, 64);
    if (seL4_CNode_Revoke(seL4_CapInitThreadCNode, big_ut, 64) ||
        seL4_CNode_Revoke(seL4_CapInitThreadCNode, small_ut, 64) ||
        (device_ut && seL4_CNode_Revoke(seL4_CapInitThreadCNode, device_ut, 64))) {
        printf("    driver: cleaning up after the test failed\n");
        passed = false;
    }
    alloc_slot_reset(process_mark);
    return passed;
}
