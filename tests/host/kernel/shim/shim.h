/*
 * The host shim: what the kernel sources under test call outside themselves. Tests
 * steer it through these variables.
 */
#pragma once

#include <object/structures.h>

/* preemptionPoint() reports a pending interrupt with this probability (percent) at each
 * check, every CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION units of work. */
extern unsigned shim_preempt_percent;
extern unsigned long shim_preemptions;
/* userError() messages the kernel gave, and the last one's text. */
extern unsigned long shim_user_errors;
extern char shim_last_user_error[256];
/* The invocation's arguments: shim_args() puts them where the kernel's getSyscallArg
 * reads them (MRs 0..3 in the current thread's registers, the rest in the IPC buffer it
 * returns, which the test passes to the decoder). */
extern word_t shim_syscall_args[16];
word_t *shim_args(void);
/* Calls the shim saw, for checks on finalisation. */
struct shim_calls {
    unsigned long cancelAllIPC, cancelAllSignals, unbindMaybeNotification, unbindNotification;
    unsigned long suspend, tcbDebugAppend, tcbDebugRemove, deletingIRQHandler;
    unsigned long deletedIRQHandler, rescheduleRequired, unmapPage, unmapPageTable;
    unsigned long deleteASID, deleteASIDPool, cancelBadgedSends;
};
extern struct shim_calls shim_calls;
