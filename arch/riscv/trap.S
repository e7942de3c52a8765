/*
 * Trap entry and exit.
 *
 * While a thread runs, sscratch holds its TCB pointer (the saved context is the first
 * thing in the TCB); while the kernel runs, sscratch is zero. Entry swaps t0 with
 * sscratch, saves every register into the TCB, switches to the one kernel stack and
 * routes on scause: interrupts, environment calls (a7 = syscall number; Call and
 * ReplyRecv have their own entry points for the fastpath) and other exceptions.
 */
#include <config.h>
#include <arch/trap_layout.h>

    .section .text
    .global trap_entry
    .align 4
trap_entry:
    csrrw   t0, sscratch, t0
    beqz    t0, kernel_trap

    sd      x1,  CTX(0)(t0)
    sd      x2,  CTX(1)(t0)
    sd      x3,  CTX(2)(t0)
    sd      x4,  CTX(3)(t0)
    sd      x6,  CTX(5)(t0)
    sd      x7,  CTX(6)(t0)
    sd      x8,  CTX(7)(t0)
    sd      x9,  CTX(8)(t0)
    sd      x10, CTX(9)(t0)
    sd      x11, CTX(10)(t0)
    sd      x12, CTX(11)(t0)
    sd      x13, CTX(12)(t0)
    sd      x14, CTX(13)(t0)
    sd      x15, CTX(14)(t0)
    sd      x16, CTX(15)(t0)
    sd      x17, CTX(16)(t0)
    sd      x18, CTX(17)(t0)
    sd      x19, CTX(18)(t0)
    sd      x20, CTX(19)(t0)
    sd      x21, CTX(20)(t0)
    sd      x22, CTX(21)(t0)
    sd      x23, CTX(22)(t0)
    sd      x24, CTX(23)(t0)
    sd      x25, CTX(24)(t0)
    sd      x26, CTX(25)(t0)
    sd      x27, CTX(26)(t0)
    sd      x28, CTX(27)(t0)
    sd      x29, CTX(28)(t0)
    sd      x30, CTX(29)(t0)
    sd      x31, CTX(30)(t0)

    /* the thread's t0, parked in sscratch by the swap; sscratch = 0 from here on */
    csrrw   x1, sscratch, zero
    sd      x1, CTX(IDX_T0)(t0)
    csrr    x1, sstatus
    sd      x1, CTX(IDX_SSTATUS)(t0)
    csrr    s0, scause
    sd      s0, CTX(IDX_SCAUSE)(t0)
    csrr    x1, sepc
    sd      x1, CTX(IDX_FAULTIP)(t0)

    la      sp, kernel_stack_alloc + (1 << CONFIG_KERNEL_STACK_BITS)
.option push
.option norelax
    la      gp, __global_pointer$
.option pop

    /* interrupts have the top bit of scause set */
    bltz    s0, 1f
    li      s1, SCAUSE_ECALL_U
    beq     s0, s1, 2f

    /* other exceptions resume at the faulting instruction */
    sd      x1, CTX(IDX_NEXTIP)(t0)
    j       c_handle_exception

1:  sd      x1, CTX(IDX_NEXTIP)(t0)
    j       c_handle_interrupt

    /* ecall: resume after it; a0..a7 still hold the thread's arguments */
2:  addi    x1, x1, 4
    sd      x1, CTX(IDX_NEXTIP)(t0)
#ifdef CONFIG_FASTPATH
    li      s1, SYSCALL_CALL
    beq     a7, s1, c_handle_fastpath_call
    li      s1, SYSCALL_REPLYRECV
#ifdef CONFIG_KERNEL_MCS
    mv      a2, a6
#endif
    beq     a7, s1, c_handle_fastpath_reply_recv
#endif
    mv      a2, a7
    j       c_handle_syscall

/*
 * A trap taken while the kernel itself was running: always a kernel bug, since the
 * kernel runs with interrupts off. Restore t0 and report.
 */
kernel_trap:
    csrrw   t0, sscratch, t0
    la      sp, kernel_stack_alloc + (1 << CONFIG_KERNEL_STACK_BITS)
.option push
.option norelax
    la      gp, __global_pointer$
.option pop
    csrr    a0, scause
    csrr    a1, sepc
    csrr    a2, stval
    mv      a3, ra
    j       c_handle_kernel_trap

/*
 * Return to ksCurThread: reload everything from its TCB, leave the TCB pointer in
 * sscratch for the next trap, and sret to NextIP in the mode its sstatus names.
 */
    .global restore_user_context
restore_user_context:
    la      t0, ksCurThread
    ld      t0, 0(t0)
    ld      t1, CTX(IDX_NEXTIP)(t0)
    csrw    sepc, t1
    ld      t1, CTX(IDX_SSTATUS)(t0)
    csrw    sstatus, t1
    csrw    sscratch, t0

    ld      x1,  CTX(0)(t0)
    ld      x2,  CTX(1)(t0)
    ld      x3,  CTX(2)(t0)
    ld      x4,  CTX(3)(t0)
    ld      x6,  CTX(5)(t0)
    ld      x7,  CTX(6)(t0)
    ld      x8,  CTX(7)(t0)
    ld      x9,  CTX(8)(t0)
    ld      x10, CTX(9)(t0)
    ld      x11, CTX(10)(t0)
    ld      x12, CTX(11)(t0)
    ld      x13, CTX(12)(t0)
    ld      x14, CTX(13)(t0)
    ld      x15, CTX(14)(t0)
    ld      x16, CTX(15)(t0)
    ld      x17, CTX(16)(t0)
    ld      x18, CTX(17)(t0)
    ld      x19, CTX(18)(t0)
    ld      x20, CTX(19)(t0)
    ld      x21, CTX(20)(t0)
    ld      x22, CTX(21)(t0)
    ld      x23, CTX(22)(t0)
    ld      x24, CTX(23)(t0)
    ld      x25, CTX(24)(t0)
    ld      x26, CTX(25)(t0)
    ld      x27, CTX(26)(t0)
    ld      x28, CTX(27)(t0)
    ld      x29, CTX(28)(t0)
    ld      x30, CTX(29)(t0)
    ld      x31, CTX(30)(t0)
    ld      t0,  CTX(IDX_T0)(t0)
    sret
