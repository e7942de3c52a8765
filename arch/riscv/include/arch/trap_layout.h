/*
 * What trap.S needs to know about the C side, as plain numbers an assembler can use.
 * Each is pinned to its C definition by a compile-time assertion in c_traps.c, so a
 * change to the context layout, the syscall numbers or the exception codes cannot
 * leave trap.S behind.
 */
#pragma once

#include <config.h>

#define REGBYTES            8
#define CTX(i)              ((i) * REGBYTES)
/* indices into the saved context (enum _register): xN lives at index N-1 */
#define IDX_T0              4
#define IDX_A2              11
#define IDX_SCAUSE          31
#define IDX_SSTATUS         32
#define IDX_FAULTIP         33
#define IDX_NEXTIP          34
/* scause of an ecall from U-mode (RISCVEnvCall) */
#define SCAUSE_ECALL_U      8
/* the syscalls trap.S hands to the fastpath (seL4_SysCall, seL4_SysReplyRecv, seL4_SysSend) */
#define SYSCALL_CALL        (-1)
#define SYSCALL_REPLYRECV   (-2)
#ifdef CONFIG_KERNEL_MCS
#define SYSCALL_SEND        (-5)
#else
#define SYSCALL_SEND        (-3)
#endif
