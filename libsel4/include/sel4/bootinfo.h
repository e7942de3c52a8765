/* The root task's boot information. */
#pragma once

#include <sel4/types.h>

void seL4_InitBootInfo(seL4_BootInfo *bi);
seL4_BootInfo *seL4_GetBootInfo(void);
