/* riscv64 user context and VM attributes (seL4's
 * libsel4/arch_include/riscv/sel4/arch/types.h). */
#pragma once

#include <sel4/simple_types.h>

typedef struct seL4_UserContext_ {
    seL4_Word pc, ra, sp, gp, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
    seL4_Word a0, a1, a2, a3, a4, a5, a6, a7;
    seL4_Word t0, t1, t2, t3, t4, t5, t6;
    seL4_Word tp;
} seL4_UserContext;

typedef enum {
    seL4_RISCV_ExecuteNever = 0x1,
    seL4_RISCV_Default_VMAttributes = 0,
    SEL4_FORCE_LONG_ENUM(seL4_RISCV_VMAttributes)
} seL4_RISCV_VMAttributes;

