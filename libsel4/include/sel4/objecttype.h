/* Object types for Untyped_Retype (seL4's libsel4/include/sel4/objecttype.h). */
#pragma once

#include <autoconf.h>

typedef enum api_object {
    seL4_UntypedObject,
    seL4_TCBObject,
    seL4_EndpointObject,
    seL4_NotificationObject,
    seL4_CapTableObject,
#ifdef CONFIG_KERNEL_MCS
    seL4_SchedContextObject,
    seL4_ReplyObject,
#endif
    seL4_NonArchObjectTypeCount,
} seL4_ObjectType;

typedef seL4_Word api_object_t;

typedef enum _mode_object {
    seL4_RISCV_Giga_Page = seL4_NonArchObjectTypeCount,
    seL4_ModeObjectTypeCount
} seL4_ModeObjectType;

typedef enum _object {
    seL4_RISCV_4K_Page = seL4_ModeObjectTypeCount,
    seL4_RISCV_Mega_Page,
    seL4_RISCV_PageTableObject,
    seL4_ObjectTypeCount
} seL4_ArchObjectType;

typedef seL4_Word object_t;

/* not a valid type with three-level (Sv39) paging */
#define seL4_RISCV_Tera_Page 0xffffffff
