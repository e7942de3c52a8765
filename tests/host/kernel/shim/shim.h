/*
 * The host shim: what the kernel sources under test call outside themselves. Tests
 * steer it through these variables.
 */
#pragma once

#include <object/structures.h>

/* preemptionPoint() reports a pending interrupt with this probability (percent). */
extern unsigned shim_preempt_percent;
extern unsigned long shim_preemptions;
/* userError() messages the kernel gave, and the last one's text. */
extern unsigned long shim_user_errors;
extern char shim_last_user_error[256];
/* getSyscallArg(i) returns shim_syscall_args[i]. */
extern word_t shim_syscall_args[16];
/* Calls the shim saw, for checks on finalisation. */
struct shim_calls {
    unsigned long cancelAllIPC, cancelAllSignals, unbindMaybeNotification, unbindNotification;
    unsigned long suspend, tcbDebugAppend, tcbDebugRemove, deletingIRQHandler;
    unsigned long deletedIRQHandler, setThreadState, unmapPage, unmapPageTable;
    unsigned long deleteASID, deleteASIDPool, cancelBadgedSends;
};
extern struct shim_calls shim_calls;
