/*
 * Generic boot: free-memory accounting, the root server's objects, its CSpace,
 * bootinfo and untyped caps, the idle and initial threads. Everything here runs once
 * and lives in .boot.* sections, which become untyped memory afterwards.
 */
#include <kernel/boot.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <object/mdb.h>
#include <object/objecttype.h>
#include <object/untyped.h>
#include <machine/io.h>
#include <arch/machine.h>

/* Dead after boot: in .boot.data, which is handed back as untyped memory. */
BOOT_DATA ndks_boot_t ndks_boot;
BOOT_DATA rootserver_mem_t rootserver;
BOOT_DATA static region_t rootserver_mem;

/* The idle thread's TCB lives in the kernel image, not in untyped memory. */
static char ksIdleThreadTCB[BIT(seL4_TCBBits)] ALIGN(BIT(seL4_TCBBits));

/* --- region lists ------------------------------------------------------------------- */

/* Insert reg into a sorted list of disjoint regions, merging where they touch. */
static BOOT_CODE bool_t insert_region(p_region_t *list, word_t *count, word_t max,
                                      p_region_t reg)
{
    if (reg.start >= reg.end) {
        return true;
    }
    word_t i = 0;
    while (i < *count && list[i].end < reg.start) {
        i++;
    }
    /* absorb every region that overlaps or touches reg */
    word_t j = i;
    while (j < *count && list[j].start <= reg.end) {
        reg.start = MIN(reg.start, list[j].start);
        reg.end = MAX(reg.end, list[j].end);
        j++;
    }
    word_t removed = j - i;
    if (removed == 0) {
        if (*count >= max) {
            printf("Kernel init: too many regions\n");
            return false;
        }
        for (word_t k = *count; k > i; k--) {
            list[k] = list[k - 1];
        }
        (*count)++;
    } else {
        for (word_t k = j; k < *count; k++) {
            list[k - removed + 1] = list[k];
        }
        *count -= removed - 1;
    }
    list[i] = reg;
    return true;
}

BOOT_CODE bool_t reserve_region(p_region_t reg)
{
    return insert_region(ndks_boot.reserved, &ndks_boot.resv_count, MAX_NUM_RESV_REG, reg);
}

static BOOT_CODE bool_t insert_freemem(region_t reg)
{
    if (reg.start >= reg.end) {
        return true;
    }
    for (word_t i = 0; i < MAX_NUM_FREEMEM_REG; i++) {
        if (ndks_boot.freemem[i].start == ndks_boot.freemem[i].end) {
            ndks_boot.freemem[i] = reg;
            return true;
        }
    }
    printf("Kernel init: no slot for free memory region %p..%p\n",
           (void *)reg.start, (void *)reg.end);
    return false;
}

BOOT_CODE word_t calculate_extra_bi_size_bits(word_t extra_size)
{
    if (extra_size == 0) {
        return 0;
    }
    word_t rounded = ROUND_UP(extra_size, seL4_PageBits);
    word_t bits = wordBits - 1 - clzl(rounded);
    return (rounded > BIT(bits)) ? bits + 1 : bits;
}

/* --- root server objects ------------------------------------------------------------ */

static BOOT_CODE word_t rootserver_max_size_bits(word_t extra_bi_size_bits)
{
    word_t cnode_bits = CONFIG_ROOT_CNODE_SIZE_BITS + seL4_SlotBits;
    word_t max = MAX(cnode_bits, (word_t)seL4_VSpaceBits);
    return MAX(max, extra_bi_size_bits);
}

static BOOT_CODE word_t calculate_rootserver_size(v_region_t it_v_reg, word_t extra_bi_size_bits)
{
    word_t size = BIT(CONFIG_ROOT_CNODE_SIZE_BITS + seL4_SlotBits);
    size += BIT(seL4_TCBBits);
    size += BIT(seL4_PageBits);                  /* IPC buffer */
    size += BIT(seL4_BootInfoFrameBits);
    size += BIT(seL4_ASIDPoolBits);
    size += extra_bi_size_bits ? BIT(extra_bi_size_bits) : 0;
    size += BIT(seL4_VSpaceBits);
    size += arch_get_n_paging(it_v_reg) * BIT(seL4_PageTableBits);
#ifdef CONFIG_KERNEL_MCS
    size += BIT(seL4_MinSchedContextBits);
#endif
    return size;
}

static BOOT_CODE pptr_t alloc_rootserver_obj(word_t size_bits, word_t n)
{
    pptr_t allocated = rootserver_mem.start;
    assert(IS_ALIGNED(allocated, size_bits));
    rootserver_mem.start += n * BIT(size_bits);
    assert(rootserver_mem.start <= rootserver_mem.end);
    memset((void *)allocated, 0, n * BIT(size_bits));
    return allocated;
}

/* Largest objects first, so each stays aligned to its own size. */
static BOOT_CODE void create_rootserver_objects(pptr_t start, v_region_t it_v_reg,
                                                word_t extra_bi_size_bits)
{
    word_t cnode_bits = CONFIG_ROOT_CNODE_SIZE_BITS + seL4_SlotBits;
    word_t max = rootserver_max_size_bits(extra_bi_size_bits);
    word_t size = calculate_rootserver_size(it_v_reg, extra_bi_size_bits);
    rootserver_mem = (region_t){ start, start + size };
    printf("  root server objects: [%lx..%lx) (2^%lu-byte CNode, TCB, VSpace, bootinfo, "
           "IPC buffer)\n", addrFromPPtr((void *)start), addrFromPPtr((void *)(start + size)),
           (word_t)(CONFIG_ROOT_CNODE_SIZE_BITS + seL4_SlotBits));

    if (extra_bi_size_bits >= cnode_bits) {
        rootserver.extra_bi = alloc_rootserver_obj(extra_bi_size_bits, 1);
        rootserver.cnode = alloc_rootserver_obj(cnode_bits, 1);
    } else {
        rootserver.cnode = alloc_rootserver_obj(cnode_bits, 1);
        if (extra_bi_size_bits > seL4_PageBits) {
            rootserver.extra_bi = alloc_rootserver_obj(extra_bi_size_bits, 1);
        }
    }
    (void)max;
    rootserver.vspace = alloc_rootserver_obj(seL4_VSpaceBits, 1);
    if (extra_bi_size_bits == seL4_PageBits) {
        rootserver.extra_bi = alloc_rootserver_obj(seL4_PageBits, 1);
    }
    word_t n = arch_get_n_paging(it_v_reg);
    rootserver.paging.start = alloc_rootserver_obj(seL4_PageTableBits, n);
    rootserver.paging.end = rootserver.paging.start + n * BIT(seL4_PageTableBits);
    rootserver.asid_pool = alloc_rootserver_obj(seL4_ASIDPoolBits, 1);
    rootserver.ipc_buf = alloc_rootserver_obj(seL4_PageBits, 1);
    rootserver.boot_info = alloc_rootserver_obj(seL4_BootInfoFrameBits, 1);
    rootserver.tcb = alloc_rootserver_obj(seL4_TCBBits, 1);
#ifdef CONFIG_KERNEL_MCS
    rootserver.sc = alloc_rootserver_obj(seL4_MinSchedContextBits, 1);
#endif
    assert(rootserver_mem.start == rootserver_mem.end);
}

BOOT_CODE pptr_t it_alloc_paging(void)
{
    pptr_t pt = rootserver.paging.start;
    assert(pt < rootserver.paging.end);
    rootserver.paging.start += BIT(seL4_PageTableBits);
    return pt;
}

/*
 * Free memory = available RAM minus reserved regions; then the root server's objects
 * are carved from the top of the highest free region big enough for them.
 */
BOOT_CODE bool_t init_freemem(word_t n_available, const p_region_t *available,
                              v_region_t it_v_reg, word_t extra_bi_size_bits)
{
    for (word_t i = 0; i < MAX_NUM_FREEMEM_REG; i++) {
        ndks_boot.freemem[i] = (region_t){ 0, 0 };
    }
    for (word_t a = 0; a < n_available; a++) {
        p_region_t cur = available[a];
        cur.end = MIN(cur.end, (paddr_t)PADDR_TOP);
        for (word_t r = 0; r < ndks_boot.resv_count && cur.start < cur.end; r++) {
            p_region_t res = ndks_boot.reserved[r];
            if (res.end <= cur.start) {
                continue;
            }
            if (res.start >= cur.end) {
                break;
            }
            if (res.start > cur.start &&
                !insert_freemem(paddr_to_pptr_reg((p_region_t){ cur.start, res.start }))) {
                return false;
            }
            cur.start = res.end;
        }
        if (cur.start < cur.end && !insert_freemem(paddr_to_pptr_reg(cur))) {
            return false;
        }
    }

    word_t size = calculate_rootserver_size(it_v_reg, extra_bi_size_bits);
    word_t align = rootserver_max_size_bits(extra_bi_size_bits);
    for (sword_t i = MAX_NUM_FREEMEM_REG - 1; i >= 0; i--) {
        region_t reg = ndks_boot.freemem[i];
        if (reg.end - reg.start < size) {
            continue;
        }
        pptr_t start = ROUND_DOWN(reg.end - size, align);
        if (start < reg.start) {
            continue;
        }
        ndks_boot.freemem[i] = (region_t){ reg.start, start };
        if (!insert_freemem((region_t){ start + size, reg.end })) {
            return false;
        }
        create_rootserver_objects(start, it_v_reg, extra_bi_size_bits);
        return true;
    }
    printf("Kernel init: no free memory for the root server's %lu bytes\n", size);
    return false;
}

/* --- the root CNode and the caps in it ---------------------------------------------- */

BOOT_CODE void write_slot(cte_t *slot, cap_t cap)
{
    slot->cap = cap;
    /* initial caps are roots of the derivation tree */
    slot->cteMDBNode = mdb_node_new(0, true, true, 0);
}

static inline cte_t *root_slot(cap_t root_cnode_cap, word_t index)
{
    return CNODE_PTR(cap_cnode_cap_get_capCNodePtr(root_cnode_cap)) + index;
}

BOOT_CODE bool_t provide_cap(cap_t root_cnode_cap, cap_t cap)
{
    if (ndks_boot.slot_pos_cur >= BIT(CONFIG_ROOT_CNODE_SIZE_BITS)) {
        printf("Kernel init: the root CNode (2^%d slots) is too small\n",
               CONFIG_ROOT_CNODE_SIZE_BITS);
        return false;
    }
    write_slot(root_slot(root_cnode_cap, ndks_boot.slot_pos_cur), cap);
    ndks_boot.slot_pos_cur++;
    return true;
}

BOOT_CODE cap_t create_root_cnode(void)
{
    cap_t cap = cap_cnode_cap_new(CONFIG_ROOT_CNODE_SIZE_BITS,
                                  wordBits - CONFIG_ROOT_CNODE_SIZE_BITS, 0, rootserver.cnode);
    write_slot(root_slot(cap, seL4_CapInitThreadCNode), cap);
    return cap;
}

BOOT_CODE void create_domain_cap(cap_t root_cnode_cap)
{
    write_slot(root_slot(root_cnode_cap, seL4_CapDomain), cap_domain_cap_new());
}

BOOT_CODE void populate_bi_frame(word_t node_id, word_t num_nodes, vptr_t ipcbuf_vptr,
                                 word_t extra_bi_size)
{
    seL4_BootInfo *bi = (seL4_BootInfo *)rootserver.boot_info;
    memset(bi, 0, BIT(seL4_BootInfoFrameBits));
    bi->nodeID = node_id;
    bi->numNodes = num_nodes;
    bi->numIOPTLevels = 0;
    bi->ipcBuffer = (struct seL4_IPCBuffer_ *)ipcbuf_vptr;
    bi->initThreadCNodeSizeBits = CONFIG_ROOT_CNODE_SIZE_BITS;
    bi->initThreadDomain = 0;
    bi->extraLen = extra_bi_size;
    ndks_boot.bi_frame = bi;
    ndks_boot.slot_pos_cur = seL4_NumInitialCaps;
}

BOOT_CODE void create_bi_frame_cap(cap_t root_cnode_cap, cap_t pd_cap, vptr_t vptr)
{
    cap_t cap = create_mapped_it_frame_cap(pd_cap, rootserver.boot_info, vptr, IT_ASID);
    write_slot(root_slot(root_cnode_cap, seL4_CapBootInfoFrame), cap);
}

BOOT_CODE cap_t create_ipcbuf_frame_cap(cap_t root_cnode_cap, cap_t pd_cap, vptr_t vptr)
{
    cap_t cap = create_mapped_it_frame_cap(pd_cap, rootserver.ipc_buf, vptr, IT_ASID);
    write_slot(root_slot(root_cnode_cap, seL4_CapInitThreadIPCBuffer), cap);
    return cap;
}

/* One 4 KiB frame cap per page of reg, mapped at paddr - pv_offset if do_map. */
BOOT_CODE bool_t create_frames_of_region(cap_t root_cnode_cap, cap_t pd_cap, region_t reg,
                                         bool_t do_map, sword_t pv_offset,
                                         seL4_SlotRegion *out)
{
    seL4_SlotPos first = ndks_boot.slot_pos_cur;
    for (pptr_t f = reg.start; f < reg.end; f += BIT(seL4_PageBits)) {
        cap_t cap = do_map ?
                    create_mapped_it_frame_cap(pd_cap, f, addrFromPPtr(f) - pv_offset, IT_ASID) :
                    create_unmapped_it_frame_cap(f);
        if (!provide_cap(root_cnode_cap, cap)) {
            return false;
        }
    }
    *out = (seL4_SlotRegion){ first, ndks_boot.slot_pos_cur };
    return true;
}

/* --- threads ------------------------------------------------------------------------ */

#ifdef CONFIG_KERNEL_MCS
/* The idle thread's scheduling context (never charged, never in a queue). */
static char ksIdleThreadSC[BIT(seL4_MinSchedContextBits)] ALIGN(BIT(seL4_MinSchedContextBits));

/* A round-robin budget of KernelBootThreadTimeSlice ms, as seL4 gives its boot threads. */
static BOOT_CODE void configure_sched_context(tcb_t *tcb, sched_context_t *sc)
{
    tcb->tcbSchedContext = sc;
    refill_new(sc, MIN_REFILLS, usToTicks(CONFIG_BOOT_THREAD_TIME_SLICE * US_IN_MS), 0);
    sc->scTcb = tcb;
}
#endif

BOOT_CODE bool_t create_idle_thread(void)
{
    ksIdleThread = TCB_PTR((word_t)ksIdleThreadTCB + TCB_OFFSET);
    tcb_t *idle = ksIdleThread;
    setRegister(idle, NextIP, (word_t)idle_thread);
    /* runs in S-mode with interrupts enabled once sret restores SPIE */
    setRegister(idle, SSTATUS, SSTATUS_SPP | SSTATUS_SPIE);
    setRegister(idle, sp, (word_t)kernel_stack_alloc + BIT(CONFIG_KERNEL_STACK_BITS));
    thread_state_ptr_set_tsType(&idle->tcbState, ThreadState_IdleThreadState);
    idle->tcbPriority = 0;
#ifdef CONFIG_KERNEL_MCS
    ksCurTime = getCurrentTime();
    configure_sched_context(idle, SC_PTR(ksIdleThreadSC));
    ksIdleSC = SC_PTR(ksIdleThreadSC);
#endif
#ifdef CONFIG_DEBUG_BUILD
    tcbDebugAppend(idle);
    const char name[] = "idle_thread";
    memcpy(idle->tcbName, name, sizeof(name));
#endif
    return true;
}

BOOT_CODE tcb_t *create_initial_thread(cap_t root_cnode_cap, cap_t it_pd_cap, vptr_t ui_v_entry,
                                       vptr_t bi_frame_vptr, vptr_t ipcbuf_vptr,
                                       cap_t ipcbuf_cap)
{
    tcb_t *tcb = TCB_PTR(rootserver.tcb + TCB_OFFSET);
#ifndef CONFIG_KERNEL_MCS
    tcb->tcbTimeSlice = TIME_SLICE_TICKS;
#endif
    Arch_initContext(&tcb->tcbArch.tcbContext);

    deriveCap_ret_t dc = deriveCap(root_slot(root_cnode_cap, seL4_CapInitThreadIPCBuffer),
                                   ipcbuf_cap);
    if (dc.status != EXCEPTION_NONE) {
        printf("Kernel init: cannot derive the IPC buffer cap\n");
        return NULL;
    }
    cteInsert(root_cnode_cap, root_slot(root_cnode_cap, seL4_CapInitThreadCNode),
              TCB_CTE_PTR(tcb, tcbCTable));
    cteInsert(it_pd_cap, root_slot(root_cnode_cap, seL4_CapInitThreadVSpace),
              TCB_CTE_PTR(tcb, tcbVTable));
    cteInsert(dc.cap, root_slot(root_cnode_cap, seL4_CapInitThreadIPCBuffer),
              TCB_CTE_PTR(tcb, tcbBuffer));
    tcb->tcbIPCBuffer = ipcbuf_vptr;

    setRegister(tcb, a0, bi_frame_vptr);
    setRegister(tcb, NextIP, ui_v_entry);
    setRegister(tcb, FaultIP, ui_v_entry);
    tcb->tcbMCP = seL4_MaxPrio;
    tcb->tcbPriority = seL4_MaxPrio;
#ifndef CONFIG_KERNEL_MCS
    setupReplyMaster(tcb);
#else
    configure_sched_context(tcb, SC_PTR(rootserver.sc));
    cap_t sc_cap = cap_sched_context_cap_new(rootserver.sc, seL4_MinSchedContextBits);
    write_slot(root_slot(root_cnode_cap, seL4_CapInitThreadSC), sc_cap);
#endif
    tcb->tcbDomain = ksCurDomain;
    thread_state_ptr_set_tsType(&tcb->tcbState, ThreadState_Running);

#ifdef CONFIG_DEBUG_BUILD
    tcbDebugAppend(tcb);
    const char name[] = "rootserver";
    memcpy(tcb->tcbName, name, sizeof(name));
#endif
    write_slot(root_slot(root_cnode_cap, seL4_CapInitThreadTCB), cap_thread_cap_new(TCB_REF(tcb)));
    return tcb;
}

BOOT_CODE void init_core_state(tcb_t *scheduler_action)
{
    ksSchedulerAction = scheduler_action;
    ksCurThread = ksIdleThread;
#ifdef CONFIG_KERNEL_MCS
    ksCurSC = ksCurThread->tcbSchedContext;
    ksConsumed = 0;
    ksReprogram = true;
    ksReleaseQueue = (tcb_queue_t){ NULL, NULL };
    ksCurTime = getCurrentTime();
#endif
}

/* --- untyped memory ----------------------------------------------------------------- */

static BOOT_CODE bool_t provide_untyped_cap(cap_t root_cnode_cap, bool_t device, paddr_t paddr,
                                            word_t size_bits, seL4_SlotPos first_untyped_slot)
{
    word_t i = ndks_boot.slot_pos_cur - first_untyped_slot;
    if (i >= CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS) {
        /* as in seL4: the rest is silently not provided */
        return true;
    }
    ndks_boot.bi_frame->untypedList[i] = (seL4_UntypedDesc){
        .paddr = paddr, .sizeBits = (seL4_Uint8)size_bits, .isDevice = (seL4_Uint8)device,
    };
    /*
     * Handed out "used up": the first retype finds no children, resets the untyped and
     * so clears it (preemptibly). Memory above an untyped's free index is always zero.
     */
    cap_t cap = cap_untyped_cap_new(MAX_FREE_INDEX(size_bits), device, size_bits,
                                    ptrFromPAddr_w(paddr));
    return provide_cap(root_cnode_cap, cap);
}

/* Cut [start, end) into naturally aligned power-of-two blocks of 2^4 .. 2^38 bytes. */
static BOOT_CODE bool_t create_untypeds_for_region(cap_t root_cnode_cap, bool_t device,
                                                   p_region_t reg,
                                                   seL4_SlotPos first_untyped_slot)
{
    while (reg.start < reg.end) {
        word_t size_bits = wordBits - 1 - clzl(reg.end - reg.start);
        size_bits = MIN(size_bits, (word_t)seL4_MaxUntypedBits);
        if (reg.start != 0) {
            size_bits = MIN(size_bits, ctzl(reg.start));
        }
        if (size_bits >= seL4_MinUntypedBits &&
            !provide_untyped_cap(root_cnode_cap, device, reg.start, size_bits,
                                 first_untyped_slot)) {
            return false;
        }
        reg.start += BIT(size_bits);
    }
    return true;
}

/*
 * seL4's order: device memory (every physical gap that is neither RAM nor reserved, up
 * to CONFIG_PADDR_USER_DEVICE_TOP), then the recycled boot code, then free RAM.
 */
BOOT_CODE bool_t create_untypeds(cap_t root_cnode_cap, p_region_t boot_mem_reuse_reg,
                                 const p_region_t *avail, word_t n_avail)
{
    seL4_SlotPos first = ndks_boot.slot_pos_cur;

    p_region_t known[MAX_NUM_RESV_REG + MAX_NUM_FREEMEM_REG];
    word_t n_known = 0;
    /* a region left out here would be handed out as device memory: give up instead */
    for (word_t i = 0; i < ndks_boot.resv_count; i++) {
        if (!insert_region(known, &n_known, ARRAY_SIZE(known), ndks_boot.reserved[i])) {
            return false;
        }
    }
    for (word_t i = 0; i < n_avail; i++) {
        if (!insert_region(known, &n_known, ARRAY_SIZE(known), avail[i])) {
            return false;
        }
    }
    paddr_t start = 0;
    for (word_t i = 0; i < n_known; i++) {
        if (start < known[i].start &&
            !create_untypeds_for_region(root_cnode_cap, true,
                                        (p_region_t){ start, known[i].start }, first)) {
            return false;
        }
        start = known[i].end;
    }
    if (start < CONFIG_PADDR_USER_DEVICE_TOP &&
        !create_untypeds_for_region(root_cnode_cap, true,
                                    (p_region_t){ start, CONFIG_PADDR_USER_DEVICE_TOP }, first)) {
        return false;
    }

    if (!create_untypeds_for_region(root_cnode_cap, false, boot_mem_reuse_reg, first)) {
        return false;
    }

    /* free RAM in address order */
    for (word_t i = 0; i < MAX_NUM_FREEMEM_REG; i++) {
        for (word_t j = i + 1; j < MAX_NUM_FREEMEM_REG; j++) {
            region_t *x = &ndks_boot.freemem[i], *y = &ndks_boot.freemem[j];
            bool_t x_empty = x->start == x->end, y_empty = y->start == y->end;
            if ((x_empty && !y_empty) || (!x_empty && !y_empty && y->start < x->start)) {
                region_t t = *x;
                *x = *y;
                *y = t;
            }
        }
    }
    for (word_t i = 0; i < MAX_NUM_FREEMEM_REG; i++) {
        region_t reg = ndks_boot.freemem[i];
        ndks_boot.freemem[i] = (region_t){ 0, 0 };
        if (reg.start < reg.end &&
            !create_untypeds_for_region(root_cnode_cap, false, pptr_to_paddr_reg(reg), first)) {
            return false;
        }
    }
    ndks_boot.bi_frame->untyped = (seL4_SlotRegion){ first, ndks_boot.slot_pos_cur };
#ifdef CONFIG_PRINTING
    word_t n_dev = 0, n_ram = 0, dev_bytes = 0, ram_bytes = 0;
    for (word_t i = 0; i < ndks_boot.slot_pos_cur - first && i < CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS;
         i++) {
        seL4_UntypedDesc *d = &ndks_boot.bi_frame->untypedList[i];
        if (d->isDevice) {
            n_dev++;
            dev_bytes += BIT(d->sizeBits);
        } else {
            n_ram++;
            ram_bytes += BIT(d->sizeBits);
        }
    }
    printf("  untyped caps: %lu RAM (%lu KiB), %lu device (%lu MiB), slots [%lu..%lu)\n",
           n_ram, ram_bytes >> 10, n_dev, dev_bytes >> 20, (word_t)first,
           (word_t)ndks_boot.slot_pos_cur);
#endif
    return true;
}

BOOT_CODE void bi_finalise(void)
{
    ndks_boot.bi_frame->empty = (seL4_SlotRegion){
        ndks_boot.slot_pos_cur, BIT(CONFIG_ROOT_CNODE_SIZE_BITS)
    };
}
