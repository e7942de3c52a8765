/*
 * TCB register access: ReadRegisters, WriteRegisters, CopyRegisters (seL4's
 * src/object/tcb.c). Each decoder checks its arguments, sets the caller to Restart and
 * calls the operation, which cannot fail.
 */
#include <object/tcb.h>
#include <object/tcb_invocation.h>
#include <object/invocation.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <api/failures.h>
#include <api/message.h>
#include <kernel/usererror.h>

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

static word_t contextRegister(word_t i)
{
    return i < n_frameRegisters ? frameRegisters[i] : gpRegisters[i - n_frameRegisters];
}

/* The reply (to a Call) carries the first n registers in seL4_UserContext order. */
static exception_t invokeTCB_ReadRegisters(tcb_t *thread, bool_t suspendSource, word_t n,
                                           bool_t call)
{
    if (suspendSource) {
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
    /* the reply is the one just written, not the empty success reply */
    setThreadState(ksCurThread, ThreadState_Running);
    return EXCEPTION_NONE;
}

exception_t decodeReadRegisters(cap_t cap, word_t length, bool_t call, word_t *buffer)
{
    if (length < 2) {
        userErrorTruncated("TCB ReadRegisters", length, 2, 0);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t flags = getSyscallArg(0, buffer);
    word_t n = getSyscallArg(1, buffer);
    if (n < 1 || n > n_userContext) {
        userError("TCB ReadRegisters: %lu registers requested, 1 to %lu can be read.", n,
                  (word_t)n_userContext);
        return syscall_error_range(1, n_userContext);
    }
    tcb_t *thread = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    if (thread == ksCurThread) {
        userError("TCB ReadRegisters: a thread cannot read its own registers.");
        return syscall_error_simple(seL4_IllegalOperation);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_ReadRegisters(thread, flags & FLAG_SUSPEND_SOURCE, n, call);
}

/* The first w message words after the two arguments, in seL4_UserContext order. */
static exception_t invokeTCB_WriteRegisters(tcb_t *thread, bool_t resumeTarget, word_t w,
                                            word_t *buffer)
{
    word_t n = MIN(w, (word_t)n_userContext);
    for (word_t i = 0; i < n; i++) {
        setRegister(thread, contextRegister(i), getSyscallArg(i + 2, buffer));
    }
    /* the thread continues at the pc just written */
    setRegister(thread, NextIP, getRegister(thread, FaultIP));
    if (resumeTarget) {
        restart(thread);
    }
    return EXCEPTION_NONE;
}

exception_t decodeWriteRegisters(cap_t cap, word_t length, word_t *buffer)
{
    if (length < 2) {
        userErrorTruncated("TCB WriteRegisters", length, 2, 0);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t flags = getSyscallArg(0, buffer);
    word_t w = getSyscallArg(1, buffer);
    if (length - 2 < w) {
        userError("TCB WriteRegisters: %lu registers to write but only %lu message words "
                  "follow the arguments.", w, length - 2);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    tcb_t *thread = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    if (thread == ksCurThread) {
        userError("TCB WriteRegisters: a thread cannot write its own registers.");
        return syscall_error_simple(seL4_IllegalOperation);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_WriteRegisters(thread, flags & FLAG_RESUME_TARGET, w, buffer);
}

static exception_t invokeTCB_CopyRegisters(tcb_t *dest, tcb_t *src, bool_t suspendSource,
                                           bool_t resumeTarget, bool_t transferFrame,
                                           bool_t transferInteger)
{
    if (suspendSource) {
        suspend(src);
    }
    if (resumeTarget) {
        restart(dest);
    }
    if (transferFrame) {
        for (word_t i = 0; i < n_frameRegisters; i++) {
            setRegister(dest, frameRegisters[i], getRegister(src, frameRegisters[i]));
        }
        setRegister(dest, NextIP, getRegister(dest, FaultIP));
    }
    if (transferInteger) {
        for (word_t i = 0; i < n_gpRegisters; i++) {
            setRegister(dest, gpRegisters[i], getRegister(src, gpRegisters[i]));
        }
    }
    if (dest == ksCurThread) {
        rescheduleRequired();
    }
    return EXCEPTION_NONE;
}

exception_t decodeCopyRegisters(cap_t cap, word_t length, word_t *buffer)
{
    if (length < 1 || current_extra_caps.excaprefs[0] == NULL) {
        userErrorTruncated("TCB CopyRegisters", length, 1, 1);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t flags = getSyscallArg(0, buffer);
    cap_t source_cap = current_extra_caps.excaprefs[0]->cap;
    if (cap_get_capType(source_cap) != cap_thread_cap) {
        userError("TCB CopyRegisters: the source cap is of type %lu, not a TCB.",
                  (word_t)cap_get_capType(source_cap));
        return syscall_error_invalid_cap(1);
    }
    tcb_t *src = TCB_PTR(cap_thread_cap_get_capTCBPtr(source_cap));
    tcb_t *dest = TCB_PTR(cap_thread_cap_get_capTCBPtr(cap));
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeTCB_CopyRegisters(dest, src, flags & COPY_SUSPEND_SOURCE,
                                   flags & COPY_RESUME_TARGET, flags & COPY_TRANSFER_FRAME,
                                   flags & COPY_TRANSFER_INTEGER);
}
