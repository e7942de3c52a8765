/*
 * init_kernel: from the loader's hand-off to the root task's first instruction.
 *
 * Order, as seL4 boots: own page tables and trap vector; reserve what is in use (kernel
 * image, kernel devices, DTB, root task image); carve the root server's
 * objects from free memory; fill its CNode, VSpace and bootinfo; hand every remaining
 * byte of memory to it as untyped caps; schedule it.
 */
#include <kernel/boot.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <object/interrupt.h>
#include <machine/io.h>
#include <arch/machine.h>
#include <arch/timer.h>
#include <kernel/domain.h>

/* linker-script symbols */
extern char ki_boot_end[];
extern char ki_boot_bss_start[];
extern char ki_end[];
extern char trap_entry[];

BOOT_RODATA static const p_region_t avail_p_regs[] = PLAT_AVAIL_REGIONS;

static BOOT_CODE void init_cpu(void)
{
    activate_kernel_vspace();
    write_csr(stvec, (word_t)trap_entry);
    write_csr(scounteren, SCOUNTEREN_CY | SCOUNTEREN_TM | SCOUNTEREN_IR);
    write_csr(sie, SIE_STIE | SIE_SEIE);
    initTimer();
}

static BOOT_CODE cap_t init_irqs(cap_t root_cnode_cap)
{
    initIRQState();
    plat_irq_init();
    cap_t cap = cap_irq_control_cap_new();
    write_slot(CNODE_PTR(cap_cnode_cap_get_capCNodePtr(root_cnode_cap)) + seL4_CapIRQControl, cap);
    return cap;
}

/*
 * The firmware's memory (PLAT_RESERVED_REGIONS) is not RAM to the kernel (the platform
 * header leaves it out of PLAT_AVAIL_REGIONS) and is not reserved here either: like
 * seL4, Larch hands it out as device untyped. Nothing is exposed by that: OpenSBI's PMP
 * denies S- and U-mode access to it, so a mapping of it only ever faults.
 */
static BOOT_CODE bool_t reserve_boot_regions(paddr_t dtb_p, word_t dtb_size, p_region_t ui_p_reg)
{
    bool_t ok = reserve_region((p_region_t){ KERNEL_ELF_PADDR_BASE, addrFromKPPtr(ki_end) });
    ok = ok && reserve_kernel_devices();
    if (dtb_size) {
        ok = ok && reserve_region((p_region_t){ dtb_p, ROUND_UP(dtb_p + dtb_size, PAGE_BITS) });
    }
    return ok && reserve_region(ui_p_reg);
}

/* What the kernel found and where it put things, for a debug console (as seL4 does). */
static BOOT_CODE void print_boot_layout(p_region_t ui_p_reg, v_region_t it_v_reg, vptr_t v_entry,
                                        paddr_t dtb_p, word_t dtb_size)
{
#ifdef CONFIG_PRINTING
    printf("  platform %s, timer %lu Hz\n", PLAT_NAME, (word_t)PLAT_TIMER_FREQUENCY);
    printf("  physical memory regions: %lu\n", (word_t)ARRAY_SIZE(avail_p_regs));
    for (word_t i = 0; i < ARRAY_SIZE(avail_p_regs); i++) {
        printf("    [%lx..%lx)\n", avail_p_regs[i].start, avail_p_regs[i].end);
    }
    printf("  kernel image: [%lx..%lx), boot part [..%lx) reused as untyped\n",
           (word_t)KERNEL_ELF_PADDR_BASE, addrFromKPPtr(ki_end),
           ROUND_DOWN(addrFromKPPtr(ki_boot_bss_start), PAGE_BITS));
    if (dtb_size) {
        printf("  device tree: [%lx..%lx)\n", dtb_p, dtb_p + dtb_size);
    }
    printf("  root task image: physical [%lx..%lx), virtual [%lx..%lx), entry %lx\n",
           ui_p_reg.start, ui_p_reg.end, it_v_reg.start, it_v_reg.end, v_entry);
    printf("  reserved physical regions: %lu\n", ndks_boot.resv_count);
    for (word_t i = 0; i < ndks_boot.resv_count; i++) {
        printf("    [%lx..%lx)\n", ndks_boot.reserved[i].start, ndks_boot.reserved[i].end);
    }
#else
    (void)ui_p_reg;
    (void)it_v_reg;
    (void)v_entry;
    (void)dtb_p;
    (void)dtb_size;
#endif
}

#ifdef CONFIG_KERNEL_MCS
static BOOT_CODE bool_t create_sched_control_caps(cap_t root_cnode_cap)
{
    seL4_SlotPos first = ndks_boot.slot_pos_cur;
    for (word_t core = 0; core < CONFIG_MAX_NUM_NODES; core++) {
        if (!provide_cap(root_cnode_cap, cap_sched_control_cap_new(core))) {
            return false;
        }
    }
    ndks_boot.bi_frame->schedcontrol = (seL4_SlotRegion){ first, ndks_boot.slot_pos_cur };
    return true;
}
#endif

static BOOT_CODE bool_t try_init_kernel(paddr_t ui_p_reg_start, paddr_t ui_p_reg_end,
                                        sword_t pv_offset, vptr_t v_entry,
                                        paddr_t dtb_phys_addr, word_t dtb_size)
{
    p_region_t ui_p_reg = { ui_p_reg_start, ui_p_reg_end };
    region_t ui_reg = paddr_to_pptr_reg(ui_p_reg);
    v_region_t ui_v_reg = { ui_p_reg_start - pv_offset, ui_p_reg_end - pv_offset };
    vptr_t ipcbuf_vptr = ui_v_reg.end;
    vptr_t bi_frame_vptr = ipcbuf_vptr + BIT(PAGE_BITS);
    vptr_t extra_bi_frame_vptr = bi_frame_vptr + BIT(seL4_BootInfoFrameBits);
    /*
     * Boot code and data become untyped memory, except the page(s) holding .boot.bss
     * from its start on: ksWorkUnitsCompleted lives there and outlives boot.
     */
    p_region_t boot_mem_reuse_p_reg = {
        KERNEL_ELF_PADDR_BASE, ROUND_DOWN(addrFromKPPtr(ki_boot_bss_start), PAGE_BITS)
    };

    map_kernel_window();
    init_cpu();
    printf("Bootstrapping kernel\n");

    if (dtb_size && dtb_phys_addr + dtb_size > PADDR_TOP) {
        printf("ERROR: the DTB at %p is outside the kernel window\n", (void *)dtb_phys_addr);
        return false;
    }
    word_t extra_bi_size = dtb_size ? sizeof(seL4_BootInfoHeader) + dtb_size : 0;
    word_t extra_bi_size_bits = calculate_extra_bi_size_bits(extra_bi_size);
    v_region_t it_v_reg = {
        ui_v_reg.start, extra_bi_frame_vptr + (extra_bi_size ? BIT(extra_bi_size_bits) : 0)
    };
    if (it_v_reg.end >= USER_TOP) {
        printf("ERROR: the root task's image ends at %p, above the user address space\n",
               (void *)it_v_reg.end);
        return false;
    }

    if (!reserve_boot_regions(dtb_phys_addr, dtb_size, ui_p_reg)) {
        return false;
    }
    print_boot_layout(ui_p_reg, it_v_reg, v_entry, dtb_phys_addr, dtb_size);
    if (!init_freemem(ARRAY_SIZE(avail_p_regs), avail_p_regs, it_v_reg, extra_bi_size_bits)) {
        return false;
    }

    initDomainSchedule();
    cap_t root_cnode_cap = create_root_cnode();
    create_domain_cap(root_cnode_cap);
    init_irqs(root_cnode_cap);
    populate_bi_frame(0, CONFIG_MAX_NUM_NODES, ipcbuf_vptr, extra_bi_size);

    /* extra bootinfo: one FDT chunk holding a copy of the device tree */
    if (extra_bi_size) {
        seL4_BootInfoHeader *header = (seL4_BootInfoHeader *)rootserver.extra_bi;
        header->id = SEL4_BOOTINFO_HEADER_FDT;
        header->len = extra_bi_size;
        memcpy(header + 1, ptrFromPAddr(dtb_phys_addr), dtb_size);
    }

    cap_t it_pd_cap = create_it_address_space(root_cnode_cap, it_v_reg);
    if (cap_get_capType(it_pd_cap) == cap_null_cap) {
        return false;
    }
    create_bi_frame_cap(root_cnode_cap, it_pd_cap, bi_frame_vptr);

    if (extra_bi_size) {
        region_t extra = { rootserver.extra_bi, rootserver.extra_bi + extra_bi_size };
        if (!create_frames_of_region(root_cnode_cap, it_pd_cap, extra, true,
                                     addrFromPPtr(rootserver.extra_bi) - extra_bi_frame_vptr,
                                     &ndks_boot.bi_frame->extraBIPages)) {
            return false;
        }
    }
    cap_t ipcbuf_cap = create_ipcbuf_frame_cap(root_cnode_cap, it_pd_cap, ipcbuf_vptr);

#ifdef CONFIG_KERNEL_MCS
    if (!create_sched_control_caps(root_cnode_cap)) {
        return false;
    }
#endif
    if (!create_frames_of_region(root_cnode_cap, it_pd_cap, ui_reg, true, pv_offset,
                                 &ndks_boot.bi_frame->userImageFrames)) {
        return false;
    }

    cap_t it_ap_cap = create_it_asid_pool(root_cnode_cap);
    write_it_asid_pool(it_ap_cap, it_pd_cap);

    if (!create_idle_thread()) {
        return false;
    }
    tcb_t *initial = create_initial_thread(root_cnode_cap, it_pd_cap, v_entry, bi_frame_vptr,
                                           ipcbuf_vptr, ipcbuf_cap);
    if (!initial) {
        return false;
    }
    init_core_state(initial);

    if (!create_untypeds(root_cnode_cap, boot_mem_reuse_p_reg, avail_p_regs,
                         ARRAY_SIZE(avail_p_regs))) {
        return false;
    }
    ndks_boot.bi_frame->sharedFrames = (seL4_SlotRegion){ 0, 0 };
    bi_finalise();

    /* the root task's pages were written through the kernel window */
    fence_i();
    sfence_vma();
    printf("Booting all finished, dropped to user space\n");
    return true;
}

BOOT_CODE void init_kernel(paddr_t ui_p_reg_start, paddr_t ui_p_reg_end, sword_t pv_offset,
                           vptr_t v_entry, paddr_t dtb_addr_p, uint32_t dtb_size)
{
    if (!try_init_kernel(ui_p_reg_start, ui_p_reg_end, pv_offset, v_entry, dtb_addr_p,
                         dtb_size)) {
        fail("ERROR: kernel init failed");
    }
    schedule();
    activateThread();
}
