/* All user-visible ABI types. */
#pragma once

#include <autoconf.h>
#include <sel4/simple_types.h>
#include <sel4/macros.h>
#include <sel4/errors.h>
#include <sel4/constants.h>
#include <sel4/objecttype.h>
#include <sel4/shared_types.h>
#include <sel4/bootinfo_types.h>
#include <sel4/syscall.h>
#include <sel4/invocation.h>
#include <sel4/arch/invocation.h>
#include <sel4/sel4_arch/types.h>

/* cap types named by invocation stubs: all cptrs */
typedef seL4_CPtr seL4_CNode;
typedef seL4_CPtr seL4_IRQHandler;
typedef seL4_CPtr seL4_IRQControl;
typedef seL4_CPtr seL4_TCB;
typedef seL4_CPtr seL4_Untyped;
typedef seL4_CPtr seL4_DomainSet;
typedef seL4_CPtr seL4_SchedContext;
typedef seL4_CPtr seL4_SchedControl;
typedef seL4_CPtr seL4_RISCV_Page;
typedef seL4_CPtr seL4_RISCV_PageTable;
typedef seL4_CPtr seL4_RISCV_ASIDControl;
typedef seL4_CPtr seL4_RISCV_ASIDPool;
typedef seL4_Word seL4_Prio;
