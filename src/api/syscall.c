/*
 * The slowpath: every system call, fault and interrupt ends here or in the fastpath.
 * An invocation is decoded completely (caps looked up, arguments checked) before
 * anything changes; decode failures become error replies, never partial effects.
 */
#include <arch/traps.h>
#include <api/syscall.h>
#include <benchmark/benchmark.h>
#include <kernel/usererror.h>
#include <api/failures.h>
#include <api/message.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <kernel/faulthandler.h>
#include <object/invocation.h>
#include <machine/io.h>
#include <arch/machine.h>
#include <kernel/debug.h>
#include <object/interrupt.h>
#include <object/endpoint.h>
#include <object/notification.h>
#include <kernel/ipc.h>
#include <kernel/invariants.h>
#ifdef CONFIG_KERNEL_MCS
#include <kernel/sporadic.h>

/* MCS entries are billed: the body runs only if the budget covers this entry. */
#define MCS_DO_IF_BUDGET(block) do { \
        updateTimestamp(); \
        if (likely(checkBudgetRestart())) { \
            block \
        } \
    } while (0)
#else
#define MCS_DO_IF_BUDGET(block) do { block } while (0)
#endif

/* Extra caps named in the caller's IPC buffer, looked up before decoding. */
extmsg_caps_t current_extra_caps;

#ifdef CONFIG_KERNEL_MCS
static exception_t handleInvocation(bool_t isCall, bool_t isBlocking, bool_t canDonate,
                                    bool_t firstPhase, cptr_t cptr)
#else
static exception_t handleInvocation(bool_t isCall, bool_t isBlocking)
#endif
{
    tcb_t *thread = ksCurThread;
    seL4_MessageInfo_t info = messageInfoFromWord(getRegister(thread, msgInfoRegister));
#ifndef CONFIG_KERNEL_MCS
    cptr_t cptr = getRegister(thread, capRegister);
#endif

    lookupCapAndSlot_ret_t lu = lookupCapAndSlot(thread, cptr);
    if (unlikely(lu.status != EXCEPTION_NONE)) {
        /* a cap fault, not an error reply (seL4's handleInvocation, src/api/syscall.c) */
        userError("Invoking cap #%lu: the address does not resolve to a slot.", cptr);
        current_fault = seL4_Fault_CapFault_new(cptr, false);
        if (isBlocking) {
            handleFault(thread);
        }
        return EXCEPTION_NONE;
    }

    word_t *buffer = lookupIPCBuffer(false, thread);
    exception_t status = lookupExtraCaps(thread, buffer, info);
    if (unlikely(status != EXCEPTION_NONE)) {
        userError("Invoking cap #%lu: extra cap #%lu does not resolve to a slot.", cptr,
                  seL4_Fault_CapFault_get_address(current_fault));
        if (isBlocking) {
            handleFault(thread);
        }
        return EXCEPTION_NONE;
    }
#ifdef CONFIG_KERNEL_INVOCATION_REPORT_ERROR_IPC
    current_debug_error.errorMessage[0] = '\0';
#endif

    word_t length = seL4_MessageInfo_get_length(info);
    if (unlikely(length > n_msgRegisters && !buffer)) {
        /* not an error: the decoder sees only the words in registers */
        userError("Invoking cap #%lu: %lu message words but no IPC buffer; only %lu are read.",
                  cptr, length, (word_t)n_msgRegisters);
        length = n_msgRegisters;
    }
#ifdef CONFIG_KERNEL_MCS
    status = decodeInvocation(seL4_MessageInfo_get_label(info), length, cptr, lu.slot, lu.cap,
                              isBlocking, isCall, canDonate, firstPhase, buffer);
#else
    status = decodeInvocation(seL4_MessageInfo_get_label(info), length, cptr, lu.slot, lu.cap,
                              isBlocking, isCall, buffer);
#endif
    if (unlikely(status == EXCEPTION_PREEMPTED)) {
        return status;
    }
    if (unlikely(status == EXCEPTION_SYSCALL_ERROR)) {
        if (isCall) {
            replyFromKernel_error(thread);
        }
        return EXCEPTION_NONE;
    }
    /* the operation completed: answer the Call and let the thread go on */
    if (unlikely(thread_state_get_tsType(thread->tcbState) == ThreadState_Restart)) {
        if (isCall) {
            replyFromKernel_success_empty(thread);
        }
        setThreadState(thread, ThreadState_Running);
    }
    return EXCEPTION_NONE;
}

/*
 * Recv, NBRecv (and ReplyRecv's second phase): a0 must name an endpoint or a
 * notification the caller may receive on; anything else is a cap fault in the
 * receive phase (seL4's src/api/syscall.c).
 */
#ifdef CONFIG_KERNEL_MCS
/* The reply object named in a6: anything else is a cap fault in the receive phase. */
static bool_t lookupReply(cap_t *replyCap)
{
    cptr_t replyCPtr = getRegister(ksCurThread, replyRegister);
    lookupCap_ret_t lu = lookupCap(ksCurThread, replyCPtr);
    if (unlikely(lu.status != EXCEPTION_NONE)) {
        userError("Receive: reply cap #%lu does not resolve to a slot.", replyCPtr);
        current_fault = seL4_Fault_CapFault_new(replyCPtr, true);
        return false;
    }
    if (unlikely(cap_get_capType(lu.cap) != cap_reply_cap)) {
        userError("Receive: cap #%lu is of type %lu, not a reply object.", replyCPtr,
                  (word_t)cap_get_capType(lu.cap));
        current_lookup_fault = lookup_fault_missing_capability_new(0);
        current_fault = seL4_Fault_CapFault_new(replyCPtr, true);
        return false;
    }
    *replyCap = lu.cap;
    return true;
}

static void handleRecv(bool_t isBlocking, bool_t canReply)
#else
static void handleRecv(bool_t isBlocking)
#endif
{
    tcb_t *thread = ksCurThread;
    cptr_t epCPtr = getRegister(thread, capRegister);
    lookupCap_ret_t lu = lookupCap(thread, epCPtr);
    if (unlikely(lu.status != EXCEPTION_NONE)) {
        userError("Receive: cap #%lu does not resolve to a slot.", epCPtr);
        current_fault = seL4_Fault_CapFault_new(epCPtr, true);
        handleFault(thread);
        return;
    }
    cap_t cap = lu.cap;
    switch (cap_get_capType(cap)) {
    case cap_endpoint_cap:
        if (unlikely(!cap_endpoint_cap_get_capCanReceive(cap))) {
            userError("Receive: endpoint cap #%lu has no Receive right.", epCPtr);
            break;
        }
#ifdef CONFIG_KERNEL_MCS
        {
            cap_t replyCap = cap_null_cap_new();
            if (canReply && !lookupReply(&replyCap)) {
                handleFault(thread);
                return;
            }
            receiveIPC(thread, cap, isBlocking, replyCap);
        }
#else
        receiveIPC(thread, cap, isBlocking);
#endif
        return;
    case cap_notification_cap: {
        notification_t *ntfn = NTFN_PTR(cap_notification_cap_get_capNtfnPtr(cap));
        tcb_t *bound = (tcb_t *)notification_ptr_get_ntfnBoundTCB(ntfn);
        if (unlikely(!cap_notification_cap_get_capNtfnCanReceive(cap))) {
            userError("Receive: notification cap #%lu has no Receive right.", epCPtr);
            break;
        }
        if (unlikely(bound && bound != thread)) {
            userError("Receive: notification cap #%lu is bound to another thread (%p).", epCPtr,
                      (void *)bound);
            break;
        }
        receiveSignal(thread, cap, isBlocking);
        return;
    }
    default:
        userError("Receive: cap #%lu is of type %lu, not an endpoint or notification.", epCPtr,
                  (word_t)cap_get_capType(cap));
        break;
    }
    current_lookup_fault = lookup_fault_missing_capability_new(0);
    current_fault = seL4_Fault_CapFault_new(epCPtr, true);
    handleFault(thread);
}

#ifndef CONFIG_KERNEL_MCS
/* Reply through the reply cap in the caller slot, if there is one. */
static void handleReply(void)
{
    cte_t *callerSlot = TCB_CTE_PTR(ksCurThread, tcbCaller);
    cap_t callerCap = callerSlot->cap;
    switch (cap_get_capType(callerCap)) {
    case cap_reply_cap:
        if (cap_reply_cap_get_capReplyMaster(callerCap)) {
            break;
        }
        doReplyTransfer(ksCurThread, TCB_PTR(cap_reply_cap_get_capTCBPtr(callerCap)), callerSlot,
                        cap_reply_cap_get_capReplyCanGrant(callerCap));
        break;
    case cap_null_cap:
        break;
    default:
        fail("handleReply: caller slot holds an unexpected cap");
    }
}
#endif

static void handleYield(void)
{
#ifdef CONFIG_KERNEL_MCS
    /* give up the rest of the head refill; only the time really used counts as consumed */
    ticks_t consumed = ksCurSC->scConsumed + ksConsumed;
    chargeBudget(refill_head(ksCurSC)->rAmount, false);
    ksCurSC->scConsumed = consumed;
#else
    tcbSchedDequeue(ksCurThread);
    tcbSchedAppend(ksCurThread);
    rescheduleRequired();
#endif
}

#ifdef CONFIG_KERNEL_MCS
/* A preempted invocation: bill the time used, as far as its SC still exists. */
static void mcsPreemptionPoint(void)
{
    if (isSchedulable(ksCurThread)) {
        checkBudget();
    } else if (sc_active(ksCurSC)) {
        chargeBudget(ksConsumed, false);
    } else {
        ksConsumed = 0;
    }
}

/* The send half of ReplyRecv/NBSendRecv/NBSendWait; true if the receive may follow. */
static bool_t handleFirstPhase(cptr_t cptr)
{
    if (unlikely(handleInvocation(false, false, true, true, cptr) != EXCEPTION_NONE)) {
        mcsPreemptionPoint();
        handleInterruptFromPreemption();
        return false;
    }
    return true;
}

static exception_t handleSyscallMCS(syscall_t syscall)
{
    exception_t ret = EXCEPTION_NONE;
    tcb_t *thread = ksCurThread;
    switch ((sword_t)syscall) {
    case seL4_SysSend:
        ret = handleInvocation(false, true, false, false, getRegister(thread, capRegister));
        break;
    case seL4_SysNBSend:
        ret = handleInvocation(false, false, false, false, getRegister(thread, capRegister));
        break;
    case seL4_SysCall:
        ret = handleInvocation(true, true, true, false, getRegister(thread, capRegister));
        break;
    case seL4_SysRecv:
        handleRecv(true, true);
        break;
    case seL4_SysNBRecv:
        handleRecv(false, true);
        break;
    case seL4_SysWait:
        handleRecv(true, false);
        break;
    case seL4_SysNBWait:
        handleRecv(false, false);
        break;
    case seL4_SysReplyRecv:
        if (handleFirstPhase(getRegister(thread, replyRegister))) {
            handleRecv(true, true);
        }
        break;
    case seL4_SysNBSendRecv:
        if (handleFirstPhase(getRegister(thread, nbsendRecvDest))) {
            handleRecv(true, true);
        }
        break;
    case seL4_SysNBSendWait:
        if (handleFirstPhase(getRegister(thread, replyRegister))) {
            handleRecv(true, false);
        }
        break;
    case seL4_SysYield:
        handleYield();
        break;
    default:
        fail("handleSyscall: not an API syscall");
    }
    if (unlikely(ret == EXCEPTION_PREEMPTED)) {
        mcsPreemptionPoint();
        handleInterruptFromPreemption();
    }
    return EXCEPTION_NONE;
}
#endif

exception_t handleSyscall(syscall_t syscall)
{
#ifdef CONFIG_KERNEL_MCS
    MCS_DO_IF_BUDGET({
        handleSyscallMCS(syscall);
    });
    schedule();
    activateThread();
    return EXCEPTION_NONE;
#else
    exception_t ret = EXCEPTION_NONE;
    switch ((sword_t)syscall) {
    case seL4_SysSend:
        ret = handleInvocation(false, true);
        break;
    case seL4_SysNBSend:
        ret = handleInvocation(false, false);
        break;
    case seL4_SysCall:
        ret = handleInvocation(true, true);
        break;
    case seL4_SysYield:
        handleYield();
        break;
#ifndef CONFIG_KERNEL_MCS
    case seL4_SysRecv:
        handleRecv(true);
        break;
    case seL4_SysReply:
        handleReply();
        break;
    case seL4_SysReplyRecv:
        handleReply();
        handleRecv(true);
        break;
#endif
    case seL4_SysNBRecv:
        handleRecv(false);
        break;
    default:
        fail("handleSyscall: not an API syscall");
    }
    if (unlikely(ret == EXCEPTION_PREEMPTED)) {
        /* a long operation stopped at a preemption point: take the interrupt now */
        handleInterruptFromPreemption();
    }
    schedule();
    activateThread();
    return EXCEPTION_NONE;
#endif
}

exception_t handleUnknownSyscall(word_t w)
{
    /* a benchmark call changes no thread's state: straight back to its caller */
    if (handleBenchmarkSyscall((sword_t)w)) {
        return EXCEPTION_NONE;
    }
    if (handleDebugSyscall((sword_t)w)) {
        schedule();
        activateThread();
        return EXCEPTION_NONE;
    }
    /* no diagnostic, as in seL4: the fault itself reports it (handleFault prints when
     * the thread has no handler) */
    MCS_DO_IF_BUDGET({
        current_fault = seL4_Fault_UnknownSyscall_new(w);
        handleFault(ksCurThread);
    });
    schedule();
    activateThread();
    return EXCEPTION_NONE;
}

exception_t handleUserLevelFault(word_t w_a, word_t w_b)
{
    MCS_DO_IF_BUDGET({
        current_fault = seL4_Fault_UserException_new(w_a, w_b);
        handleFault(ksCurThread);
    });
    schedule();
    activateThread();
    return EXCEPTION_NONE;
}

/* seL4 reports RISC-V page and access faults with one FSR per access kind (seL4's
 * handleVMFault, src/arch/riscv/kernel/vspace.c). */
exception_t handleVMFaultEvent(word_t scause)
{
    word_t addr = read_csr(stval);
    word_t fsr, instruction = 0;
    switch (scause) {
    case RISCVInstructionPageFault:
    case RISCVInstructionAccessFault:
        fsr = RISCVInstructionAccessFault;
        instruction = 1;
        break;
    case RISCVLoadPageFault:
    case RISCVLoadAccessFault:
        fsr = RISCVLoadAccessFault;
        break;
    default:
        fsr = RISCVStoreAccessFault;
        break;
    }
    MCS_DO_IF_BUDGET({
        current_fault = seL4_Fault_VMFault_new(addr, fsr, instruction);
        handleFault(ksCurThread);
    });
    schedule();
    activateThread();
    return EXCEPTION_NONE;
}

void slowpath(syscall_t syscall)
{
    if ((sword_t)syscall < SYSCALL_MIN || (sword_t)syscall > SYSCALL_MAX) {
#ifdef CONFIG_ENABLE_BENCHMARKS
        /* the null call measures the trap itself (sel4bench's hardware application) */
        if ((sword_t)syscall == seL4_SysBenchmarkNullSyscall) {
            restore_user_context();
        }
#endif
        handleUnknownSyscall(syscall);
    } else {
        handleSyscall(syscall);
    }
    checkInvariantsAtExit();
    restore_user_context();
}
