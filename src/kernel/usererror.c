/*
 * The invocation-error diagnostic (include/kernel/usererror.h).
 */
#include <kernel/usererror.h>
#include <model/statedata.h>
#include <kernel/thread.h>

#ifdef CONFIG_KERNEL_INVOCATION_REPORT_ERROR_IPC
debug_syscall_error_t current_debug_error;
#endif

#ifdef CONFIG_PRINTING
void userError_emit(const char *function, unsigned line, const char *fmt, ...)
{
    char message[DEBUG_MESSAGE_MAXLEN * sizeof(word_t)];
    va_list ap;
    va_start(ap, fmt);
    kvsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);

    tcb_t *thread = ksCurThread;
#ifdef CONFIG_DEBUG_BUILD
    const char *name = thread->tcbName;
#else
    const char *name = "";
#endif
    word_t pc = getRegister(thread, FaultIP);
#ifdef CONFIG_KERNEL_INVOCATION_REPORT_ERROR_IPC
    ksnprintf(current_debug_error.errorMessage, sizeof(current_debug_error.errorMessage),
              "<<seL4(CPU 0) [%s/%u T%p \"%s\" @%lx]: %s>>\n", function, line,
              (void *)thread, name, pc, message);
#else
    kprintf("<<seL4(CPU 0) [%s/%u T%p \"%s\" @%lx]: %s>>\n", function, line,
            (void *)thread, name, pc, message);
#endif
}
#endif
