/*
 * Fault messages and replies to them (seL4's src/api/faults.c and src/arch/riscv/api/faults.c).
 */
#include <api/faults.h>
#include <kernel/ipc.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <api/message.h>
#include <api/failures.h>
#ifdef CONFIG_KERNEL_MCS
#include <object/schedcontext.h>
#endif

/* Registers a fault message carries, and a fault reply may rewrite, in ABI order. */
static const register_t syscallMessage[] = { FaultIP, sp, ra, a0, a1, a2, a3, a4, a5, a6 };
static const register_t exceptionMessage[] = { FaultIP, sp };
#ifdef CONFIG_KERNEL_MCS
/* a timeout-fault reply rewrites the whole seL4_UserContext, in its order (seL4's
 * libsel4/arch_include/riscv/sel4/arch/types.h) */
static const register_t timeoutReplyMessage[] = {
    FaultIP, ra, sp, gp, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11,
    a0, a1, a2, a3, a4, a5, a6, a7, t0, t1, t2, t3, t4, t5, t6, tp
};
#endif

static void copyMRsFault(tcb_t *sender, tcb_t *receiver, const register_t *regs, word_t n,
                         word_t *receiveIPCBuffer)
{
    for (word_t i = 0; i < n; i++) {
        setMR(receiver, receiveIPCBuffer, i, getRegister(sender, regs[i]));
    }
}

word_t setMRs_fault(tcb_t *sender, tcb_t *receiver, word_t *receiveIPCBuffer)
{
    seL4_Fault_t f = sender->tcbFault;
    switch (seL4_Fault_get_seL4_FaultType(f)) {
    case seL4_Fault_CapFault:
        setMR(receiver, receiveIPCBuffer, seL4_CapFault_IP, getRegister(sender, FaultIP));
        setMR(receiver, receiveIPCBuffer, seL4_CapFault_Addr, seL4_Fault_CapFault_get_address(f));
        setMR(receiver, receiveIPCBuffer, seL4_CapFault_InRecvPhase,
              seL4_Fault_CapFault_get_inReceivePhase(f));
        return setMRs_lookup_failure(receiver, receiveIPCBuffer, sender->tcbLookupFailure,
                                     seL4_CapFault_LookupFailureType);
    case seL4_Fault_UnknownSyscall:
        copyMRsFault(sender, receiver, syscallMessage, ARRAY_SIZE(syscallMessage),
                     receiveIPCBuffer);
        return setMR(receiver, receiveIPCBuffer, ARRAY_SIZE(syscallMessage),
                     seL4_Fault_UnknownSyscall_get_syscallNumber(f));
    case seL4_Fault_UserException:
        copyMRsFault(sender, receiver, exceptionMessage, ARRAY_SIZE(exceptionMessage),
                     receiveIPCBuffer);
        setMR(receiver, receiveIPCBuffer, ARRAY_SIZE(exceptionMessage),
              seL4_Fault_UserException_get_number(f));
        return setMR(receiver, receiveIPCBuffer, ARRAY_SIZE(exceptionMessage) + 1,
                     seL4_Fault_UserException_get_code(f));
    case seL4_Fault_VMFault:
        setMR(receiver, receiveIPCBuffer, seL4_VMFault_IP, getRegister(sender, FaultIP));
        setMR(receiver, receiveIPCBuffer, seL4_VMFault_Addr, seL4_Fault_VMFault_get_address(f));
        setMR(receiver, receiveIPCBuffer, seL4_VMFault_PrefetchFault,
              seL4_Fault_VMFault_get_instructionFault(f));
        return setMR(receiver, receiveIPCBuffer, seL4_VMFault_FSR, seL4_Fault_VMFault_get_FSR(f));
#ifdef CONFIG_KERNEL_MCS
    case seL4_Fault_Timeout: {
        word_t len = setMR(receiver, receiveIPCBuffer, seL4_Timeout_Data,
                           seL4_Fault_Timeout_get_badge(f));
        if (sender->tcbSchedContext) {
            len = setMR(receiver, receiveIPCBuffer, len,
                        schedContext_updateConsumed(sender->tcbSchedContext));
        }
        return len;
    }
#endif
    default:
        fail("setMRs_fault: invalid fault");
    }
}

/* The first n reply MRs overwrite regs of the faulted thread (no sanitising on RISC-V). */
static void copyMRsFaultReply(tcb_t *sender, tcb_t *receiver, const register_t *regs, word_t n)
{
    word_t *buffer = lookupIPCBuffer(false, sender);
    for (word_t i = 0; i < n; i++) {
        word_t v;
        if (i < n_msgRegisters) {
            v = getRegister(sender, msgRegisters[i]);
        } else if (buffer) {
            v = buffer[i + 1];
        } else {
            break;
        }
        setRegister(receiver, regs[i], v);
    }
}

/* True if the faulted thread should run again. */
bool_t handleFaultReply(tcb_t *receiver, tcb_t *sender)
{
    seL4_MessageInfo_t tag = messageInfoFromWord(getRegister(sender, msgInfoRegister));
    word_t label = seL4_MessageInfo_get_label(tag);
    word_t length = seL4_MessageInfo_get_length(tag);
    switch (seL4_Fault_get_seL4_FaultType(receiver->tcbFault)) {
    case seL4_Fault_CapFault:
    case seL4_Fault_VMFault:
        return true;
    case seL4_Fault_UnknownSyscall:
        copyMRsFaultReply(sender, receiver, syscallMessage,
                          MIN(length, (word_t)ARRAY_SIZE(syscallMessage)));
        return label == 0;
    case seL4_Fault_UserException:
        copyMRsFaultReply(sender, receiver, exceptionMessage,
                          MIN(length, (word_t)ARRAY_SIZE(exceptionMessage)));
        return label == 0;
#ifdef CONFIG_KERNEL_MCS
    case seL4_Fault_Timeout:
        copyMRsFaultReply(sender, receiver, timeoutReplyMessage,
                          MIN(length, (word_t)ARRAY_SIZE(timeoutReplyMessage)));
        return label == 0;
#endif
    default:
        fail("handleFaultReply: invalid fault");
    }
}
