/* The IPC buffer of the calling thread and access to its message registers. */
#pragma once

#include <sel4/types.h>

/* Each thread's IPC buffer pointer (set by its runtime); defined in libsel4's
 * src/sel4_bootinfo.c, thread-local unless LibSel4UseThreadLocals is off. */
#ifdef CONFIG_LIB_SEL4_USE_THREAD_LOCALS
#define LIBSEL4_THREAD_LOCAL __thread
#else
#define LIBSEL4_THREAD_LOCAL
#endif
extern LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;

#ifdef CONFIG_KERNEL_INVOCATION_REPORT_ERROR_IPC
/* Whether the invocation stubs print the kernel's error text (LibSel4PrintInvocationErrors
 * sets the initial value; a thread may change its own). */
extern LIBSEL4_THREAD_LOCAL char __sel4_print_error;

/* The kernel's diagnostic for the last failed invocation, from msg[DEBUG_MESSAGE_START]. */
LIBSEL4_INLINE_FUNC char *seL4_GetDebugError(void)
{
    return (char *)&__sel4_ipc_buffer->msg[DEBUG_MESSAGE_START];
}

LIBSEL4_INLINE_FUNC void seL4_SetPrintError(char print_error)
{
    __sel4_print_error = print_error;
}

LIBSEL4_INLINE_FUNC char seL4_CanPrintError(void)
{
    return __sel4_print_error;
}
#endif

LIBSEL4_INLINE_FUNC void seL4_SetIPCBuffer(seL4_IPCBuffer *ipc_buffer)
{
    __sel4_ipc_buffer = ipc_buffer;
}

LIBSEL4_INLINE_FUNC seL4_IPCBuffer *seL4_GetIPCBuffer(void)
{
    return __sel4_ipc_buffer;
}

LIBSEL4_INLINE_FUNC seL4_Word seL4_GetMR(int i)
{
    return seL4_GetIPCBuffer()->msg[i];
}

LIBSEL4_INLINE_FUNC void seL4_SetMR(int i, seL4_Word mr)
{
    seL4_GetIPCBuffer()->msg[i] = mr;
}

LIBSEL4_INLINE_FUNC seL4_Word seL4_GetUserData(void)
{
    return seL4_GetIPCBuffer()->userData;
}

LIBSEL4_INLINE_FUNC void seL4_SetUserData(seL4_Word data)
{
    seL4_GetIPCBuffer()->userData = data;
}

LIBSEL4_INLINE_FUNC seL4_Word seL4_GetBadge(int i)
{
    return seL4_GetIPCBuffer()->caps_or_badges[i];
}

LIBSEL4_INLINE_FUNC seL4_CPtr seL4_GetCap(int i)
{
    return (seL4_CPtr)seL4_GetIPCBuffer()->caps_or_badges[i];
}

LIBSEL4_INLINE_FUNC void seL4_SetCap(int i, seL4_CPtr cptr)
{
    seL4_GetIPCBuffer()->caps_or_badges[i] = (seL4_Word)cptr;
}

LIBSEL4_INLINE_FUNC void seL4_GetCapReceivePath(seL4_CPtr *receiveCNode, seL4_CPtr *receiveIndex,
                                                seL4_Word *receiveDepth)
{
    seL4_IPCBuffer *ipc_buffer = seL4_GetIPCBuffer();
    if (receiveCNode) {
        *receiveCNode = ipc_buffer->receiveCNode;
    }
    if (receiveIndex) {
        *receiveIndex = ipc_buffer->receiveIndex;
    }
    if (receiveDepth) {
        *receiveDepth = ipc_buffer->receiveDepth;
    }
}

LIBSEL4_INLINE_FUNC void seL4_SetCapReceivePath(seL4_CPtr receiveCNode, seL4_CPtr receiveIndex,
                                                seL4_Word receiveDepth)
{
    seL4_IPCBuffer *ipc_buffer = seL4_GetIPCBuffer();
    ipc_buffer->receiveCNode = receiveCNode;
    ipc_buffer->receiveIndex = receiveIndex;
    ipc_buffer->receiveDepth = receiveDepth;
}

#include <sel4/arch/syscalls.h>
#include <sel4/sel4_arch/mapping.h>
