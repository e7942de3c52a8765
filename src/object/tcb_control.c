/*
 * TCB thread control (seL4's src/object/tcb.c, invokeTCB_ThreadControl*): the caps a
 * thread runs with (Configure, SetSpace, SetIPCBuffer; MCS: fault and timeout handlers)
 * and its scheduling parameters (SetPriority, SetMCPriority, SetSchedParams). Every cap
 * and argument is checked before the target thread changes; the operations fail only
 * where deleting the cap a slot held is preempted, and the restarted call decodes again.
 */
#include <object/tcb.h>
#include <object/tcb_invocation.h>
#include <object/mdb.h>
#include <object/objecttype.h>
#include <object/invocation.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <api/failures.h>
#include <api/message.h>
#include <kernel/usererror.h>
#ifdef CONFIG_KERNEL_MCS
#include <object/schedcontext.h>
#endif

/* --- checks shared by several invocations ------------------------------------------- */

/* A frame cap that can be an IPC buffer at vptr: non-device, 1024-aligned. */
static exception_t checkValidIPCBuffer(const char *operation, vptr_t vptr, cap_t cap)
{
    if (cap_get_capType(cap) != cap_frame_cap) {
        userError("%s: the IPC buffer cap is of type %lu, not a frame.", operation,
                  (word_t)cap_get_capType(cap));
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (cap_frame_cap_get_capFIsDevice(cap)) {
        userError("%s: a device frame cannot be an IPC buffer.", operation);
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (!IS_ALIGNED(vptr, seL4_IPCBufferSizeBits)) {
        userError("%s: IPC buffer address 0x%lx is not aligned to %lu bytes.", operation, vptr,
                  (word_t)BIT(seL4_IPCBufferSizeBits));
        return syscall_error_simple(seL4_AlignmentError);
    }
    return EXCEPTION_NONE;
}

static bool_t isValidVTableRoot(cap_t cap)
{
    return cap_get_capType(cap) == cap_page_table_cap && cap_page_table_cap_get_capPTIsMapped(cap);
}

/* The authority's MCP bounds any priority (or MCP) set through it. */
static exception_t checkPrio(const char *operation, const char *what, word_t prio, tcb_t *auth)
{
    if (prio > auth->tcbMCP) {
        userError("%s: %s %lu is above the authority's MCP %lu.", operation, what, prio,
                  (word_t)auth->tcbMCP);
        return syscall_error_range(seL4_MinPrio, auth->tcbMCP);
    }
    return EXCEPTION_NONE;
}

/* The authority (extra cap 0) of the priority invocations must be a TCB. */
static exception_t lookupAuthority(const char *operation, tcb_t **auth)
{
    cap_t authCap = current_extra_caps.excaprefs[0]->cap;
    if (cap_get_capType(authCap) != cap_thread_cap) {
        userError("%s: the authority cap is of type %lu, not a TCB.", operation,
                  (word_t)cap_get_capType(authCap));
        return syscall_error_invalid_cap(1);
    }
    *auth = TCB_PTR(cap_thread_cap_get_capTCBPtr(authCap));
    return EXCEPTION_NONE;
}

#ifdef CONFIG_KERNEL_MCS
/* MCS fault handlers are endpoint caps: null, or Send with Grant or GrantReply. */
static exception_t checkFaultHandler(const char *operation, const char *what, cap_t cap,
                                     word_t capNumber)
{
    switch (cap_get_capType(cap)) {
    case cap_null_cap:
        return EXCEPTION_NONE;
    case cap_endpoint_cap:
        if (cap_endpoint_cap_get_capCanSend(cap) &&
            (cap_endpoint_cap_get_capCanGrant(cap) || cap_endpoint_cap_get_capCanGrantReply(cap))) {
            return EXCEPTION_NONE;
        }
        userError("%s: the %s endpoint cap needs Send and Grant or GrantReply.", operation,
                  what);
        return syscall_error_invalid_cap(capNumber);
    default:
        userError("%s: the %s cap is of type %lu, not an endpoint.", operation, what,
                  (word_t)cap_get_capType(cap));
        return syscall_error_invalid_cap(capNumber);
    }
}
#endif

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

/* --- spaces and the IPC buffer ------------------------------------------------------ */

typedef struct space_args {
    cap_t cRootCap;
    cte_t *cRootSlot;
    cap_t vRootCap;
    cte_t *vRootSlot;
} space_args_t;

typedef struct buffer_args {
    vptr_t addr;
    cap_t cap;          /* null when addr is 0: the thread gets no IPC buffer */
    cte_t *slot;
} buffer_args_t;

/* Shared by Configure and SetSpace: derive and check the new CSpace and VSpace roots. */
static exception_t decodeSpaces(const char *operation, tcb_t *target, word_t cRootData,
                                word_t vRootData, cte_t *cRootSlot, cte_t *vRootSlot,
                                space_args_t *out)
{
    if (slotCapLongRunningDelete(TCB_CTE_PTR(target, tcbCTable)) ||
        slotCapLongRunningDelete(TCB_CTE_PTR(target, tcbVTable))) {
        userError("%s: the thread's current CSpace or VSpace is being deleted.", operation);
        return syscall_error_simple(seL4_IllegalOperation);
    }
    cap_t cRootCap = cRootSlot->cap;
    if (cRootData != 0) {
        cRootCap = updateCapData(false, cRootData, cRootCap);
    }
    deriveCap_ret_t dc = deriveCap(cRootSlot, cRootCap);
    if (dc.status != EXCEPTION_NONE) {
        userError("%s: the CSpace root cap cannot be copied.", operation);
        return dc.status;
    }
    cRootCap = dc.cap;
    if (cap_get_capType(cRootCap) != cap_cnode_cap) {
        userError("%s: the CSpace root (with data 0x%lx) is a cap of type %lu, not a CNode.",
                  operation, cRootData, (word_t)cap_get_capType(cRootCap));
        return syscall_error_simple(seL4_IllegalOperation);
    }
    cap_t vRootCap = vRootSlot->cap;
    if (vRootData != 0) {
        vRootCap = updateCapData(false, vRootData, vRootCap);
    }
    dc = deriveCap(vRootSlot, vRootCap);
    if (dc.status != EXCEPTION_NONE) {
        userError("%s: the VSpace root cap cannot be copied.", operation);
        return dc.status;
    }
    vRootCap = dc.cap;
    if (!isValidVTableRoot(vRootCap)) {
        userError("%s: the VSpace root is a cap of type %lu, not a page table with an ASID.",
                  operation, (word_t)cap_get_capType(vRootCap));
        return syscall_error_simple(seL4_IllegalOperation);
    }
    *out = (space_args_t){ cRootCap, cRootSlot, vRootCap, vRootSlot };
    return EXCEPTION_NONE;
}

/* Shared by Configure and SetIPCBuffer: the buffer's address and frame (none for 0). */
static exception_t decodeBuffer(const char *operation, vptr_t bufferAddr, cte_t *bufferSlot,
                                buffer_args_t *out)
{
    if (bufferAddr == 0) {
        *out = (buffer_args_t){ 0, cap_null_cap_new(), bufferSlot };
        return EXCEPTION_NONE;
    }
    deriveCap_ret_t dc = deriveCap(bufferSlot, bufferSlot->cap);
    if (dc.status != EXCEPTION_NONE) {
        userError("%s: the IPC buffer cap cannot be copied.", operation);
        return dc.status;
    }
    exception_t e = checkValidIPCBuffer(operation, bufferAddr, dc.cap);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    *out = (buffer_args_t){ bufferAddr, dc.cap, bufferSlot };
    return EXCEPTION_NONE;
}

static exception_t installSpaces(tcb_t *target, cap_t tCap, cte_t *tSlot, const space_args_t *s)
{
    exception_t e = installTCBCap(target, tCap, tSlot, s->cRootSlot, tcbCTable, s->cRootCap);
    if (e == EXCEPTION_NONE) {
        noteThreadVTable(s->vRootCap);
        e = installTCBCap(target, tCap, tSlot, s->vRootSlot, tcbVTable, s->vRootCap);
    }
    return e;
}

static exception_t installBuffer(tcb_t *target, cap_t tCap, cte_t *tSlot, const buffer_args_t *b)
{
    exception_t e = cteDelete(TCB_CTE_PTR(target, tcbBuffer), true);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    target->tcbIPCBuffer = b->addr;
    /* as in installTCBCap: the deletion may have destroyed the target or the source */
    if (b->slot && cap_get_capType(b->cap) != cap_null_cap &&
        sameObjectAs(b->cap, b->slot->cap) && sameObjectAs(tCap, tSlot->cap)) {
        cteInsert(b->cap, b->slot, TCB_CTE_PTR(target, tcbBuffer));
    }
    if (target == ksCurThread) {
        rescheduleRequired();
    }
    return EXCEPTION_NONE;
}

#ifdef CONFIG_KERNEL_MCS
static exception_t invokeTCB_Configure(tcb_t *target, cap_t tCap, cte_t *tSlot,
                                       const space_args_t *spaces, const buffer_args_t *buf)
#else
static exception_t invokeTCB_Configure(tcb_t *target, cap_t tCap, cte_t *tSlot,
                                       cptr_t faultEP, const space_args_t *spaces,
                                       const buffer_args_t *buf)
#endif
{
#ifndef CONFIG_KERNEL_MCS
    target->tcbFaultHandler = faultEP;
#endif
    exception_t e = installSpaces(target, tCap, tSlot, spaces);
    if (e == EXCEPTION_NONE) {
        e = installBuffer(target, tCap, tSlot, buf);
    }
    return e;
}

exception_t decodeTCBConfigure(cap_t cap, word_t length, cte_t *slot, word_t *buffer)
{
#ifdef CONFIG_KERNEL_MCS
    const word_t argBase = 0, minLength = 3;
#else
    const word_t argBase = 1, minLength = 4;
#endif
    if (length < minLength || !current_extra_caps.excaprefs[0] ||
        !current_extra_caps.excaprefs[1] || !current_extra_caps.excaprefs[2]) {
        userErrorTruncated("TCB Configure", length, minLength, 3);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t cRootData = getSyscallArg(argBase, buffer);
    word_t vRootData = getSyscallArg(argBase + 1, buffer);
    vptr_t bufferAddr = getSyscallArg(argBase + 2, buffer);
    tcb_t *target = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));

    buffer_args_t buf;
    exception_t e = decodeBuffer("TCB Configure", bufferAddr, current_extra_caps.excaprefs[2],
                                 &buf);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    space_args_t spaces;
    e = decodeSpaces("TCB Configure", target, cRootData, vRootData,
                     current_extra_caps.excaprefs[0], current_extra_caps.excaprefs[1], &spaces);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    setThreadState(ksCurThread, ThreadState_Restart);
#ifdef CONFIG_KERNEL_MCS
    return invokeTCB_Configure(target, cap, slot, &spaces, &buf);
#else
    return invokeTCB_Configure(target, cap, slot, getSyscallArg(0, buffer), &spaces, &buf);
#endif
}

#ifdef CONFIG_KERNEL_MCS
static exception_t invokeTCB_SetSpace(tcb_t *target, cap_t tCap, cte_t *tSlot,
                                      cte_t *faultSlot, const space_args_t *spaces)
{
    exception_t e = installTCBCap(target, tCap, tSlot, faultSlot, tcbFaultHandler,
                                  faultSlot->cap);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    return installSpaces(target, tCap, tSlot, spaces);
}
#else
static exception_t invokeTCB_SetSpace(tcb_t *target, cap_t tCap, cte_t *tSlot, cptr_t faultEP,
                                      const space_args_t *spaces)
{
    target->tcbFaultHandler = faultEP;
    return installSpaces(target, tCap, tSlot, spaces);
}
#endif

exception_t decodeSetSpace(cap_t cap, word_t length, cte_t *slot, word_t *buffer)
{
#ifdef CONFIG_KERNEL_MCS
    if (length < 2 || !current_extra_caps.excaprefs[0] || !current_extra_caps.excaprefs[1] ||
        !current_extra_caps.excaprefs[2]) {
        userErrorTruncated("TCB SetSpace", length, 2, 3);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t cRootData = getSyscallArg(0, buffer);
    word_t vRootData = getSyscallArg(1, buffer);
    cte_t *faultSlot = current_extra_caps.excaprefs[0];
    cte_t *cRootSlot = current_extra_caps.excaprefs[1];
    cte_t *vRootSlot = current_extra_caps.excaprefs[2];
#else
    if (length < 3 || !current_extra_caps.excaprefs[0] || !current_extra_caps.excaprefs[1]) {
        userErrorTruncated("TCB SetSpace", length, 3, 2);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t cRootData = getSyscallArg(1, buffer);
    word_t vRootData = getSyscallArg(2, buffer);
    cte_t *cRootSlot = current_extra_caps.excaprefs[0];
    cte_t *vRootSlot = current_extra_caps.excaprefs[1];
#endif
    tcb_t *target = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    space_args_t spaces;
    exception_t e = decodeSpaces("TCB SetSpace", target, cRootData, vRootData, cRootSlot,
                                 vRootSlot, &spaces);
    if (e != EXCEPTION_NONE) {
        return e;
    }
#ifdef CONFIG_KERNEL_MCS
    e = checkFaultHandler("TCB SetSpace", "fault handler", faultSlot->cap, 1);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_SetSpace(target, cap, slot, faultSlot, &spaces);
#else
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_SetSpace(target, cap, slot, getSyscallArg(0, buffer), &spaces);
#endif
}

static exception_t invokeTCB_SetIPCBuffer(tcb_t *target, cap_t tCap, cte_t *tSlot,
                                          const buffer_args_t *buf)
{
    return installBuffer(target, tCap, tSlot, buf);
}

exception_t decodeSetIPCBuffer(cap_t cap, word_t length, cte_t *slot, word_t *buffer)
{
    if (length < 1 || !current_extra_caps.excaprefs[0]) {
        userErrorTruncated("TCB SetIPCBuffer", length, 1, 1);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    vptr_t bufferAddr = getSyscallArg(0, buffer);
    buffer_args_t buf;
    exception_t e = decodeBuffer("TCB SetIPCBuffer", bufferAddr, current_extra_caps.excaprefs[0],
                                 &buf);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_SetIPCBuffer(TCB_PTR(cap_thread_cap_get_capTCBPtr(cap)), cap, slot, &buf);
}

#ifdef CONFIG_KERNEL_MCS
static exception_t invokeTCB_SetTimeoutEndpoint(tcb_t *target, cap_t tCap, cte_t *tSlot,
                                                cte_t *handlerSlot)
{
    return installTCBCap(target, tCap, tSlot, handlerSlot, tcbTimeoutHandler,
                         handlerSlot->cap);
}

exception_t decodeSetTimeoutEndpoint(cap_t cap, cte_t *slot)
{
    if (current_extra_caps.excaprefs[0] == NULL) {
        userError("TCB SetTimeoutEndpoint: no timeout handler cap given.");
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    cte_t *thSlot = current_extra_caps.excaprefs[0];
    exception_t e = checkFaultHandler("TCB SetTimeoutEndpoint", "timeout handler", thSlot->cap,
                                      1);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_SetTimeoutEndpoint(TCB_PTR(cap_thread_cap_get_capTCBPtr(cap)), cap, slot,
                                        thSlot);
}
#endif

/* --- scheduling parameters ---------------------------------------------------------- */

static exception_t invokeTCB_SetPriority(tcb_t *target, word_t prio)
{
    setPriority(target, prio);
    return EXCEPTION_NONE;
}

static exception_t invokeTCB_SetMCPriority(tcb_t *target, word_t mcp)
{
    setMCPriority(target, mcp);
    return EXCEPTION_NONE;
}

/* SetPriority (mcp false) and SetMCPriority (mcp true): one value, bounded by the authority. */
exception_t decodeSetPriority(cap_t cap, word_t length, word_t *buffer, bool_t mcp)
{
    const char *operation = mcp ? "TCB SetMCPriority" : "TCB SetPriority";
    if (length < 1 || current_extra_caps.excaprefs[0] == NULL) {
        userErrorTruncated(operation, length, 1, 1);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t newPrio = getSyscallArg(0, buffer);
    tcb_t *auth;
    exception_t status = lookupAuthority(operation, &auth);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    status = checkPrio(operation, mcp ? "MCP" : "priority", newPrio, auth);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    tcb_t *target = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    setThreadState(ksCurThread, ThreadState_Restart);
    return mcp ? invokeTCB_SetMCPriority(target, newPrio) : invokeTCB_SetPriority(target, newPrio);
}

#ifdef CONFIG_KERNEL_MCS
/* New MCP and priority, fault handler, and the SC to run on (NULL: none). */
static exception_t invokeTCB_SetSchedParams(tcb_t *target, cap_t tCap, cte_t *tSlot,
                                            word_t mcp, word_t prio, sched_context_t *sc,
                                            cte_t *fhSlot)
{
    exception_t e = installTCBCap(target, tCap, tSlot, fhSlot, tcbFaultHandler, fhSlot->cap);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    setMCPriority(target, mcp);
    setPriority(target, prio);
    if (target->tcbSchedContext != sc) {
        if (sc) {
            schedContext_bindTCB(sc, target);
        } else {
            schedContext_unbindTCB(target->tcbSchedContext);
        }
    }
    return EXCEPTION_NONE;
}

/* The SC a thread is to run on: it must be free (or already the thread's) and able to run
 * a blocked thread; none at all is refused for the calling thread. */
static exception_t decodeSchedContextArg(tcb_t *target, cap_t scCap, sched_context_t **out)
{
    switch (cap_get_capType(scCap)) {
    case cap_sched_context_cap: {
        sched_context_t *sc = SC_PTR(cap_sched_context_cap_get_capSCPtr(scCap));
        if (target->tcbSchedContext != sc && target->tcbSchedContext) {
            userError("TCB SetSchedParams: the thread already runs on scheduling context %p.",
                      (void *)target->tcbSchedContext);
            return syscall_error_simple(seL4_IllegalOperation);
        }
        if (target->tcbSchedContext != sc && sc->scTcb) {
            userError("TCB SetSchedParams: the scheduling context is bound to thread %p.",
                      (void *)sc->scTcb);
            return syscall_error_simple(seL4_IllegalOperation);
        }
        if (isBlocked(target) && !sc_released(sc)) {
            userError("TCB SetSchedParams: the thread is blocked and the scheduling context "
                      "has no budget released to run it.");
            return syscall_error_simple(seL4_IllegalOperation);
        }
        *out = sc;
        return EXCEPTION_NONE;
    }
    case cap_null_cap:
        if (target == ksCurThread) {
            userError("TCB SetSchedParams: the calling thread cannot give up its own "
                      "scheduling context.");
            return syscall_error_simple(seL4_IllegalOperation);
        }
        *out = NULL;
        return EXCEPTION_NONE;
    default:
        userError("TCB SetSchedParams: the scheduling context cap is of type %lu.",
                  (word_t)cap_get_capType(scCap));
        return syscall_error_invalid_cap(2);
    }
}
#else
static exception_t invokeTCB_SetSchedParams(tcb_t *target, word_t mcp, word_t prio)
{
    setMCPriority(target, mcp);
    setPriority(target, prio);
    return EXCEPTION_NONE;
}
#endif

exception_t decodeSetSchedParams(cap_t cap, word_t length, cte_t *slot, word_t *buffer)
{
#ifdef CONFIG_KERNEL_MCS
    if (length < 2 || current_extra_caps.excaprefs[0] == NULL ||
        current_extra_caps.excaprefs[1] == NULL || current_extra_caps.excaprefs[2] == NULL) {
        userErrorTruncated("TCB SetSchedParams", length, 2, 3);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
#else
    (void)slot;
    if (length < 2 || current_extra_caps.excaprefs[0] == NULL) {
        userErrorTruncated("TCB SetSchedParams", length, 2, 1);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
#endif
    word_t newMcp = getSyscallArg(0, buffer);
    word_t newPrio = getSyscallArg(1, buffer);
    tcb_t *auth;
    exception_t status = lookupAuthority("TCB SetSchedParams", &auth);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    status = checkPrio("TCB SetSchedParams", "MCP", newMcp, auth);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    status = checkPrio("TCB SetSchedParams", "priority", newPrio, auth);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    tcb_t *target = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
#ifdef CONFIG_KERNEL_MCS
    sched_context_t *sc;
    status = decodeSchedContextArg(target, current_extra_caps.excaprefs[1]->cap, &sc);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    cte_t *fhSlot = current_extra_caps.excaprefs[2];
    status = checkFaultHandler("TCB SetSchedParams", "fault handler", fhSlot->cap, 3);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_SetSchedParams(target, cap, slot, newMcp, newPrio, sc, fhSlot);
#else
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_SetSchedParams(target, newMcp, newPrio);
#endif
}
