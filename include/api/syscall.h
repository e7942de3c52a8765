/*
 * System call entry points, from trap.S through the C trap handlers.
 */
#pragma once

#include <object/structures.h>

/* API syscalls are [SYSCALL_MIN, SYSCALL_MAX]; everything else is "unknown". */
#define SYSCALL_MAX     seL4_SysCall
#ifdef CONFIG_KERNEL_MCS
#define SYSCALL_MIN     seL4_SysYield
#else
#define SYSCALL_MIN     seL4_SysNBRecv
#endif

exception_t handleSyscall(syscall_t syscall);
exception_t handleUnknownSyscall(word_t w);
exception_t handleUserLevelFault(word_t w_a, word_t w_b);
exception_t handleVMFaultEvent(word_t vm_faultType);
NORETURN void slowpath(syscall_t syscall);
NORETURN void fastpath_call(word_t cptr, word_t msgInfo);
#ifdef CONFIG_KERNEL_MCS
NORETURN void fastpath_reply_recv(word_t cptr, word_t msgInfo, cptr_t replyCPtr);
#else
NORETURN void fastpath_reply_recv(word_t cptr, word_t msgInfo);
#endif
NORETURN void restore_user_context(void);
NORETURN void halt(void);
