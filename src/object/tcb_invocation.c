/*
 * TCB invocations, classic and MCS forms (seL4's src/object/tcb.c): every argument and cap is
 * checked before the target thread changes.
 */
#include <object/tcb.h>
#include <object/mdb.h>
#include <object/objecttype.h>
#include <object/notification.h>
#include <object/invocation.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <api/failures.h>
#include <api/message.h>
#include <arch/machine.h>
#include <arch/fpu.h>
#ifdef CONFIG_KERNEL_MCS
#include <object/schedcontext.h>
#endif

/* seL4_UserContext order (seL4's libsel4/arch_include/riscv/sel4/arch/types.h): pc, ra, sp,
 * gp, s0..s11, a0..a7, t0..t6, tp */
static const register_t frameRegisters[] = {
    FaultIP, ra, sp, gp, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11
};
static const register_t gpRegisters[] = {
    a0, a1, a2, a3, a4, a5, a6, a7, t0, t1, t2, t3, t4, t5, t6, tp
};
#define n_frameRegisters ARRAY_SIZE(frameRegisters)
#define n_gpRegisters ARRAY_SIZE(gpRegisters)
#define n_userContext (n_frameRegisters + n_gpRegisters)

/* Flag bits of Read/Write/CopyRegisters' first argument (seL4's
 * libsel4/include/interfaces/object-api.xml). */
#define FLAG_SUSPEND_SOURCE     BIT(0)
#define FLAG_RESUME_TARGET      BIT(0)
#define COPY_SUSPEND_SOURCE     BIT(0)
#define COPY_RESUME_TARGET      BIT(1)
#define COPY_TRANSFER_FRAME     BIT(2)
#define COPY_TRANSFER_INTEGER   BIT(3)
/* SetFlags: bit 0 disables the FPU for the thread. */
#define TCB_FLAG_FPU_DISABLED   BIT(0)

static word_t contextRegister(word_t i)
{
    return i < n_frameRegisters ? frameRegisters[i] : gpRegisters[i - n_frameRegisters];
}

/* --- checks shared by several invocations ------------------------------------------- */

/* A frame cap that can be an IPC buffer at vptr: non-device, 1024-aligned. */
static exception_t checkValidIPCBuffer(vptr_t vptr, cap_t cap)
{
    if (cap_get_capType(cap) != cap_frame_cap || cap_frame_cap_get_capFIsDevice(cap)) {
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (!IS_ALIGNED(vptr, seL4_IPCBufferSizeBits)) {
        return syscall_error_simple(seL4_AlignmentError);
    }
    return EXCEPTION_NONE;
}

static bool_t isValidVTableRoot(cap_t cap)
{
    return cap_get_capType(cap) == cap_page_table_cap && cap_page_table_cap_get_capPTIsMapped(cap);
}

/* The authority's MCP bounds any priority set through it. */
static exception_t checkPrio(word_t prio, tcb_t *auth)
{
    if (prio > auth->tcbMCP) {
        return syscall_error_range(seL4_MinPrio, auth->tcbMCP);
    }
    return EXCEPTION_NONE;
}

/*
 * Install newCap (derived from srcSlot's cap) in a TCB slot, deleting what was there.
 * The deletion can run arbitrary finalisation, down to destroying the target thread
 * itself (its only TCB cap may live in the CSpace being replaced) or the source cap. So
 * the new cap goes in only if the invoked TCB cap (in tSlot) and the source still name
 * the objects they named at decode time, as in seL4's invokeTCB_ThreadControl. (MCS:
 * a null fault or timeout handler cap just empties the slot.)
 */
static exception_t installTCBCap(tcb_t *target, cap_t tCap, cte_t *tSlot, cte_t *srcSlot,
                                 word_t index, cap_t newCap)
{
    cte_t *slot = TCB_CTE_PTR(target, index);
    exception_t e = cteDelete(slot, true);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    if (cap_get_capType(newCap) != cap_null_cap && sameObjectAs(newCap, srcSlot->cap) &&
        sameObjectAs(tCap, tSlot->cap)) {
        cteInsert(newCap, srcSlot, slot);
    }
    return EXCEPTION_NONE;
}

#ifdef CONFIG_KERNEL_MCS
static bool_t validFaultHandler(cap_t cap);
#endif

/* --- register access ---------------------------------------------------------------- */

static exception_t decodeReadRegisters(cap_t cap, word_t length, bool_t call, word_t *buffer)
{
    if (length < 2) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t flags = getSyscallArg(0, buffer);
    word_t n = getSyscallArg(1, buffer);
    if (n < 1 || n > n_userContext) {
        return syscall_error_range(1, n_userContext);
    }
    tcb_t *thread = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    if (thread == ksCurThread) {
        return syscall_error_simple(seL4_IllegalOperation);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    if (flags & FLAG_SUSPEND_SOURCE) {
        suspend(thread);
    }
    if (call) {
        word_t *ipcBuffer = lookupIPCBuffer(true, ksCurThread);
        setRegister(ksCurThread, badgeRegister, 0);
        word_t i;
        for (i = 0; i < n && i < n_msgRegisters; i++) {
            setRegister(ksCurThread, msgRegisters[i], getRegister(thread, contextRegister(i)));
        }
        if (ipcBuffer) {
            for (; i < n; i++) {
                ipcBuffer[i + 1] = getRegister(thread, contextRegister(i));
            }
        }
        setRegister(ksCurThread, msgInfoRegister,
                    wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, i)));
    }
    setThreadState(ksCurThread, ThreadState_Running);
    return EXCEPTION_NONE;
}

static exception_t decodeWriteRegisters(cap_t cap, word_t length, word_t *buffer)
{
    if (length < 2) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t flags = getSyscallArg(0, buffer);
    word_t w = getSyscallArg(1, buffer);
    if (length - 2 < w) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    tcb_t *thread = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    if (thread == ksCurThread) {
        return syscall_error_simple(seL4_IllegalOperation);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    word_t n = MIN(w, (word_t)n_userContext);
    for (word_t i = 0; i < n; i++) {
        setRegister(thread, contextRegister(i), getSyscallArg(i + 2, buffer));
    }
    /* the thread continues at the pc just written */
    setRegister(thread, NextIP, getRegister(thread, FaultIP));
    if (flags & FLAG_RESUME_TARGET) {
        restart(thread);
    }
    if (thread == ksCurThread) {
        rescheduleRequired();
    }
    return EXCEPTION_NONE;
}

static exception_t decodeCopyRegisters(cap_t cap, word_t length, word_t *buffer)
{
    if (length < 1 || current_extra_caps.excaprefs[0] == NULL) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t flags = getSyscallArg(0, buffer);
    cap_t source_cap = current_extra_caps.excaprefs[0]->cap;
    if (cap_get_capType(source_cap) != cap_thread_cap) {
        return syscall_error_invalid_cap(1);
    }
    tcb_t *src = TCB_PTR(cap_thread_cap_get_capTCBPtr(source_cap));
    tcb_t *dest = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    setThreadState(ksCurThread, ThreadState_Restart);
    if (flags & COPY_SUSPEND_SOURCE) {
        suspend(src);
    }
    if (flags & COPY_RESUME_TARGET) {
        restart(dest);
    }
    if (flags & COPY_TRANSFER_FRAME) {
        for (word_t i = 0; i < n_frameRegisters; i++) {
            setRegister(dest, frameRegisters[i], getRegister(src, frameRegisters[i]));
        }
        setRegister(dest, NextIP, getRegister(dest, FaultIP));
    }
    if (flags & COPY_TRANSFER_INTEGER) {
        for (word_t i = 0; i < n_gpRegisters; i++) {
            setRegister(dest, gpRegisters[i], getRegister(src, gpRegisters[i]));
        }
    }
    if (dest == ksCurThread) {
        rescheduleRequired();
    }
    return EXCEPTION_NONE;
}

/* --- scheduling parameters ---------------------------------------------------------- */

static exception_t decodeSetPriority(cap_t cap, word_t length, word_t *buffer, bool_t mcp)
{
    if (length < 1 || current_extra_caps.excaprefs[0] == NULL) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t newPrio = getSyscallArg(0, buffer);
    cap_t authCap = current_extra_caps.excaprefs[0]->cap;
    if (cap_get_capType(authCap) != cap_thread_cap) {
        return syscall_error_invalid_cap(1);
    }
    exception_t status = checkPrio(newPrio, TCB_PTR(cap_thread_cap_get_capTCBPtr(authCap)));
    if (status != EXCEPTION_NONE) {
        return status;
    }
    tcb_t *target = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    setThreadState(ksCurThread, ThreadState_Restart);
    if (mcp) {
        setMCPriority(target, newPrio);
    } else {
        setPriority(target, newPrio);
    }
    return EXCEPTION_NONE;
}

static exception_t decodeSetSchedParams(cap_t cap, word_t length, cte_t *slot, word_t *buffer)
{
    if (length < 2 || current_extra_caps.excaprefs[0] == NULL) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
#ifdef CONFIG_KERNEL_MCS
    if (current_extra_caps.excaprefs[1] == NULL || current_extra_caps.excaprefs[2] == NULL) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
#else
    (void)slot;
#endif
    word_t newMcp = getSyscallArg(0, buffer);
    word_t newPrio = getSyscallArg(1, buffer);
    cap_t authCap = current_extra_caps.excaprefs[0]->cap;
    if (cap_get_capType(authCap) != cap_thread_cap) {
        return syscall_error_invalid_cap(1);
    }
    tcb_t *auth = TCB_PTR(cap_thread_cap_get_capTCBPtr(authCap));
    exception_t status = checkPrio(newMcp, auth);
    if (status == EXCEPTION_NONE) {
        status = checkPrio(newPrio, auth);
    }
    if (status != EXCEPTION_NONE) {
        return status;
    }
    tcb_t *target = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
#ifdef CONFIG_KERNEL_MCS
    /* the scheduling context to run on (null: none), and the fault handler */
    cap_t scCap = current_extra_caps.excaprefs[1]->cap;
    cte_t *fhSlot = current_extra_caps.excaprefs[2];
    sched_context_t *sc = NULL;
    switch (cap_get_capType(scCap)) {
    case cap_sched_context_cap:
        sc = SC_PTR(cap_sched_context_cap_get_capSCPtr(scCap));
        if (target->tcbSchedContext != sc && (target->tcbSchedContext || sc->scTcb)) {
            return syscall_error_simple(seL4_IllegalOperation);
        }
        if (isBlocked(target) && !sc_released(sc)) {
            return syscall_error_simple(seL4_IllegalOperation);
        }
        break;
    case cap_null_cap:
        if (target == ksCurThread) {
            return syscall_error_simple(seL4_IllegalOperation);
        }
        break;
    default:
        return syscall_error_invalid_cap(2);
    }
    if (!validFaultHandler(fhSlot->cap)) {
        return syscall_error_invalid_cap(3);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    exception_t e = installTCBCap(target, cap, slot, fhSlot, tcbFaultHandler, fhSlot->cap);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    setMCPriority(target, newMcp);
    setPriority(target, newPrio);
    if (target->tcbSchedContext != sc) {
        if (sc) {
            schedContext_bindTCB(sc, target);
        } else {
            schedContext_unbindTCB(target->tcbSchedContext);
        }
    }
#else
    setThreadState(ksCurThread, ThreadState_Restart);
    setMCPriority(target, newMcp);
    setPriority(target, newPrio);
#endif
    return EXCEPTION_NONE;
}

#ifdef CONFIG_KERNEL_MCS
static exception_t decodeSetTimeoutEndpoint(cap_t cap, cte_t *slot)
{
    if (current_extra_caps.excaprefs[0] == NULL) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    cte_t *thSlot = current_extra_caps.excaprefs[0];
    if (!validFaultHandler(thSlot->cap)) {
        return syscall_error_invalid_cap(1);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return installTCBCap(TCB_PTR(cap_thread_cap_get_capTCBPtr(cap)), cap, slot, thSlot,
                         tcbTimeoutHandler, thSlot->cap);
}
#endif

/* --- spaces and the IPC buffer ------------------------------------------------------ */

typedef struct space_args {
    cap_t cRootCap;
    cte_t *cRootSlot;
    cap_t vRootCap;
    cte_t *vRootSlot;
} space_args_t;

/* Shared by Configure and SetSpace: derive and check the new CSpace and VSpace roots. */
static exception_t decodeSpaces(tcb_t *target, word_t cRootData, word_t vRootData,
                                cte_t *cRootSlot, cte_t *vRootSlot, space_args_t *out)
{
    if (slotCapLongRunningDelete(TCB_CTE_PTR(target, tcbCTable)) ||
        slotCapLongRunningDelete(TCB_CTE_PTR(target, tcbVTable))) {
        return syscall_error_simple(seL4_IllegalOperation);
    }
    cap_t cRootCap = cRootSlot->cap;
    if (cRootData != 0) {
        cRootCap = updateCapData(false, cRootData, cRootCap);
    }
    deriveCap_ret_t dc = deriveCap(cRootSlot, cRootCap);
    if (dc.status != EXCEPTION_NONE) {
        return dc.status;
    }
    cRootCap = dc.cap;
    if (cap_get_capType(cRootCap) != cap_cnode_cap) {
        return syscall_error_simple(seL4_IllegalOperation);
    }
    cap_t vRootCap = vRootSlot->cap;
    if (vRootData != 0) {
        vRootCap = updateCapData(false, vRootData, vRootCap);
    }
    dc = deriveCap(vRootSlot, vRootCap);
    if (dc.status != EXCEPTION_NONE) {
        return dc.status;
    }
    vRootCap = dc.cap;
    if (!isValidVTableRoot(vRootCap)) {
        return syscall_error_simple(seL4_IllegalOperation);
    }
    *out = (space_args_t){ cRootCap, cRootSlot, vRootCap, vRootSlot };
    return EXCEPTION_NONE;
}

static exception_t performSpaces(tcb_t *target, cap_t tCap, cte_t *tSlot, const space_args_t *s)
{
    exception_t e = installTCBCap(target, tCap, tSlot, s->cRootSlot, tcbCTable, s->cRootCap);
    if (e == EXCEPTION_NONE) {
        e = installTCBCap(target, tCap, tSlot, s->vRootSlot, tcbVTable, s->vRootCap);
    }
    return e;
}

static exception_t decodeBuffer(vptr_t bufferAddr, cte_t *bufferSlot, cap_t *bufferCap)
{
    if (bufferAddr == 0) {
        *bufferCap = cap_null_cap_new();
        return EXCEPTION_NONE;
    }
    deriveCap_ret_t dc = deriveCap(bufferSlot, bufferSlot->cap);
    if (dc.status != EXCEPTION_NONE) {
        return dc.status;
    }
    exception_t e = checkValidIPCBuffer(bufferAddr, dc.cap);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    *bufferCap = dc.cap;
    return EXCEPTION_NONE;
}

static exception_t performBuffer(tcb_t *target, cap_t tCap, cte_t *tSlot, vptr_t bufferAddr,
                                 cap_t bufferCap, cte_t *bufferSlot)
{
    exception_t e = cteDelete(TCB_CTE_PTR(target, tcbBuffer), true);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    target->tcbIPCBuffer = bufferAddr;
    /* as in installTCBCap: the deletion may have destroyed the target or the source */
    if (bufferSlot && cap_get_capType(bufferCap) != cap_null_cap &&
        sameObjectAs(bufferCap, bufferSlot->cap) && sameObjectAs(tCap, tSlot->cap)) {
        cteInsert(bufferCap, bufferSlot, TCB_CTE_PTR(target, tcbBuffer));
    }
    if (target == ksCurThread) {
        rescheduleRequired();
    }
    return EXCEPTION_NONE;
}

/* MCS fault handlers are endpoint caps: null, or Send with Grant or GrantReply. */
#ifdef CONFIG_KERNEL_MCS
static bool_t validFaultHandler(cap_t cap)
{
    switch (cap_get_capType(cap)) {
    case cap_null_cap:
        return true;
    case cap_endpoint_cap:
        return cap_endpoint_cap_get_capCanSend(cap) &&
               (cap_endpoint_cap_get_capCanGrant(cap) || cap_endpoint_cap_get_capCanGrantReply(cap));
    default:
        return false;
    }
}
#endif

static exception_t decodeConfigure(cap_t cap, word_t length, cte_t *slot, word_t *buffer)
{
#ifdef CONFIG_KERNEL_MCS
    const word_t argBase = 0, minLength = 3;
#else
    const word_t argBase = 1, minLength = 4;
#endif
    if (length < minLength || !current_extra_caps.excaprefs[0] ||
        !current_extra_caps.excaprefs[1] || !current_extra_caps.excaprefs[2]) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t cRootData = getSyscallArg(argBase, buffer);
    word_t vRootData = getSyscallArg(argBase + 1, buffer);
    vptr_t bufferAddr = getSyscallArg(argBase + 2, buffer);
    tcb_t *target = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));

    cap_t bufferCap;
    exception_t e = decodeBuffer(bufferAddr, current_extra_caps.excaprefs[2], &bufferCap);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    space_args_t spaces;
    e = decodeSpaces(target, cRootData, vRootData, current_extra_caps.excaprefs[0],
                     current_extra_caps.excaprefs[1], &spaces);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    setThreadState(ksCurThread, ThreadState_Restart);
#ifndef CONFIG_KERNEL_MCS
    target->tcbFaultHandler = getSyscallArg(0, buffer);
#endif
    e = performSpaces(target, cap, slot, &spaces);
    if (e == EXCEPTION_NONE) {
        e = performBuffer(target, cap, slot, bufferAddr, bufferCap,
                          current_extra_caps.excaprefs[2]);
    }
    return e;
}

static exception_t decodeSetSpace(cap_t cap, word_t length, cte_t *slot, word_t *buffer)
{
#ifdef CONFIG_KERNEL_MCS
    if (length < 2 || !current_extra_caps.excaprefs[0] || !current_extra_caps.excaprefs[1] ||
        !current_extra_caps.excaprefs[2]) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t cRootData = getSyscallArg(0, buffer);
    word_t vRootData = getSyscallArg(1, buffer);
    cte_t *faultSlot = current_extra_caps.excaprefs[0];
    cte_t *cRootSlot = current_extra_caps.excaprefs[1];
    cte_t *vRootSlot = current_extra_caps.excaprefs[2];
#else
    if (length < 3 || !current_extra_caps.excaprefs[0] || !current_extra_caps.excaprefs[1]) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t cRootData = getSyscallArg(1, buffer);
    word_t vRootData = getSyscallArg(2, buffer);
    cte_t *cRootSlot = current_extra_caps.excaprefs[0];
    cte_t *vRootSlot = current_extra_caps.excaprefs[1];
#endif
    tcb_t *target = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    space_args_t spaces;
    exception_t e = decodeSpaces(target, cRootData, vRootData, cRootSlot, vRootSlot, &spaces);
    if (e != EXCEPTION_NONE) {
        return e;
    }
#ifdef CONFIG_KERNEL_MCS
    if (!validFaultHandler(faultSlot->cap)) {
        return syscall_error_invalid_cap(1);
    }
#endif
    setThreadState(ksCurThread, ThreadState_Restart);
#ifdef CONFIG_KERNEL_MCS
    e = installTCBCap(target, cap, slot, faultSlot, tcbFaultHandler, faultSlot->cap);
    if (e != EXCEPTION_NONE) {
        return e;
    }
#else
    target->tcbFaultHandler = getSyscallArg(0, buffer);
#endif
    return performSpaces(target, cap, slot, &spaces);
}

static exception_t decodeSetIPCBuffer(cap_t cap, word_t length, cte_t *slot, word_t *buffer)
{
    if (length < 1 || !current_extra_caps.excaprefs[0]) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    vptr_t bufferAddr = getSyscallArg(0, buffer);
    cap_t bufferCap;
    exception_t e = decodeBuffer(bufferAddr, current_extra_caps.excaprefs[0], &bufferCap);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return performBuffer(TCB_PTR(cap_thread_cap_get_capTCBPtr(cap)), cap, slot, bufferAddr,
                         bufferCap, current_extra_caps.excaprefs[0]);
}

/* --- notifications, TLS, flags ------------------------------------------------------ */

static exception_t decodeBindNotification(cap_t cap)
{
    if (!current_extra_caps.excaprefs[0]) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    tcb_t *tcb = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    if (tcb->tcbBoundNotification) {
        return syscall_error_simple(seL4_IllegalOperation);
    }
    cap_t ntfnCap = current_extra_caps.excaprefs[0]->cap;
    if (cap_get_capType(ntfnCap) != cap_notification_cap ||
        !cap_notification_cap_get_capNtfnCanReceive(ntfnCap)) {
        return syscall_error_simple(seL4_IllegalOperation);
    }
    notification_t *ntfn = NTFN_PTR(cap_notification_cap_get_capNtfnPtr(ntfnCap));
    if (notification_ptr_get_ntfnQueue_head(ntfn) || notification_ptr_get_ntfnBoundTCB(ntfn)) {
        return syscall_error_simple(seL4_IllegalOperation);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    bindNotification(tcb, ntfn);
    return EXCEPTION_NONE;
}

static exception_t decodeUnbindNotification(cap_t cap)
{
    tcb_t *tcb = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    if (!tcb->tcbBoundNotification) {
        return syscall_error_simple(seL4_IllegalOperation);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    unbindNotification(tcb);
    return EXCEPTION_NONE;
}

static exception_t decodeSetTLSBase(cap_t cap, word_t length, word_t *buffer)
{
    if (length < 1) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    tcb_t *tcb = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    setThreadState(ksCurThread, ThreadState_Restart);
    setRegister(tcb, tp, getSyscallArg(0, buffer));
    if (tcb == ksCurThread) {
        rescheduleRequired();
    }
    return EXCEPTION_NONE;
}

/* new flags = (old & ~clear) | (set & supported); the reply carries the new flags. */
static exception_t decodeSetFlags(cap_t cap, word_t length, bool_t call, word_t *buffer)
{
    if (length < 2) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t clear = getSyscallArg(0, buffer);
    word_t set = getSyscallArg(1, buffer);
    tcb_t *tcb = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    setThreadState(ksCurThread, ThreadState_Restart);
    word_t supported = 0;
#ifdef CONFIG_HAVE_FPU
    supported |= TCB_FLAG_FPU_DISABLED;
#endif
    tcb->tcbFlags = (tcb->tcbFlags & ~clear) | (set & supported);
    /* its FP registers are kept while disabled and come back when enabled */
    fpuSetEnabled(tcb, !(tcb->tcbFlags & TCB_FLAG_FPU_DISABLED));
    if (call) {
        setRegister(ksCurThread, badgeRegister, 0);
        setRegister(ksCurThread, msgRegisters[0], tcb->tcbFlags);
        setRegister(ksCurThread, msgInfoRegister,
                    wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, 1)));
    }
    setThreadState(ksCurThread, ThreadState_Running);
    return EXCEPTION_NONE;
}

exception_t decodeTCBInvocation(word_t invLabel, word_t length, cap_t cap, cte_t *slot,
                                bool_t call, word_t *buffer)
{
    switch (invLabel) {
    case TCBReadRegisters:
        return decodeReadRegisters(cap, length, call, buffer);
    case TCBWriteRegisters:
        return decodeWriteRegisters(cap, length, buffer);
    case TCBCopyRegisters:
        return decodeCopyRegisters(cap, length, buffer);
    case TCBSuspend:
        setThreadState(ksCurThread, ThreadState_Restart);
        suspend(TCB_PTR(cap_thread_cap_get_capTCBPtr(cap)));
        return EXCEPTION_NONE;
    case TCBResume:
        setThreadState(ksCurThread, ThreadState_Restart);
        restart(TCB_PTR(cap_thread_cap_get_capTCBPtr(cap)));
        return EXCEPTION_NONE;
    case TCBConfigure:
        return decodeConfigure(cap, length, slot, buffer);
    case TCBSetPriority:
        return decodeSetPriority(cap, length, buffer, false);
    case TCBSetMCPriority:
        return decodeSetPriority(cap, length, buffer, true);
    case TCBSetSchedParams:
        return decodeSetSchedParams(cap, length, slot, buffer);
#ifdef CONFIG_KERNEL_MCS
    case TCBSetTimeoutEndpoint:
        return decodeSetTimeoutEndpoint(cap, slot);
#endif
    case TCBSetIPCBuffer:
        return decodeSetIPCBuffer(cap, length, slot, buffer);
    case TCBSetSpace:
        return decodeSetSpace(cap, length, slot, buffer);
    case TCBBindNotification:
        return decodeBindNotification(cap);
    case TCBUnbindNotification:
        return decodeUnbindNotification(cap);
    case TCBSetTLSBase:
        return decodeSetTLSBase(cap, length, buffer);
    case TCBSetFlags:
        return decodeSetFlags(cap, length, call, buffer);
    default:
        return syscall_error_simple(seL4_IllegalOperation);
    }
}
