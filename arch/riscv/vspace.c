/*
 * Kernel page tables and switching between address spaces.
 *
 * The kernel's root table maps: all physical memory below PADDR_TOP at PPTR_BASE with
 * 1 GiB pages, the 1 GiB window holding the kernel image at PPTR_TOP, and the kernel's
 * devices with 2 MiB pages at KDEV_BASE. Every VSpace root gets a copy of those entries.
 */
#include <kernel/vspace.h>
#include <kernel/boot.h>
#include <kernel/thread.h>
#include <arch/machine.h>
#include <machine/io.h>

pte_t kernel_root_pageTable[PT_ENTRIES] ALIGN(BIT(PT_SIZE_BITS));
static pte_t kernel_device_pageTable[PT_ENTRIES] ALIGN(BIT(PT_SIZE_BITS));
asid_pool_t *riscvKSASIDTable[BIT(seL4_NumASIDPoolsBits)];
bool_t riscvKSStaleVTables;

static const struct { paddr_t paddr; word_t size; } kernel_devices[] = PLAT_KERNEL_DEVICES;
/* Where each kernel device appears in the device window (filled by map_kernel_window). */
static pptr_t kernel_device_vaddrs[ARRAY_SIZE(kernel_devices)];

/* Kernel devices are never user memory; seL4 reserves their 2 MiB mappings. */
BOOT_CODE bool_t reserve_kernel_devices(void)
{
    for (word_t i = 0; i < ARRAY_SIZE(kernel_devices); i++) {
        paddr_t base = ROUND_DOWN(kernel_devices[i].paddr, LARGE_PAGE_BITS);
        paddr_t end = ROUND_UP(kernel_devices[i].paddr + kernel_devices[i].size,
                               LARGE_PAGE_BITS);
        if (!reserve_region((p_region_t){ base, end })) {
            return false;
        }
    }
    return true;
}

/* A global kernel leaf: readable, writable, executable, never user-accessible. */
static pte_t kernel_leaf(paddr_t paddr)
{
    return pte_new(0, paddr >> PAGE_BITS, 0, 1, 1, 1, 0, 1, 1, 1, 1);
}

BOOT_CODE void map_kernel_window(void)
{
    /* direct map of physical memory */
    for (paddr_t pa = 0; pa < PADDR_TOP; pa += BIT(HUGE_PAGE_BITS)) {
        kernel_root_pageTable[PT_INDEX(PPTR_BASE + pa, 0)] = kernel_leaf(pa);
    }
    /* the kernel image's 1 GiB window */
    paddr_t image = ROUND_DOWN(KERNEL_ELF_PADDR_BASE, HUGE_PAGE_BITS);
    kernel_root_pageTable[PT_INDEX(KERNEL_ELF_BASE, 0)] = kernel_leaf(image);

    /* kernel devices, one after another from KDEV_BASE in 2 MiB steps */
    pptr_t next = KDEV_BASE;
    for (word_t i = 0; i < ARRAY_SIZE(kernel_devices); i++) {
        paddr_t base = ROUND_DOWN(kernel_devices[i].paddr, LARGE_PAGE_BITS);
        paddr_t end = ROUND_UP(kernel_devices[i].paddr + kernel_devices[i].size, LARGE_PAGE_BITS);
        kernel_device_vaddrs[i] = next + (kernel_devices[i].paddr - base);
        for (paddr_t pa = base; pa < end; pa += BIT(LARGE_PAGE_BITS)) {
            assert(next >= KDEV_BASE);
            kernel_device_pageTable[PT_INDEX(next, 1)] =
                pte_new(0, pa >> PAGE_BITS, 0, 1, 1, 1, 0, 0, 1, 1, 1);
            next += BIT(LARGE_PAGE_BITS);
        }
    }
    kernel_root_pageTable[PT_INDEX(KDEV_BASE, 0)] =
        pte_next_table(addrFromKPPtr(kernel_device_pageTable));
}

pptr_t kdev_vaddr(paddr_t paddr)
{
    for (word_t i = 0; i < ARRAY_SIZE(kernel_devices); i++) {
        if (paddr >= kernel_devices[i].paddr &&
            paddr < kernel_devices[i].paddr + kernel_devices[i].size) {
            return kernel_device_vaddrs[i] + (paddr - kernel_devices[i].paddr);
        }
    }
    fail("kdev_vaddr: not a kernel device");
}

void activate_kernel_vspace(void)
{
    write_satp(addrFromKPPtr(kernel_root_pageTable), 0);
    sfence_vma();
}

void copyGlobalMappings(pte_t *newRoot)
{
    for (word_t i = PT_INDEX(PPTR_BASE, 0); i < PT_ENTRIES; i++) {
        newRoot[i] = kernel_root_pageTable[i];
    }
}

/* Walk from the root towards vaddr until an entry that is not a next-level table. */
lookupPTSlot_ret_t lookupPTSlot(pte_t *root, vptr_t vaddr)
{
    pte_t *pt = root;
    word_t level = 0;
    pte_t *slot = pt + PT_INDEX(vaddr, 0);
    while (pte_isPageTable(*slot) && level < PT_LEVELS - 1) {
        level++;
        pt = ptePtr_next(*slot);
        slot = pt + PT_INDEX(vaddr, level);
    }
    return (lookupPTSlot_ret_t){ .ptSlot = slot, .ptBitsLeft = LEVEL_PAGE_BITS(level) };
}

/*
 * The kernel reaches a thread's IPC buffer through the frame cap in its TCB, never
 * through the page tables (seL4's lookupIPCBuffer, src/arch/riscv/kernel/vspace.c). No
 * usable cap: no buffer.
 */
word_t *lookupIPCBuffer(bool_t isReceiver, tcb_t *thread)
{
    cap_t bufferCap = TCB_CTE_PTR(thread, tcbBuffer)->cap;
    if (cap_get_capType(bufferCap) != cap_frame_cap || cap_frame_cap_get_capFIsDevice(bufferCap)) {
        return NULL;
    }
    word_t rights = cap_frame_cap_get_capFVMRights(bufferCap);
    if (rights != VMReadWrite && (isReceiver || rights != VMReadOnly)) {
        return NULL;
    }
    word_t w_bufferPtr = thread->tcbIPCBuffer;
    pptr_t basePtr = cap_frame_cap_get_capFBasePtr(bufferCap);
    word_t pageBits = pageBitsForSize(cap_frame_cap_get_capFSize(bufferCap));
    return (word_t *)(basePtr + (w_bufferPtr & MASK(pageBits)));
}

/* --- removing translations ---------------------------------------------------------- */

static const pte_t pte_invalid = { .words = { 0 } };

/* Remove the mapping of frame pptr at vptr in asid, if it is still there. */
void unmapPage(word_t page_size, asid_t asid, vptr_t vptr, pptr_t pptr)
{
    pte_t *root = findVSpaceForASID(asid);
    if (!root) {
        return;
    }
    lookupPTSlot_ret_t r = lookupPTSlot(root, vptr);
    if (r.ptBitsLeft != pageBitsForSize(page_size)) {
        return;
    }
    pte_t pte = *r.ptSlot;
    if (!pte_get_valid(pte) || pte_isPageTable(pte) ||
        pte_get_ppn(pte) != addrFromPPtr(pptr) >> PAGE_BITS) {
        return;
    }
    *r.ptSlot = pte_invalid;
    sfence_vma_addr_asid(vptr, asid);
}

/* Unhook page table target_pt from the tables of asid, if it is still hooked at vaddr. */
void unmapPageTable(asid_t asid, vptr_t vaddr, pte_t *target_pt)
{
    pte_t *pt = findVSpaceForASID(asid);
    if (!pt) {
        return;
    }
    pte_t *slot = NULL;
    for (word_t level = 0; level < PT_LEVELS - 1 && pt != target_pt; level++) {
        slot = pt + PT_INDEX(vaddr, level);
        if (!pte_isPageTable(*slot)) {
            return;
        }
        pt = ptePtr_next(*slot);
    }
    if (pt != target_pt || !slot) {
        return;
    }
    *slot = pte_invalid;
    sfence_vma_asid(asid);
}

void deleteASID(asid_t asid, pte_t *vspace)
{
    asid_pool_t *pool = riscvKSASIDTable[ASID_HIGH(asid)];
    if (pool && pool->array[ASID_LOW(asid)] == vspace) {
        sfence_vma_asid(asid);
        pool->array[ASID_LOW(asid)] = NULL;
        setVMRoot(ksCurThread);
    }
}

void deleteASIDPool(asid_t asid_base, asid_pool_t *pool)
{
    if (riscvKSASIDTable[ASID_HIGH(asid_base)] != pool) {
        return;
    }
    for (word_t i = 0; i < BIT(ASID_POOL_INDEX_BITS); i++) {
        if (pool->array[i]) {
            sfence_vma_asid(asid_base + i);
            /* caps to that root stay mapped as this ASID, which names nothing now */
            riscvKSStaleVTables = true;
        }
    }
    riscvKSASIDTable[ASID_HIGH(asid_base)] = NULL;
    setVMRoot(ksCurThread);
}
