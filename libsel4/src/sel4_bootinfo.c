/* libsel4's state: the IPC buffer pointer, the root task's bootinfo and (with
 * KernelInvocationReportErrorIPC) whether stubs print the kernel's error text. */
#include <sel4/bootinfo.h>
#include <sel4/functions.h>

LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;

#ifdef CONFIG_KERNEL_INVOCATION_REPORT_ERROR_IPC
#ifdef CONFIG_LIB_SEL4_PRINT_INVOCATION_ERRORS
LIBSEL4_THREAD_LOCAL char __sel4_print_error = 1;
#else
LIBSEL4_THREAD_LOCAL char __sel4_print_error;
#endif
#endif

static seL4_BootInfo *bootinfo;

void seL4_InitBootInfo(seL4_BootInfo *bi)
{
    bootinfo = bi;
}

seL4_BootInfo *seL4_GetBootInfo(void)
{
    return bootinfo;
}
