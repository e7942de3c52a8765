/*
 * RISC-V VM invocations (seL4's src/arch/riscv/kernel/vspace.c): PageTable Map/Unmap, Page
 * Map/Unmap/
 * GetAddress, ASIDControl MakePool, ASIDPool Assign. All checks first, then one
 * update of a PTE and the cap describing it.
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

static exception_t invalidRoot(void)
{
    current_lookup_fault = lookup_fault_invalid_root_new();
    return syscall_error_failed_lookup(false);
}

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
static exception_t lookupVSpaceRoot(cap_t lvl1ptCap, pte_t **root, asid_t *asid)
{
    if (cap_get_capType(lvl1ptCap) != cap_page_table_cap ||
        !cap_page_table_cap_get_capPTIsMapped(lvl1ptCap)) {
        return syscall_error_invalid_cap(1);
    }
    *root = (pte_t *)cap_page_table_cap_get_capPTBasePtr(lvl1ptCap);
    *asid = cap_page_table_cap_get_capPTMappedASID(lvl1ptCap);
    return EXCEPTION_NONE;
}

static exception_t checkVSpaceForASID(asid_t asid, pte_t *root)
{
    pte_t *found = findVSpaceForASID(asid);
    if (!found) {
        return invalidRoot();
    }
    if (found != root) {
        return syscall_error_invalid_cap(1);
    }
    return EXCEPTION_NONE;
}

/* --- page tables -------------------------------------------------------------------- */

static exception_t decodePageTableInvocation(word_t invLabel, word_t length, cte_t *cte,
                                             cap_t cap, word_t *buffer)
{
    if (invLabel == RISCVPageTableUnmap) {
        if (!isFinalCapability(cte)) {
            return syscall_error_simple(seL4_RevokeFirst);
        }
        pte_t *pt = (pte_t *)cap_page_table_cap_get_capPTBasePtr(cap);
        bool_t mapped = cap_page_table_cap_get_capPTIsMapped(cap);
        asid_t asid = cap_page_table_cap_get_capPTMappedASID(cap);
        if (mapped && findVSpaceForASID(asid) == pt) {
            /* the root of a live address space is not unmapped this way */
            return syscall_error_simple(seL4_RevokeFirst);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        if (mapped) {
            unmapPageTable(asid, cap_page_table_cap_get_capPTMappedAddress(cap), pt);
        }
        memset(pt, 0, BIT(seL4_PageTableBits));
        cte->cap = cap_page_table_cap_set_capPTIsMapped(cap, 0);
        return EXCEPTION_NONE;
    }
    if (invLabel != RISCVPageTableMap) {
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (length < 2 || current_extra_caps.excaprefs[0] == NULL) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    if (cap_page_table_cap_get_capPTIsMapped(cap)) {
        return syscall_error_invalid_cap(0);
    }
    vptr_t vaddr = getSyscallArg(0, buffer);
    pte_t *root;
    asid_t asid;
    exception_t status = lookupVSpaceRoot(current_extra_caps.excaprefs[0]->cap, &root, &asid);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    if (vaddr >= USER_TOP) {
        return syscall_error_invalid_argument(0);
    }
    status = checkVSpaceForASID(asid, root);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    lookupPTSlot_ret_t lu = lookupPTSlot(root, vaddr);
    if (lu.ptBitsLeft == seL4_PageBits || pte_get_valid(*lu.ptSlot)) {
        return syscall_error_simple(seL4_DeleteFirst);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    pptr_t pt = cap_page_table_cap_get_capPTBasePtr(cap);
    cap = cap_page_table_cap_set_capPTIsMapped(cap, 1);
    cap = cap_page_table_cap_set_capPTMappedASID(cap, asid);
    cap = cap_page_table_cap_set_capPTMappedAddress(cap, vaddr & ~MASK(lu.ptBitsLeft));
    cte->cap = cap;
    *lu.ptSlot = pte_next_table(addrFromPPtr(pt));
    sfence_vma();
    return EXCEPTION_NONE;
}

/* --- frames ------------------------------------------------------------------------- */

static exception_t decodeFrameMap(word_t length, cte_t *cte, cap_t cap, word_t *buffer)
{
    if (length < 3 || current_extra_caps.excaprefs[0] == NULL) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    vptr_t vaddr = getSyscallArg(0, buffer);
    word_t rightsMask = getSyscallArg(1, buffer);
    vm_attributes_t attr = { .words = { getSyscallArg(2, buffer) } };
    word_t frameSize = cap_frame_cap_get_capFSize(cap);
    word_t pageBits = pageBitsForSize(frameSize);

    pte_t *root;
    asid_t asid;
    exception_t status = lookupVSpaceRoot(current_extra_caps.excaprefs[0]->cap, &root, &asid);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    status = checkVSpaceForASID(asid, root);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    /*
     * seL4's order: the end of the range first, then alignment. The end wraps only for an
     * unaligned vaddr (an aligned one ends at most at the top of the address space), so a
     * wrapped end falls through to the alignment error, as in seL4.
     */
    if (vaddr + BIT(pageBits) - 1 >= USER_TOP) {
        return syscall_error_invalid_argument(0);
    }
    if (!IS_ALIGNED(vaddr, pageBits)) {
        return syscall_error_simple(seL4_AlignmentError);
    }
    lookupPTSlot_ret_t lu = lookupPTSlot(root, vaddr);
    if (lu.ptBitsLeft != pageBits) {
        current_lookup_fault = lookup_fault_missing_capability_new(lu.ptBitsLeft);
        return syscall_error_failed_lookup(false);
    }
    asid_t frameASID = cap_frame_cap_get_capFMappedASID(cap);
    if (frameASID != 0) {
        /* already mapped: only a remap at the same place (new rights) is allowed */
        if (frameASID != asid) {
            return syscall_error_invalid_cap(1);
        }
        if (cap_frame_cap_get_capFMappedAddress(cap) != vaddr) {
            return syscall_error_invalid_argument(0);
        }
    } else if (pte_get_valid(*lu.ptSlot)) {
        return syscall_error_simple(seL4_DeleteFirst);
    }
    word_t vmRights = maskVMRights(cap_frame_cap_get_capFVMRights(cap),
                                    (seL4_CapRights_t){ .words = { rightsMask } });
    bool_t executable = !vm_attributes_get_riscvExecuteNever(attr);
    pte_t pte = makeUserPTE(addrFromPPtr(cap_frame_cap_get_capFBasePtr(cap)), executable, vmRights);

    setThreadState(ksCurThread, ThreadState_Restart);
    cap = cap_frame_cap_set_capFMappedASID(cap, asid);
    cte->cap = cap_frame_cap_set_capFMappedAddress(cap, vaddr);
    *lu.ptSlot = pte;
    sfence_vma();
    return EXCEPTION_NONE;
}

static exception_t decodeFrameInvocation(word_t invLabel, word_t length, cte_t *cte, cap_t cap,
                                         bool_t call, word_t *buffer)
{
    switch (invLabel) {
    case RISCVPageMap:
        return decodeFrameMap(length, cte, cap, buffer);
    case RISCVPageUnmap:
        setThreadState(ksCurThread, ThreadState_Restart);
        if (cap_frame_cap_get_capFMappedASID(cap)) {
            unmapPage(cap_frame_cap_get_capFSize(cap), cap_frame_cap_get_capFMappedASID(cap),
                      cap_frame_cap_get_capFMappedAddress(cap), cap_frame_cap_get_capFBasePtr(cap));
        }
        cap = cap_frame_cap_set_capFMappedASID(cap, 0);
        cte->cap = cap_frame_cap_set_capFMappedAddress(cap, 0);
        return EXCEPTION_NONE;
    case RISCVPageGetAddress:
        setThreadState(ksCurThread, ThreadState_Restart);
        if (call) {
            word_t *ipcBuffer = lookupIPCBuffer(true, ksCurThread);
            setRegister(ksCurThread, badgeRegister, 0);
            word_t len = setMR(ksCurThread, ipcBuffer, 0,
                               addrFromPPtr(cap_frame_cap_get_capFBasePtr(cap)));
            setRegister(ksCurThread, msgInfoRegister,
                        wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, len)));
        }
        setThreadState(ksCurThread, ThreadState_Running);
        return EXCEPTION_NONE;
    default:
        return syscall_error_simple(seL4_IllegalOperation);
    }
}

/* --- ASIDs -------------------------------------------------------------------------- */

static exception_t decodeASIDControl(word_t invLabel, word_t length, word_t *buffer)
{
    if (invLabel != RISCVASIDControlMakePool) {
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (length < 2 || current_extra_caps.excaprefs[0] == NULL ||
        current_extra_caps.excaprefs[1] == NULL) {
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
        return syscall_error_simple(seL4_DeleteFirst);
    }
    asid_t asid_base = i << ASID_POOL_INDEX_BITS;
    if (cap_get_capType(untyped) != cap_untyped_cap ||
        cap_untyped_cap_get_capBlockSize(untyped) != seL4_ASIDPoolBits ||
        cap_untyped_cap_get_capIsDevice(untyped)) {
        return syscall_error_invalid_cap(1);
    }
    if (!slotHasNoChildren(parentSlot)) {
        return syscall_error_simple(seL4_RevokeFirst);
    }
    lookupSlot_ret_t lu = lookupSlotForCNodeOp(false, root, index, depth);
    if (lu.status != EXCEPTION_NONE) {
        return lu.status;
    }
    if (cap_get_capType(lu.slot->cap) != cap_null_cap) {
        return syscall_error_simple(seL4_DeleteFirst);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    pptr_t frame = cap_untyped_cap_get_capPtr(untyped);
    /* the whole untyped becomes the pool */
    parentSlot->cap = cap_untyped_cap_set_capFreeIndex(untyped, MAX_FREE_INDEX(seL4_ASIDPoolBits));
    memset((void *)frame, 0, BIT(seL4_ASIDPoolBits));
    cteInsert(cap_asid_pool_cap_new(asid_base, frame), parentSlot, lu.slot);
    riscvKSASIDTable[i] = (asid_pool_t *)frame;
    return EXCEPTION_NONE;
}

static exception_t decodeASIDPool(word_t invLabel, cap_t cap)
{
    if (invLabel != RISCVASIDPoolAssign) {
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (current_extra_caps.excaprefs[0] == NULL) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    cte_t *vspaceCapSlot = current_extra_caps.excaprefs[0];
    cap_t vspaceCap = vspaceCapSlot->cap;
    if (cap_get_capType(vspaceCap) != cap_page_table_cap ||
        cap_page_table_cap_get_capPTIsMapped(vspaceCap)) {
        return syscall_error_invalid_cap(1);
    }
    asid_t base = cap_asid_pool_cap_get_capASIDBase(cap);
    asid_pool_t *pool = riscvKSASIDTable[ASID_HIGH(base)];
    if (!pool) {
        return invalidRoot();
    }
    if (pool != (asid_pool_t *)cap_asid_pool_cap_get_capASIDPool(cap)) {
        return syscall_error_invalid_cap(0);
    }
    /* lowest free ASID in the pool; ASID 0 is never handed out */
    word_t i;
    for (i = (base == 0) ? 1 : 0; i < BIT(ASID_POOL_INDEX_BITS) && pool->array[i]; i++) {
    }
    if (i == BIT(ASID_POOL_INDEX_BITS)) {
        return syscall_error_simple(seL4_DeleteFirst);
    }
    asid_t asid = base + i;
    setThreadState(ksCurThread, ThreadState_Restart);
    pte_t *root = (pte_t *)cap_page_table_cap_get_capPTBasePtr(vspaceCap);
    vspaceCap = cap_page_table_cap_set_capPTIsMapped(vspaceCap, 1);
    vspaceCap = cap_page_table_cap_set_capPTMappedASID(vspaceCap, asid);
    vspaceCapSlot->cap = cap_page_table_cap_set_capPTMappedAddress(vspaceCap, 0);
    copyGlobalMappings(root);
    pool->array[i] = root;
    return EXCEPTION_NONE;
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
