/*
 * The IPC fastpath (src/fastpath/fastpath.c): Call and ReplyRecv in their commonest
 * form, observably the same as the slowpath, which they fall back to otherwise; and,
 * with their options, Signal and VM faults sent to a waiting handler.
 * trap.S jumps to them straight from the trap entry: a0/a1 are the thread's cptr and
 * message info, a2 its TCB (the MCS reply cptr is read from its saved a6). They never
 * return (each ends in the slowpath or fastpath_restore), but are not declared noreturn
 * so that GCC jumps to those instead of calling them (src/fastpath/fastpath.c).
 */
#pragma once

#include <object/structures.h>

void fastpath_call(word_t cptr, word_t msgInfo, tcb_t *cur);
void fastpath_reply_recv(word_t cptr, word_t msgInfo, tcb_t *cur);
/* KernelSignalFastpath (MCS): seL4_Signal; the same arguments as Call's */
void fastpath_signal(word_t cptr, word_t msgInfo, tcb_t *cur);
/* KernelExceptionFastpath: every user exception but an ecall, a0 = scause, a1 = stval */
void fastpath_vm_fault(word_t scause, word_t addr, tcb_t *cur);
