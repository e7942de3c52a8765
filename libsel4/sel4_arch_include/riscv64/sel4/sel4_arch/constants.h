/* riscv64 (Sv39) paging geometry and ASID space (seL4's
 * libsel4/sel4_arch_include/riscv64/sel4/sel4_arch/constants.h). */
#pragma once

#include <sel4/simple_types.h>

#define seL4_PageBits           12
#define seL4_LargePageBits      21
#define seL4_HugePageBits       30
#define seL4_TeraPageBits       39
#define seL4_PageTableEntryBits seL4_WordSizeBits
#define seL4_PageTableIndexBits 9
#define seL4_PageTableBits      (seL4_PageTableIndexBits + seL4_PageTableEntryBits)
#define seL4_VSpaceBits         seL4_PageTableBits
#define seL4_NumASIDPoolsBits   7
#define seL4_ASIDPoolIndexBits  9
#define seL4_ASIDPoolBits       12
