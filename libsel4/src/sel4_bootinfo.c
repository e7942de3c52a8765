/* Where the root task's runtime records its bootinfo pointer. */
#include <sel4/bootinfo.h>

static seL4_BootInfo *bootinfo;

void seL4_InitBootInfo(seL4_BootInfo *bi)
{
    bootinfo = bi;
}

seL4_BootInfo *seL4_GetBootInfo(void)
{
    return bootinfo;
}
