/*
 * Sv39 paging facts and the kernel's address-space conversions.
 */
#pragma once

#include <config.h>
#include <util.h>

#define PT_LEVELS           CONFIG_PT_LEVELS
#define PAGE_BITS           12
#define PAGE_SIZE           BIT(PAGE_BITS)
#define PT_INDEX_BITS       9
#define PT_ENTRIES          BIT(PT_INDEX_BITS)
#define PTE_SIZE_BITS       3
#define PT_SIZE_BITS        (PT_INDEX_BITS + PTE_SIZE_BITS)

/* Size bits of what one entry of a level-l table maps (level 0 = root). */
#define LEVEL_PAGE_BITS(l)  (PAGE_BITS + PT_INDEX_BITS * (PT_LEVELS - 1 - (l)))
#define PT_INDEX(vaddr, l)  (((vaddr) >> LEVEL_PAGE_BITS(l)) & MASK(PT_INDEX_BITS))

#define LARGE_PAGE_BITS     LEVEL_PAGE_BITS(1)   /* 2 MiB */
#define HUGE_PAGE_BITS      LEVEL_PAGE_BITS(0)   /* 1 GiB */

/* Frame sizes as frame caps encode them (internal). */
enum vm_page_size {
    RISCV_4K_Page = 0,
    RISCV_Mega_Page = 1,
    RISCV_Giga_Page = 2,
};

static inline word_t pageBitsForSize(word_t size)
{
    switch (size) {
    case RISCV_4K_Page:
        return PAGE_BITS;
    case RISCV_Mega_Page:
        return LARGE_PAGE_BITS;
    default:
        return HUGE_PAGE_BITS;
    }
}

/* VM rights carried by frame caps (internal encoding, as seL4 orders them). */
enum vm_rights {
    VMKernelOnly = 1,
    VMReadOnly = 2,
    VMReadWrite = 3,
};

#define SATP_MODE_SV39      8ul

/* The direct map: every physical address below PADDR_TOP at paddr + PPTR_BASE. */
static inline pptr_t ptrFromPAddr_w(paddr_t paddr) { return paddr + PPTR_BASE; }
static inline paddr_t addrFromPPtr_w(pptr_t pptr) { return pptr - PPTR_BASE; }
#define ptrFromPAddr(pa)    ((void *)ptrFromPAddr_w((paddr_t)(pa)))
#define addrFromPPtr(p)     addrFromPPtr_w((pptr_t)(p))
/* Objects inside the kernel image (e.g. kernel page tables in .bss). */
#define addrFromKPPtr(p)    ((paddr_t)(p) - KERNEL_OFFSET)

#define USER_TOP            LARCH_USER_TOP
