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
