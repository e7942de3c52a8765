/*
 * RISC-V VM invocations (seL4's src/arch/riscv/kernel/vspace.c): PageTable Map/Unmap, Page
 * Map/Unmap/GetAddress, ASIDControl MakePool, ASIDPool Assign. Each decoder checks
 * everything, then the invoke function makes the one update of a PTE (or pool) and the
 * cap describing it.
 */
#include <kernel/vspace.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <object/mdb.h>
#include <object/untyped.h>
#include <object/objecttype.h>
#include <object/invocation.h>
#include <api/failures.h>
#include <api/message.h>
#include <arch/machine.h>
#include <kernel/usererror.h>

/* A user leaf PTE; with no access at all it is simply invalid (seL4's
 * include/arch/riscv/arch/object/structures.bf). */
static pte_t makeUserPTE(paddr_t paddr, bool_t executable, word_t vm_rights)
{
    bool_t read = vm_rights != VMKernelOnly;
    bool_t write = vm_rights == VMReadWrite;
    if (!read && !write && !executable) {
        return (pte_t){ .words = { 0 } };
    }
    return pte_new(0, paddr >> PAGE_BITS, 0, 1, 1, 0, 1, executable, write, read, 1);
}

/* The VSpace root named by extra cap 0, checked against its ASID's registration. */
static exception_t lookupVSpaceRoot(const char *operation, cap_t lvl1ptCap, pte_t **root,
                                    asid_t *asid)
{
    if (cap_get_capType(lvl1ptCap) != cap_page_table_cap) {
        userError("%s: the VSpace cap is of type %lu, not a page table.", operation,
                  (word_t)cap_get_capType(lvl1ptCap));
        return syscall_error_invalid_cap(1);
    }
    if (!cap_page_table_cap_get_capPTIsMapped(lvl1ptCap)) {
        userError("%s: the VSpace's page table has no ASID (it is not a VSpace root).",
                  operation);
        return syscall_error_invalid_cap(1);
    }
    *root = (pte_t *)cap_page_table_cap_get_capPTBasePtr(lvl1ptCap);
    *asid = cap_page_table_cap_get_capPTMappedASID(lvl1ptCap);
    return EXCEPTION_NONE;
}

static exception_t checkVSpaceForASID(const char *operation, asid_t asid, pte_t *root)
{
    pte_t *found = findVSpaceForASID(asid);
    if (!found) {
        userError("%s: ASID %lu of the VSpace names no address space.", operation,
                  (word_t)asid);
        current_lookup_fault = lookup_fault_invalid_root_new();
        return syscall_error_failed_lookup(false);
    }
    if (found != root) {
        userError("%s: ASID %lu belongs to another VSpace root (%p, not %p).", operation,
                  (word_t)asid, (void *)found, (void *)root);
        return syscall_error_invalid_cap(1);
    }
    return EXCEPTION_NONE;
}

/* --- page tables -------------------------------------------------------------------- */

static exception_t invokePageTableUnmap(cap_t cap, cte_t *cte)
{
    pte_t *pt = (pte_t *)cap_page_table_cap_get_capPTBasePtr(cap);
    if (cap_page_table_cap_get_capPTIsMapped(cap)) {
        unmapPageTable(cap_page_table_cap_get_capPTMappedASID(cap),
                       cap_page_table_cap_get_capPTMappedAddress(cap), pt);
    }
    memset(pt, 0, BIT(seL4_PageTableBits));
    cte->cap = cap_page_table_cap_set_capPTIsMapped(cap, 0);
    return EXCEPTION_NONE;
}

static exception_t invokePageTableMap(cap_t cap, cte_t *cte, pte_t pte, pte_t *ptSlot)
{
    cte->cap = cap;
    *ptSlot = pte;
    sfence_vma();
    return EXCEPTION_NONE;
}

static exception_t decodePageTableUnmap(cte_t *cte, cap_t cap)
{
    if (!isFinalCapability(cte)) {
        userError("PageTable Unmap: other caps to the page table exist (revoke them first).");
        return syscall_error_simple(seL4_RevokeFirst);
    }
    pte_t *pt = (pte_t *)cap_page_table_cap_get_capPTBasePtr(cap);
    if (cap_page_table_cap_get_capPTIsMapped(cap) &&
        findVSpaceForASID(cap_page_table_cap_get_capPTMappedASID(cap)) == pt) {
        /* the root of a live address space is not unmapped this way */
        userError("PageTable Unmap: the page table is the VSpace root of ASID %lu.",
                  (word_t)cap_page_table_cap_get_capPTMappedASID(cap));
        return syscall_error_simple(seL4_RevokeFirst);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokePageTableUnmap(cap, cte);
}

static exception_t decodePageTableMap(word_t length, cte_t *cte, cap_t cap, word_t *buffer)
{
    if (length < 2 || current_extra_caps.excaprefs[0] == NULL) {
        userErrorTruncated("PageTable Map", length, 2, 1);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    if (cap_page_table_cap_get_capPTIsMapped(cap)) {
        userError("PageTable Map: the page table is already mapped (at 0x%lx, ASID %lu).",
                  (word_t)cap_page_table_cap_get_capPTMappedAddress(cap),
                  (word_t)cap_page_table_cap_get_capPTMappedASID(cap));
        return syscall_error_invalid_cap(0);
    }
    vptr_t vaddr = getSyscallArg(0, buffer);
    pte_t *root;
    asid_t asid;
    exception_t status = lookupVSpaceRoot("PageTable Map", current_extra_caps.excaprefs[0]->cap,
                                          &root, &asid);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    if (vaddr >= USER_TOP) {
        userError("PageTable Map: address 0x%lx is not below the user top 0x%lx.", vaddr,
                  (word_t)USER_TOP);
        return syscall_error_invalid_argument(0);
    }
    status = checkVSpaceForASID("PageTable Map", asid, root);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    lookupPTSlot_ret_t lu = lookupPTSlot(root, vaddr);
    if (lu.ptBitsLeft == seL4_PageBits || pte_get_valid(*lu.ptSlot)) {
        userError("PageTable Map: address 0x%lx already has every level of page table or a "
                  "mapping.", vaddr);
        return syscall_error_simple(seL4_DeleteFirst);
    }
    pptr_t pt = cap_page_table_cap_get_capPTBasePtr(cap);
    cap = cap_page_table_cap_set_capPTIsMapped(cap, 1);
    cap = cap_page_table_cap_set_capPTMappedASID(cap, asid);
    cap = cap_page_table_cap_set_capPTMappedAddress(cap, vaddr & ~MASK(lu.ptBitsLeft));
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokePageTableMap(cap, cte, pte_next_table(addrFromPPtr(pt)), lu.ptSlot);
}

static exception_t decodePageTableInvocation(word_t invLabel, word_t length, cte_t *cte,
                                             cap_t cap, word_t *buffer)
{
    switch (invLabel) {
    case RISCVPageTableUnmap:
        return decodePageTableUnmap(cte, cap);
    case RISCVPageTableMap:
        return decodePageTableMap(length, cte, cap, buffer);
    default:
        userError("PageTable: label %lu is not a PageTable invocation.", invLabel);
        return syscall_error_simple(seL4_IllegalOperation);
    }
}

/* --- frames ------------------------------------------------------------------------- */

static exception_t invokePageMap(cap_t cap, cte_t *cte, pte_t pte, pte_t *ptSlot)
{
    cte->cap = cap;
    *ptSlot = pte;
    sfence_vma();
    return EXCEPTION_NONE;
}

static exception_t invokePageUnmap(cap_t cap, cte_t *cte)
{
    if (cap_frame_cap_get_capFMappedASID(cap)) {
        unmapPage(cap_frame_cap_get_capFSize(cap), cap_frame_cap_get_capFMappedASID(cap),
                  cap_frame_cap_get_capFMappedAddress(cap), cap_frame_cap_get_capFBasePtr(cap));
    }
    cap = cap_frame_cap_set_capFMappedASID(cap, 0);
    cte->cap = cap_frame_cap_set_capFMappedAddress(cap, 0);
    return EXCEPTION_NONE;
}

/* The reply carries the frame's physical address. */
static exception_t invokePageGetAddress(paddr_t paddr, bool_t call)
{
    if (call) {
        word_t *ipcBuffer = lookupIPCBuffer(true, ksCurThread);
        setRegister(ksCurThread, badgeRegister, 0);
        word_t len = setMR(ksCurThread, ipcBuffer, 0, paddr);
        setRegister(ksCurThread, msgInfoRegister,
                    wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, len)));
    }
    /* the reply is the one just written, not the empty success reply */
    setThreadState(ksCurThread, ThreadState_Running);
    return EXCEPTION_NONE;
}

static exception_t decodeFrameMap(word_t length, cte_t *cte, cap_t cap, word_t *buffer)
{
    if (length < 3 || current_extra_caps.excaprefs[0] == NULL) {
        userErrorTruncated("Page Map", length, 3, 1);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    vptr_t vaddr = getSyscallArg(0, buffer);
    word_t rightsMask = getSyscallArg(1, buffer);
    vm_attributes_t attr = { .words = { getSyscallArg(2, buffer) } };
    word_t frameSize = cap_frame_cap_get_capFSize(cap);
    word_t pageBits = pageBitsForSize(frameSize);

    pte_t *root;
    asid_t asid;
    exception_t status = lookupVSpaceRoot("Page Map", current_extra_caps.excaprefs[0]->cap, &root,
                                          &asid);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    status = checkVSpaceForASID("Page Map", asid, root);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    /*
     * seL4's order: the end of the range first, then alignment. The end wraps only for an
     * unaligned vaddr (an aligned one ends at most at the top of the address space), so a
     * wrapped end falls through to the alignment error, as in seL4.
     */
    if (vaddr + BIT(pageBits) - 1 >= USER_TOP) {
        userError("Page Map: a 2^%lu-byte frame at 0x%lx reaches past the user top 0x%lx.",
                  pageBits, vaddr, (word_t)USER_TOP);
        return syscall_error_invalid_argument(0);
    }
    if (!IS_ALIGNED(vaddr, pageBits)) {
        userError("Page Map: address 0x%lx is not aligned to the frame's 2^%lu bytes.", vaddr,
                  pageBits);
        return syscall_error_simple(seL4_AlignmentError);
    }
    lookupPTSlot_ret_t lu = lookupPTSlot(root, vaddr);
    if (lu.ptBitsLeft != pageBits) {
        /* no diagnostic, as in seL4: this is the normal "map a page table, then retry"
         * step of every VSpace library, and would print once per page table */
        current_lookup_fault = lookup_fault_missing_capability_new(lu.ptBitsLeft);
        return syscall_error_failed_lookup(false);
    }
    asid_t frameASID = cap_frame_cap_get_capFMappedASID(cap);
    if (frameASID != 0) {
        /* already mapped: only a remap at the same place (new rights) is allowed */
        if (frameASID != asid) {
            userError("Page Map: the frame is mapped in ASID %lu, not in this VSpace's %lu.",
                      (word_t)frameASID, (word_t)asid);
            return syscall_error_invalid_cap(1);
        }
        if (cap_frame_cap_get_capFMappedAddress(cap) != vaddr) {
            userError("Page Map: the frame is mapped at 0x%lx; a cap maps at one address, not "
                      "also 0x%lx.", (word_t)cap_frame_cap_get_capFMappedAddress(cap), vaddr);
            return syscall_error_invalid_argument(0);
        }
    } else if (pte_get_valid(*lu.ptSlot)) {
        userError("Page Map: address 0x%lx is already mapped.", vaddr);
        return syscall_error_simple(seL4_DeleteFirst);
    }
    seL4_CapRights_t rights = { .words = { rightsMask } };
    word_t capRights = cap_frame_cap_get_capFVMRights(cap);
    word_t vmRights = maskVMRights(capRights, rights);
    if (capRights == VMReadWrite && !seL4_CapRights_get_capAllowRead(rights) &&
        seL4_CapRights_get_capAllowWrite(rights)) {
        /* not an error: the frame is mapped, without access */
        userError("Page Map: write-only mappings do not exist; 0x%lx is mapped with no access.",
                  vaddr);
    }
    bool_t executable = !vm_attributes_get_riscvExecuteNever(attr);
    pte_t pte = makeUserPTE(addrFromPPtr(cap_frame_cap_get_capFBasePtr(cap)), executable, vmRights);
    cap = cap_frame_cap_set_capFMappedASID(cap, asid);
    cap = cap_frame_cap_set_capFMappedAddress(cap, vaddr);
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokePageMap(cap, cte, pte, lu.ptSlot);
}

static exception_t decodeFrameInvocation(word_t invLabel, word_t length, cte_t *cte, cap_t cap,
                                         bool_t call, word_t *buffer)
{
    switch (invLabel) {
    case RISCVPageMap:
        return decodeFrameMap(length, cte, cap, buffer);
    case RISCVPageUnmap:
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokePageUnmap(cap, cte);
    case RISCVPageGetAddress:
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokePageGetAddress(addrFromPPtr(cap_frame_cap_get_capFBasePtr(cap)), call);
    default:
        userError("Page: label %lu is not a Page invocation.", invLabel);
        return syscall_error_simple(seL4_IllegalOperation);
    }
}

/* --- ASIDs -------------------------------------------------------------------------- */

/* The whole untyped (with no children) becomes the pool for ASIDs from asidBase. */
static exception_t invokeASIDControl(asid_t asidBase, cte_t *parentSlot, cte_t *destSlot)
{
    cap_t untyped = parentSlot->cap;
    pptr_t frame = cap_untyped_cap_get_capPtr(untyped);
    parentSlot->cap = cap_untyped_cap_set_capFreeIndex(untyped, MAX_FREE_INDEX(seL4_ASIDPoolBits));
    memset((void *)frame, 0, BIT(seL4_ASIDPoolBits));
    cteInsert(cap_asid_pool_cap_new(asidBase, frame), parentSlot, destSlot);
    riscvKSASIDTable[ASID_HIGH(asidBase)] = (asid_pool_t *)frame;
    return EXCEPTION_NONE;
}

static exception_t decodeASIDControl(word_t invLabel, word_t length, word_t *buffer)
{
    if (invLabel != RISCVASIDControlMakePool) {
        userError("ASIDControl: label %lu is not an ASIDControl invocation.", invLabel);
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (length < 2 || current_extra_caps.excaprefs[0] == NULL ||
        current_extra_caps.excaprefs[1] == NULL) {
        userErrorTruncated("ASIDControl MakePool", length, 2, 2);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t index = getSyscallArg(0, buffer);
    word_t depth = getSyscallArg(1, buffer);
    cte_t *parentSlot = current_extra_caps.excaprefs[0];
    cap_t untyped = parentSlot->cap;
    cap_t root = current_extra_caps.excaprefs[1]->cap;

    word_t i;
    for (i = 0; i < nASIDPools && riscvKSASIDTable[i]; i++) {
    }
    if (i == nASIDPools) {
        userError("ASIDControl MakePool: all %lu ASID pools exist already.", (word_t)nASIDPools);
        return syscall_error_simple(seL4_DeleteFirst);
    }
    if (cap_get_capType(untyped) != cap_untyped_cap ||
        cap_untyped_cap_get_capBlockSize(untyped) != seL4_ASIDPoolBits ||
        cap_untyped_cap_get_capIsDevice(untyped)) {
        userError("ASIDControl MakePool: the memory must be a non-device untyped of 2^%lu "
                  "bytes.", (word_t)seL4_ASIDPoolBits);
        return syscall_error_invalid_cap(1);
    }
    if (!slotHasNoChildren(parentSlot)) {
        userError("ASIDControl MakePool: the untyped has children (revoke them first).");
        return syscall_error_simple(seL4_RevokeFirst);
    }
    lookupSlot_ret_t lu = lookupSlotForCNodeOp(false, root, index, depth);
    if (lu.status != EXCEPTION_NONE) {
        userError("ASIDControl MakePool: destination slot (index 0x%lx, depth %lu) not found.",
                  index, depth);
        return lu.status;
    }
    if (cap_get_capType(lu.slot->cap) != cap_null_cap) {
        userError("ASIDControl MakePool: destination slot (index 0x%lx, depth %lu) is not "
                  "empty.", index, depth);
        return syscall_error_simple(seL4_DeleteFirst);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeASIDControl(i << ASID_POOL_INDEX_BITS, parentSlot, lu.slot);
}

/* The VSpace root gets the ASID and the kernel's mappings. */
static exception_t invokeASIDPool(asid_t asid, asid_pool_t *pool, cte_t *vspaceCapSlot)
{
    cap_t vspaceCap = vspaceCapSlot->cap;
    pte_t *root = (pte_t *)cap_page_table_cap_get_capPTBasePtr(vspaceCap);
    vspaceCap = cap_page_table_cap_set_capPTIsMapped(vspaceCap, 1);
    vspaceCap = cap_page_table_cap_set_capPTMappedASID(vspaceCap, asid);
    vspaceCapSlot->cap = cap_page_table_cap_set_capPTMappedAddress(vspaceCap, 0);
    copyGlobalMappings(root);
    pool->array[ASID_LOW(asid)] = root;
    return EXCEPTION_NONE;
}

static exception_t decodeASIDPool(word_t invLabel, cap_t cap)
{
    if (invLabel != RISCVASIDPoolAssign) {
        userError("ASIDPool: label %lu is not an ASIDPool invocation.", invLabel);
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (current_extra_caps.excaprefs[0] == NULL) {
        userError("ASIDPool Assign: no VSpace cap given.");
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    cte_t *vspaceCapSlot = current_extra_caps.excaprefs[0];
    cap_t vspaceCap = vspaceCapSlot->cap;
    if (cap_get_capType(vspaceCap) != cap_page_table_cap) {
        userError("ASIDPool Assign: the VSpace cap is of type %lu, not a page table.",
                  (word_t)cap_get_capType(vspaceCap));
        return syscall_error_invalid_cap(1);
    }
    if (cap_page_table_cap_get_capPTIsMapped(vspaceCap)) {
        userError("ASIDPool Assign: the page table already has ASID %lu or is mapped.",
                  (word_t)cap_page_table_cap_get_capPTMappedASID(vspaceCap));
        return syscall_error_invalid_cap(1);
    }
    asid_t base = cap_asid_pool_cap_get_capASIDBase(cap);
    asid_pool_t *pool = riscvKSASIDTable[ASID_HIGH(base)];
    if (!pool) {
        userError("ASIDPool Assign: the pool for ASIDs from %lu no longer exists.", (word_t)base);
        current_lookup_fault = lookup_fault_invalid_root_new();
        return syscall_error_failed_lookup(false);
    }
    if (pool != (asid_pool_t *)cap_asid_pool_cap_get_capASIDPool(cap)) {
        userError("ASIDPool Assign: ASIDs from %lu now belong to another pool.", (word_t)base);
        return syscall_error_invalid_cap(0);
    }
    /* lowest free ASID in the pool; ASID 0 is never handed out */
    word_t i;
    for (i = (base == 0) ? 1 : 0; i < BIT(ASID_POOL_INDEX_BITS) && pool->array[i]; i++) {
    }
    if (i == BIT(ASID_POOL_INDEX_BITS)) {
        userError("ASIDPool Assign: every ASID of the pool from %lu is in use.", (word_t)base);
        return syscall_error_simple(seL4_DeleteFirst);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeASIDPool(base + i, pool, vspaceCapSlot);
}

exception_t decodeRISCVMMUInvocation(word_t invLabel, word_t length, cte_t *cte, cap_t cap,
                                     bool_t call, word_t *buffer)
{
    switch (cap_get_capType(cap)) {
    case cap_page_table_cap:
        return decodePageTableInvocation(invLabel, length, cte, cap, buffer);
    case cap_frame_cap:
        return decodeFrameInvocation(invLabel, length, cte, cap, call, buffer);
    case cap_asid_control_cap:
        return decodeASIDControl(invLabel, length, buffer);
    case cap_asid_pool_cap:
        return decodeASIDPool(invLabel, cap);
    default:
        fail("decodeRISCVMMUInvocation: not an MMU cap");
    }
}
