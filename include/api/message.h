/*
 * Message registers and kernel replies: where MR i lives (a register for i < 4, the
 * IPC buffer after that) and how errors are encoded (seL4's setMRs_syscall_error in
 * src/object/tcb.c and setMRs_lookup_failure in src/api/faults.c).
 */
#pragma once

#include <object/structures.h>
#include <kernel/thread.h>

/*
 * The registers of MRs 0..3 (seL4's libsel4/arch_include/riscv/sel4/arch/syscalls.h),
 * in the header so that a copy of them is unrolled with constant offsets.
 */
static const register_t msgRegisters[n_msgRegisters] = { a2, a3, a4, a5 };

static inline seL4_MessageInfo_t messageInfoFromWord(word_t w)
{
    seL4_MessageInfo_t mi = { .words = { w } };
    /* lengths beyond the maximum are clamped, never rejected */
    if (seL4_MessageInfo_get_length(mi) > seL4_MsgMaxLength) {
        mi = seL4_MessageInfo_set_length(mi, seL4_MsgMaxLength);
    }
    return mi;
}

static inline word_t wordFromMessageInfo(seL4_MessageInfo_t mi)
{
    return mi.words[0];
}

word_t setMR(tcb_t *receiver, word_t *receiveIPCBuffer, word_t offset, word_t reg);
/*
 * Argument i of the current invocation: MR i. Decoders read only within the message
 * length, which is cut to the registers when the thread has no IPC buffer; one that
 * reads further still gets a defined 0. Inline: every decoder reads its arguments here.
 */
static inline word_t getSyscallArg(word_t i, word_t *ipc_buffer)
{
    if (i < n_msgRegisters) {
        return getRegister(ksCurThread, msgRegisters[i]);
    }
    if (unlikely(ipc_buffer == NULL)) {
        return 0;
    }
    return ipc_buffer[i + 1];
}
word_t setMRs_lookup_failure(tcb_t *receiver, word_t *receiveIPCBuffer, lookup_fault_t luf,
                             word_t offset);
word_t setMRs_syscall_error(tcb_t *thread, word_t *receiveIPCBuffer);
void replyFromKernel_error(tcb_t *thread);
void replyFromKernel_success_empty(tcb_t *thread);
