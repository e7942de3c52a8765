/*
 * Debug and printing system calls (seL4_DebugPutChar, seL4_DebugHalt, ...).
 */
#pragma once

#include <basic_types.h>

/* True if w was a compiled-in debug syscall and has been handled. */
bool_t handleDebugSyscall(sword_t w);
void debug_dumpScheduler(void);
