/* libsel4's two pieces of state: the IPC buffer pointer and the root task's bootinfo. */
#include <sel4/bootinfo.h>
#include <sel4/functions.h>

LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;

static seL4_BootInfo *bootinfo;

void seL4_InitBootInfo(seL4_BootInfo *bi)
{
    bootinfo = bi;
}

seL4_BootInfo *seL4_GetBootInfo(void)
{
    return bootinfo;
}
