/*
 * Message registers and replies from the kernel.
 */
#include <api/message.h>
#include <kernel/usererror.h>
#include <api/failures.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>

syscall_error_t current_syscall_error;
seL4_Fault_t current_fault;

word_t setMR(tcb_t *receiver, word_t *receiveIPCBuffer, word_t offset, word_t reg)
{
    if (offset < n_msgRegisters) {
        setRegister(receiver, msgRegisters[offset], reg);
        return offset + 1;
    }
    if (!receiveIPCBuffer) {
        return n_msgRegisters;
    }
    receiveIPCBuffer[offset + 1] = reg;
    return offset + 1;
}

/* The ABI numbers lookup failures 1..4 (seL4's setMRs_lookup_failure, src/api/faults.c). */
word_t setMRs_lookup_failure(tcb_t *receiver, word_t *receiveIPCBuffer, lookup_fault_t luf,
                             word_t offset)
{
    word_t lufType = lookup_fault_get_lufType(luf);
    word_t i = setMR(receiver, receiveIPCBuffer, offset, lufType + 1);
    switch (lufType) {
    case lookup_fault_invalid_root:
        return i;
    case lookup_fault_missing_capability:
        return setMR(receiver, receiveIPCBuffer, offset + 1,
                     lookup_fault_missing_capability_get_bitsLeft(luf));
    case lookup_fault_depth_mismatch:
        setMR(receiver, receiveIPCBuffer, offset + 1,
              lookup_fault_depth_mismatch_get_bitsLeft(luf));
        return setMR(receiver, receiveIPCBuffer, offset + 2,
                     lookup_fault_depth_mismatch_get_bitsFound(luf));
    case lookup_fault_guard_mismatch:
        setMR(receiver, receiveIPCBuffer, offset + 1,
              lookup_fault_guard_mismatch_get_bitsLeft(luf));
        setMR(receiver, receiveIPCBuffer, offset + 2,
              lookup_fault_guard_mismatch_get_guardFound(luf));
        return setMR(receiver, receiveIPCBuffer, offset + 3,
                     lookup_fault_guard_mismatch_get_bitsFound(luf));
    default:
        fail("invalid lookup failure");
    }
}

word_t setMRs_syscall_error(tcb_t *thread, word_t *receiveIPCBuffer)
{
    switch (current_syscall_error.type) {
    case seL4_InvalidArgument:
        return setMR(thread, receiveIPCBuffer, 0, current_syscall_error.invalidArgumentNumber);
    case seL4_InvalidCapability:
        return setMR(thread, receiveIPCBuffer, 0, current_syscall_error.invalidCapNumber);
    case seL4_RangeError:
        setMR(thread, receiveIPCBuffer, 0, current_syscall_error.rangeErrorMin);
        return setMR(thread, receiveIPCBuffer, 1, current_syscall_error.rangeErrorMax);
    case seL4_FailedLookup:
        setMR(thread, receiveIPCBuffer, 0, current_syscall_error.failedLookupWasSource ? 1 : 0);
        return setMRs_lookup_failure(thread, receiveIPCBuffer, current_lookup_fault, 1);
    case seL4_NotEnoughMemory:
        return setMR(thread, receiveIPCBuffer, 0, current_syscall_error.memoryLeft);
    case seL4_IllegalOperation:
    case seL4_AlignmentError:
    case seL4_TruncatedMessage:
    case seL4_DeleteFirst:
    case seL4_RevokeFirst:
        return 0;
    default:
        fail("invalid syscall error");
    }
}

void replyFromKernel_error(tcb_t *thread)
{
    word_t *buffer = lookupIPCBuffer(true, thread);
    setRegister(thread, badgeRegister, 0);
    word_t len = setMRs_syscall_error(thread, buffer);
#ifdef CONFIG_KERNEL_INVOCATION_REPORT_ERROR_IPC
    /* the diagnostic from msg[DEBUG_MESSAGE_START] on; the length counts its words
     * plus one on top of the error's own, as seL4's replyFromKernel_error does */
    if (buffer) {
        char *text = (char *)(buffer + 1 + DEBUG_MESSAGE_START);
        word_t n = 0;
        while (n + 1 < sizeof(current_debug_error.errorMessage) &&
               current_debug_error.errorMessage[n]) {
            text[n] = current_debug_error.errorMessage[n];
            n++;
        }
        text[n] = '\0';
        len += n / sizeof(word_t) + 1;
    }
#endif
    setRegister(thread, msgInfoRegister,
                wordFromMessageInfo(seL4_MessageInfo_new(current_syscall_error.type, 0, 0, len)));
}

void replyFromKernel_success_empty(tcb_t *thread)
{
    setRegister(thread, badgeRegister, 0);
    setRegister(thread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, 0)));
}
