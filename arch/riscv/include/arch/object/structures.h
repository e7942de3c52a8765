/*
 * RISC-V parts of kernel objects: the saved user context and page-table types.
 */
#pragma once

#include <config.h>
#include <basic_types.h>

/*
 * Saved registers. Index n holds x(n+1), so trap.S stores register xN at 8*(N-1);
 * then the trap cause, status, the faulting PC and the PC to resume at.
 */
enum _register {
    ra = 0, sp = 1, gp = 2, tp = 3,
    t0 = 4, t1 = 5, t2 = 6,
    s0 = 7, s1 = 8,
    a0 = 9, a1 = 10, a2 = 11, a3 = 12, a4 = 13, a5 = 14, a6 = 15, a7 = 16,
    s2 = 17, s3 = 18, s4 = 19, s5 = 20, s6 = 21, s7 = 22, s8 = 23, s9 = 24, s10 = 25, s11 = 26,
    t3 = 27, t4 = 28, t5 = 29, t6 = 30,
    SCAUSE = 31, SSTATUS = 32, FaultIP = 33, NextIP = 34,
    n_contextRegisters = 35,
};
typedef word_t register_t;

/* ABI register roles (seL4's libsel4/arch_include/riscv/sel4/arch/syscalls.h). */
#define capRegister         a0
#define badgeRegister       a0
#define msgInfoRegister     a1
#define replyRegister       a6
#define nbsendRecvDest      t0
#define n_msgRegisters      4

#ifdef CONFIG_HAVE_FPU
typedef struct user_fpu_state {
    uint64_t regs[32];
    uint32_t fcsr;
} user_fpu_state_t;
#endif

typedef struct user_context {
    word_t registers[n_contextRegisters];
#ifdef CONFIG_HAVE_FPU
    user_fpu_state_t fpuState;
#endif
} user_context_t;

typedef struct arch_tcb {
    user_context_t tcbContext;
} arch_tcb_t;

