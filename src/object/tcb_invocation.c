/*
 * TCB invocations, classic and MCS forms (seL4's src/object/tcb.c): the dispatch on the
 * label, and Suspend, Resume, Bind/UnbindNotification, SetTLSBase and SetFlags. Register
 * access is in tcb_registers.c, thread control and scheduling parameters in
 * tcb_control.c. Every decoder checks everything, sets the caller to Restart and calls
 * the operation, which cannot fail except at a preemption point.
 */
#include <object/tcb.h>
#include <object/tcb_invocation.h>
#include <object/notification.h>
#include <object/invocation.h>
#include <kernel/thread.h>
#include <api/failures.h>
#include <api/message.h>
#include <arch/machine.h>
#include <arch/fpu.h>
#include <kernel/usererror.h>

/* SetFlags: bit 0 disables the FPU for the thread. */
#define TCB_FLAG_FPU_DISABLED   BIT(0)

static exception_t invokeTCB_Suspend(tcb_t *thread)
{
    suspend(thread);
    return EXCEPTION_NONE;
}

static exception_t invokeTCB_Resume(tcb_t *thread)
{
    restart(thread);
    return EXCEPTION_NONE;
}

/* --- notifications, TLS, flags ------------------------------------------------------ */

static exception_t invokeTCB_BindNotification(tcb_t *tcb, notification_t *ntfn)
{
    bindNotification(tcb, ntfn);
    return EXCEPTION_NONE;
}

static exception_t invokeTCB_UnbindNotification(tcb_t *tcb)
{
    unbindNotification(tcb);
    return EXCEPTION_NONE;
}

static exception_t decodeBindNotification(cap_t cap)
{
    if (!current_extra_caps.excaprefs[0]) {
        userError("TCB BindNotification: no notification cap given.");
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    tcb_t *tcb = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    if (tcb->tcbBoundNotification) {
        userError("TCB BindNotification: the thread is already bound to notification %p.",
                  (void *)tcb->tcbBoundNotification);
        return syscall_error_simple(seL4_IllegalOperation);
    }
    cap_t ntfnCap = current_extra_caps.excaprefs[0]->cap;
    if (cap_get_capType(ntfnCap) != cap_notification_cap) {
        userError("TCB BindNotification: the cap is of type %lu, not a notification.",
                  (word_t)cap_get_capType(ntfnCap));
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (!cap_notification_cap_get_capNtfnCanReceive(ntfnCap)) {
        userError("TCB BindNotification: the notification cap has no Receive right.");
        return syscall_error_simple(seL4_IllegalOperation);
    }
    notification_t *ntfn = NTFN_PTR(cap_notification_cap_get_capNtfnPtr(ntfnCap));
    if (notification_ptr_get_ntfnQueue_head(ntfn)) {
        userError("TCB BindNotification: threads are waiting on the notification.");
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (notification_ptr_get_ntfnBoundTCB(ntfn)) {
        userError("TCB BindNotification: the notification is bound to thread %p.",
                  (void *)notification_ptr_get_ntfnBoundTCB(ntfn));
        return syscall_error_simple(seL4_IllegalOperation);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_BindNotification(tcb, ntfn);
}

static exception_t decodeUnbindNotification(cap_t cap)
{
    tcb_t *tcb = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    if (!tcb->tcbBoundNotification) {
        userError("TCB UnbindNotification: the thread has no bound notification.");
        return syscall_error_simple(seL4_IllegalOperation);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_UnbindNotification(tcb);
}

static exception_t invokeTCB_SetTLSBase(tcb_t *tcb, word_t base)
{
    setRegister(tcb, tp, base);
    if (tcb == ksCurThread) {
        rescheduleRequired();
    }
    return EXCEPTION_NONE;
}

static exception_t decodeSetTLSBase(cap_t cap, word_t length, word_t *buffer)
{
    if (length < 1) {
        userErrorTruncated("TCB SetTLSBase", length, 1, 0);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_SetTLSBase(TCB_PTR(cap_thread_cap_get_capTCBPtr(cap)),
                                getSyscallArg(0, buffer));
}

/* new flags = (old & ~clear) | (set & supported); the reply carries the new flags. */
static exception_t invokeTCB_SetFlags(tcb_t *tcb, word_t clear, word_t set, bool_t call)
{
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
    /* the reply is the one just written, not the empty success reply */
    setThreadState(ksCurThread, ThreadState_Running);
    return EXCEPTION_NONE;
}

static exception_t decodeSetFlags(cap_t cap, word_t length, bool_t call, word_t *buffer)
{
    if (length < 2) {
        userErrorTruncated("TCB SetFlags", length, 2, 0);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t clear = getSyscallArg(0, buffer);
    word_t set = getSyscallArg(1, buffer);
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_SetFlags(TCB_PTR(cap_thread_cap_get_capTCBPtr(cap)), clear, set, call);
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
        return invokeTCB_Suspend(TCB_PTR(cap_thread_cap_get_capTCBPtr(cap)));
    case TCBResume:
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeTCB_Resume(TCB_PTR(cap_thread_cap_get_capTCBPtr(cap)));
    case TCBConfigure:
        return decodeTCBConfigure(cap, length, slot, buffer);
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
        userError("TCB: label %lu is not a TCB invocation.", invLabel);
        return syscall_error_simple(seL4_IllegalOperation);
    }
}
