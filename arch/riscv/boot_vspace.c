/*
 * The root task's address space at boot: its VSpace root, the page tables covering
 * its image, IPC buffer and bootinfo, and 4 KiB frame mappings for each page.
 */
#include <kernel/boot.h>
#include <kernel/vspace.h>
#include <machine/io.h>
#include <arch/machine.h>

/* Page tables below the root needed to cover it_v_reg: one per 1 GiB, one per 2 MiB. */
BOOT_CODE word_t arch_get_n_paging(v_region_t it_v_reg)
{
    word_t n = 0;
    for (word_t level = 0; level < PT_LEVELS - 1; level++) {
        word_t bits = LEVEL_PAGE_BITS(level);
        n += (ROUND_UP(it_v_reg.end, bits) - ROUND_DOWN(it_v_reg.start, bits)) >> bits;
    }
    return n;
}

static BOOT_CODE void map_it_pt_cap(cap_t vspace_cap, cap_t pt_cap)
{
    pte_t *root = (pte_t *)cap_page_table_cap_get_capPTBasePtr(vspace_cap);
    vptr_t vptr = cap_page_table_cap_get_capPTMappedAddress(pt_cap);
    pptr_t pt = cap_page_table_cap_get_capPTBasePtr(pt_cap);
    lookupPTSlot_ret_t slot = lookupPTSlot(root, vptr);
    assert(!pte_get_valid(*slot.ptSlot));
    *slot.ptSlot = pte_next_table(addrFromPPtr(pt));
}

static BOOT_CODE cap_t create_it_pt_cap(cap_t vspace_cap, pptr_t pptr, vptr_t vptr, asid_t asid)
{
    cap_t cap = cap_page_table_cap_new(asid, pptr, 1, vptr);
    map_it_pt_cap(vspace_cap, cap);
    return cap;
}

BOOT_CODE cap_t create_it_address_space(cap_t root_cnode_cap, v_region_t it_v_reg)
{
    copyGlobalMappings((pte_t *)rootserver.vspace);
    cap_t vspace_cap = cap_page_table_cap_new(IT_ASID, rootserver.vspace, 1, 0);
    write_slot(CNODE_PTR(cap_cnode_cap_get_capCNodePtr(root_cnode_cap)) + seL4_CapInitThreadVSpace,
               vspace_cap);

    seL4_SlotPos first = ndks_boot.slot_pos_cur;
    /* second-level tables first, then third-level, each in address order */
    for (word_t level = 0; level < PT_LEVELS - 1; level++) {
        word_t bits = LEVEL_PAGE_BITS(level);
        for (vptr_t v = ROUND_DOWN(it_v_reg.start, bits); v < it_v_reg.end; v += BIT(bits)) {
            if (!provide_cap(root_cnode_cap,
                             create_it_pt_cap(vspace_cap, it_alloc_paging(), v, IT_ASID))) {
                return cap_null_cap_new();
            }
        }
    }
    ndks_boot.bi_frame->userImagePaging = (seL4_SlotRegion){ first, ndks_boot.slot_pos_cur };
    return vspace_cap;
}

BOOT_CODE cap_t create_unmapped_it_frame_cap(pptr_t pptr)
{
    return cap_frame_cap_new(0, pptr, RISCV_4K_Page, VMReadWrite, 0, 0);
}

/* Root task pages are user read/write/execute (seL4's src/arch/riscv/kernel/boot.c). */
BOOT_CODE cap_t create_mapped_it_frame_cap(cap_t pd_cap, pptr_t pptr, vptr_t vptr, asid_t asid)
{
    cap_t cap = cap_frame_cap_new(asid, pptr, RISCV_4K_Page, VMReadWrite, 0, vptr);
    pte_t *root = (pte_t *)cap_page_table_cap_get_capPTBasePtr(pd_cap);
    lookupPTSlot_ret_t slot = lookupPTSlot(root, vptr);
    assert(slot.ptBitsLeft == PAGE_BITS);
    *slot.ptSlot = pte_new(0, addrFromPPtr(pptr) >> PAGE_BITS, 0, 1, 1, 0, 1, 1, 1, 1, 1);
    return cap;
}

BOOT_CODE cap_t create_it_asid_pool(cap_t root_cnode_cap)
{
    cte_t *cnode = CNODE_PTR(cap_cnode_cap_get_capCNodePtr(root_cnode_cap));
    cap_t ap_cap = cap_asid_pool_cap_new(0, rootserver.asid_pool);
    write_slot(cnode + seL4_CapInitThreadASIDPool, ap_cap);
    write_slot(cnode + seL4_CapASIDControl, cap_asid_control_cap_new());
    return ap_cap;
}

BOOT_CODE void write_it_asid_pool(cap_t it_ap_cap, cap_t it_lvl1pt_cap)
{
    asid_pool_t *ap = (asid_pool_t *)cap_asid_pool_cap_get_capASIDPool(it_ap_cap);
    ap->array[IT_ASID] = (pte_t *)cap_page_table_cap_get_capPTBasePtr(it_lvl1pt_cap);
    riscvKSASIDTable[IT_ASID >> ASID_POOL_INDEX_BITS] = ap;
}
