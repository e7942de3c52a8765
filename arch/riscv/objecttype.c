/*
 * RISC-V capability operations: frames, page tables, ASID control and pools.
 */
#include <object/objecttype.h>
#include <kernel/vspace.h>
#include <api/failures.h>
#include <kernel/usererror.h>
#include <arch/machine.h>

deriveCap_ret_t Arch_deriveCap(cte_t *slot, cap_t cap)
{
    (void)slot;
    deriveCap_ret_t ret = { .status = EXCEPTION_NONE, .cap = cap };
    switch (cap_get_capType(cap)) {
    case cap_page_table_cap:
        /* an unmapped page table cannot be copied (seL4's
         * src/arch/riscv/object/objecttype.c) */
        if (!cap_page_table_cap_get_capPTIsMapped(cap)) {
            userError("Copying a page table cap: the table is not mapped.");
            current_syscall_error.type = seL4_IllegalOperation;
            ret.status = EXCEPTION_SYSCALL_ERROR;
            ret.cap = cap_null_cap_new();
        }
        break;
    case cap_frame_cap:
        /* a copy of a frame cap is not mapped anywhere */
        ret.cap = cap_frame_cap_set_capFMappedAddress(cap, 0);
        ret.cap = cap_frame_cap_set_capFMappedASID(ret.cap, 0);
        break;
    default:
        break;
    }
    return ret;
}

bool_t Arch_sameRegionAs(cap_t a, cap_t b)
{
    switch (cap_get_capType(a)) {
    case cap_frame_cap: {
        if (cap_get_capType(b) != cap_frame_cap) {
            return false;
        }
        word_t aBase = cap_frame_cap_get_capFBasePtr(a);
        word_t bBase = cap_frame_cap_get_capFBasePtr(b);
        word_t aTop = aBase + MASK(pageBitsForSize(cap_frame_cap_get_capFSize(a)));
        word_t bTop = bBase + MASK(pageBitsForSize(cap_frame_cap_get_capFSize(b)));
        return aBase <= bBase && bTop <= aTop && bBase <= bTop;
    }
    case cap_page_table_cap:
        return cap_get_capType(b) == cap_page_table_cap &&
               cap_page_table_cap_get_capPTBasePtr(a) == cap_page_table_cap_get_capPTBasePtr(b);
    case cap_asid_control_cap:
        return cap_get_capType(b) == cap_asid_control_cap;
    case cap_asid_pool_cap:
        return cap_get_capType(b) == cap_asid_pool_cap &&
               cap_asid_pool_cap_get_capASIDPool(a) == cap_asid_pool_cap_get_capASIDPool(b);
    default:
        return false;
    }
}

pptr_t Arch_cap_get_capPtr(cap_t cap)
{
    switch (cap_get_capType(cap)) {
    case cap_frame_cap:
        return cap_frame_cap_get_capFBasePtr(cap);
    case cap_page_table_cap:
        return cap_page_table_cap_get_capPTBasePtr(cap);
    case cap_asid_pool_cap:
        return cap_asid_pool_cap_get_capASIDPool(cap);
    default:
        return 0;
    }
}

word_t Arch_cap_get_capSizeBits(cap_t cap)
{
    switch (cap_get_capType(cap)) {
    case cap_frame_cap:
        return pageBitsForSize(cap_frame_cap_get_capFSize(cap));
    case cap_page_table_cap:
        return seL4_PageTableBits;
    case cap_asid_pool_cap:
        return seL4_ASIDPoolBits;
    default:
        return 0;
    }
}

/* A new thread runs in user mode with interrupts enabled and the FPU in its reset state. */
void Arch_initContext(user_context_t *context)
{
#ifdef CONFIG_HAVE_FPU
    context->registers[SSTATUS] = SSTATUS_SPIE | SSTATUS_FS_INITIAL;
#else
    context->registers[SSTATUS] = SSTATUS_SPIE;
#endif
}

bool_t Arch_isFrameType(word_t type)
{
    return type == seL4_RISCV_4K_Page || type == seL4_RISCV_Mega_Page ||
           type == seL4_RISCV_Giga_Page;
}

word_t Arch_getObjectSize(word_t t)
{
    switch (t) {
    case seL4_RISCV_4K_Page:
        return seL4_PageBits;
    case seL4_RISCV_Mega_Page:
        return seL4_LargePageBits;
    case seL4_RISCV_Giga_Page:
        return seL4_HugePageBits;
    case seL4_RISCV_PageTableObject:
        return seL4_PageTableBits;
    default:
        fail("Arch_getObjectSize: unknown object type");
    }
}

static word_t frameSizeOfType(word_t t)
{
    switch (t) {
    case seL4_RISCV_Mega_Page:
        return RISCV_Mega_Page;
    case seL4_RISCV_Giga_Page:
        return RISCV_Giga_Page;
    default:
        return RISCV_4K_Page;
    }
}

cap_t Arch_createObject(word_t t, pptr_t regionBase, word_t userSize, bool_t deviceMemory)
{
    (void)userSize;
    switch (t) {
    case seL4_RISCV_4K_Page:
    case seL4_RISCV_Mega_Page:
    case seL4_RISCV_Giga_Page:
        return cap_frame_cap_new(0, regionBase, frameSizeOfType(t), VMReadWrite, deviceMemory, 0);
    case seL4_RISCV_PageTableObject:
        return cap_page_table_cap_new(0, regionBase, 0, 0);
    default:
        fail("Arch_createObject: unknown object type");
    }
}

cap_t Arch_maskCapRights(seL4_CapRights_t rights, cap_t cap)
{
    if (cap_get_capType(cap) == cap_frame_cap) {
        return cap_frame_cap_set_capFVMRights(
                   cap, maskVMRights(cap_frame_cap_get_capFVMRights(cap), rights));
    }
    return cap;
}

finaliseCap_ret_t Arch_finaliseCap(cap_t cap, bool_t final)
{
    finaliseCap_ret_t ret = { cap_null_cap_new(), cap_null_cap_new() };
    switch (cap_get_capType(cap)) {
    case cap_frame_cap:
        if (cap_frame_cap_get_capFMappedASID(cap)) {
            unmapPage(cap_frame_cap_get_capFSize(cap), cap_frame_cap_get_capFMappedASID(cap),
                      cap_frame_cap_get_capFMappedAddress(cap), cap_frame_cap_get_capFBasePtr(cap));
        }
        break;
    case cap_page_table_cap:
        if (final && cap_page_table_cap_get_capPTIsMapped(cap)) {
            asid_t asid = cap_page_table_cap_get_capPTMappedASID(cap);
            pte_t *pt = (pte_t *)cap_page_table_cap_get_capPTBasePtr(cap);
            if (findVSpaceForASID(asid) == pt) {
                deleteASID(asid, pt);
            } else {
                unmapPageTable(asid, cap_page_table_cap_get_capPTMappedAddress(cap), pt);
            }
        }
        break;
    case cap_asid_pool_cap:
        if (final) {
            deleteASIDPool(cap_asid_pool_cap_get_capASIDBase(cap),
                           (asid_pool_t *)cap_asid_pool_cap_get_capASIDPool(cap));
        }
        break;
    default:
        break;
    }
    return ret;
}
