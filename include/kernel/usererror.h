/*
 * userError: the one-line diagnostic a debug kernel gives when an invocation or
 * system call fails, in seL4's format (seL4's include/api/debug.h):
 *
 *   <<seL4(CPU 0) [function/line T<tcb> "<thread name>" @<pc>]: <message>>>
 *
 * With KernelPrinting off it compiles to nothing (the arguments are still
 * type-checked). With KernelInvocationReportErrorIPC the line is not printed but kept
 * in current_debug_error and copied into the caller's IPC buffer with the error reply
 * (replyFromKernel_error), where libsel4's seL4_GetDebugError() finds it.
 */
#pragma once

#include <config.h>
#include <basic_types.h>
#include <machine/io.h>

void userError_emit(const char *function, unsigned line, const char *fmt, ...)
__attribute__((format(printf, 3, 4)));

#ifdef CONFIG_PRINTING
#define userError(...) userError_emit(__func__, __LINE__, __VA_ARGS__)
#else
#define userError(...) ((void)sizeof(ksnprintf(NULL, 0, __VA_ARGS__)))
#endif

#ifdef CONFIG_KERNEL_INVOCATION_REPORT_ERROR_IPC
#include <sel4/constants.h>
/* The last userError line, NUL-terminated; empty when the failure printed none. */
typedef struct debug_syscall_error {
    char errorMessage[DEBUG_MESSAGE_MAXLEN * sizeof(word_t)];
} debug_syscall_error_t;
extern debug_syscall_error_t current_debug_error;
#endif
