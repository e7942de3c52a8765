/*
 * Sv39 address spaces: the kernel's own tables, ASIDs and what threads run in.
 */
#pragma once

#include <object/structures.h>
#include <arch/hardware.h>
#include <arch/machine.h>

#define IT_ASID             1
#define nASIDPools          BIT(seL4_NumASIDPoolsBits)
#define ASID_POOL_INDEX_BITS seL4_ASIDPoolIndexBits
#define ASID_HIGH(asid)     ((asid) >> ASID_POOL_INDEX_BITS)
#define ASID_LOW(asid)      ((asid) & MASK(ASID_POOL_INDEX_BITS))

/* An ASID pool: the VSpace root of each of its 512 ASIDs, or NULL. */
typedef struct asid_pool {
    pte_t *array[BIT(seL4_ASIDPoolIndexBits)];
} asid_pool_t;
compile_assert(asid_pool_size, sizeof(asid_pool_t) == BIT(seL4_ASIDPoolBits));

extern asid_pool_t *riscvKSASIDTable[BIT(seL4_NumASIDPoolsBits)];
/*
 * False until some thread may hold a mapped VTable cap whose ASID does not name that
 * table: an ASID pool with VSpaces in it was deleted (deleteASIDPool), or a mapped
 * page table that is not a VSpace root was installed as a VTable
 * (noteThreadVTable). Until then every such cap names its root, because a root's ASID
 * is only unnamed when its last cap goes (deleteASID) and unmapped page table caps
 * cannot be copied; so the fastpath need not read the ASID table. It stays true.
 */
extern bool_t riscvKSStaleVTables;
extern pte_t kernel_root_pageTable[PT_ENTRIES];

void map_kernel_window(void);
bool_t reserve_kernel_devices(void);
void activate_kernel_vspace(void);
void copyGlobalMappings(pte_t *newRoot);
word_t *lookupIPCBuffer(bool_t isReceiver, tcb_t *thread);
pptr_t kdev_vaddr(paddr_t paddr);

static inline void write_satp(paddr_t root, asid_t asid)
{
    satp_t satp = satp_new(SATP_MODE_SV39, asid, root >> PAGE_BITS);
    write_csr(satp, satp.words[0]);
}

/*
 * Frame caps carry VM rights; masking them with cap rights (Mint/Copy, or Page_Map's
 * rights argument) can only take rights away (seL4's maskVMRights,
 * include/arch/riscv/arch/kernel/vspace.h).
 */
static inline word_t maskVMRights(word_t vm_rights, seL4_CapRights_t rights)
{
    if (vm_rights == VMReadOnly && seL4_CapRights_get_capAllowRead(rights)) {
        return VMReadOnly;
    }
    if (vm_rights == VMReadWrite && seL4_CapRights_get_capAllowRead(rights)) {
        return seL4_CapRights_get_capAllowWrite(rights) ? VMReadWrite : VMReadOnly;
    }
    return VMKernelOnly;
}

/* The VSpace root an ASID stands for, or NULL. */
static inline pte_t *findVSpaceForASID(asid_t asid)
{
    asid_pool_t *pool = riscvKSASIDTable[ASID_HIGH(asid)];
    if (!pool) {
        return NULL;
    }
    return pool->array[ASID_LOW(asid)];
}

/*
 * The satp a VTable cap stands for: its root and ASID, or 0 if it is not a mapped page
 * table. Whether the ASID still names that root is a separate question
 * (satpStillNamed): the fastpath skips it when the satp is the one in use, since
 * deleteASID and deleteASIDPool re-run setVMRoot(ksCurThread) whenever they unname one,
 * and while riscvKSStaleVTables is false.
 */
compile_assert(pptr_base_low38, PPTR_BASE == (word_t)-BIT(38) && PADDR_TOP <= BIT(38));
static inline FORCE_INLINE word_t capSatp(cap_t vtable)
{
    if (cap_get_capType(vtable) != cap_page_table_cap ||
        !cap_page_table_cap_get_capPTIsMapped(vtable)) {
        return 0;
    }
    /* roots lie in the direct map, PPTR_BASE = -2^38 up: paddr = the low 38 bits */
    paddr_t root = cap_page_table_cap_get_capPTBasePtr(vtable) & MASK(38);
    return satp_new(SATP_MODE_SV39, cap_page_table_cap_get_capPTMappedASID(vtable),
                    root >> PAGE_BITS).words[0];
}

/* The satp a thread runs with (see capSatp). */
static inline FORCE_INLINE word_t threadSatp(tcb_t *tcb)
{
    return capSatp(TCB_CTE_PTR(tcb, tcbVTable)->cap);
}

/* Does the satp's ASID still name the satp's root (findVSpaceForASID)? */
static inline FORCE_INLINE bool_t satpStillNamed(word_t satp)
{
    satp_t s = { .words = { satp } };
    return findVSpaceForASID(satp_get_asid(s)) ==
           (pte_t *)ptrFromPAddr(satp_get_ppn(s) << PAGE_BITS);
}

/* cap is becoming a thread's VTable: note it if its ASID does not name it. */
static inline void noteThreadVTable(cap_t cap)
{
    word_t satp = capSatp(cap);
    if (satp && !satpStillNamed(satp)) {
        riscvKSStaleVTables = true;
    }
}

/*
 * Run in tcb's address space: its VTable cap must be a mapped root that its ASID still
 * names, or the thread gets the kernel's tables only (and faults on any user access).
 */
static inline void setVMRoot(tcb_t *tcb)
{
    word_t satp = threadSatp(tcb);
    if (satp == 0 || !satpStillNamed(satp)) {
        write_satp(addrFromKPPtr(kernel_root_pageTable), 0);
        return;
    }
    write_csr(satp, satp);
}

/* A pointer to the next-level table a non-leaf PTE names. */
static inline pte_t *ptePtr_next(pte_t pte)
{
    return (pte_t *)ptrFromPAddr(pte_get_ppn(pte) << PAGE_BITS);
}

static inline bool_t pte_isPageTable(pte_t pte)
{
    return pte_get_valid(pte) && !(pte_get_read(pte) || pte_get_write(pte) ||
                                   pte_get_execute(pte));
}

static inline pte_t pte_next_table(paddr_t table)
{
    /* non-leaf: only V and the PPN (seL4's include/arch/riscv/arch/object/structures.bf) */
    return pte_new(0, table >> PAGE_BITS, 0, 0, 0, 0, 0, 0, 0, 0, 1);
}

/* Where a walk for vaddr stopped: the slot and the size of what it maps. */
typedef struct lookupPTSlot_ret {
    pte_t *ptSlot;
    word_t ptBitsLeft;
} lookupPTSlot_ret_t;

lookupPTSlot_ret_t lookupPTSlot(pte_t *root, vptr_t vaddr);

void unmapPage(word_t page_size, asid_t asid, vptr_t vptr, pptr_t pptr);
void unmapPageTable(asid_t asid, vptr_t vaddr, pte_t *target_pt);
void deleteASID(asid_t asid, pte_t *vspace);
void deleteASIDPool(asid_t asid_base, asid_pool_t *pool);
exception_t decodeRISCVMMUInvocation(word_t invLabel, word_t length, cte_t *cte, cap_t cap,
                                     bool_t call, word_t *buffer);
