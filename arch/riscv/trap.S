/*
 * Trap entry and exit.
 *
 * While a thread runs, sscratch holds its TCB pointer (the saved context is the first
 * thing in the TCB); while the kernel runs, sscratch is zero. Entry swaps a2 with
 * sscratch, so the TCB pointer is in a2, saves every register into the TCB, switches to
 * the one kernel stack and routes on scause: interrupts, environment calls (a7 =
 * syscall number; Call and ReplyRecv go straight to the C fastpath, which finds its
 * cptr, message info and TCB in a0, a1, a2, and so does Send with KernelSignalFastpath)
 * and other exceptions (to the VM fault fastpath first with KernelExceptionFastpath).
 * The kernel does not use gp, so the thread's gp stays in the register (it is saved
 * like the others).
 */
#include <config.h>
#include <arch/trap_layout.h>

    .section .text
    .global trap_entry
    .align 4
trap_entry:
    csrrw   a2, sscratch, a2
    beqz    a2, kernel_trap

    sd      x1,  CTX(0)(a2)
    sd      x2,  CTX(1)(a2)
    sd      x3,  CTX(2)(a2)
    sd      x4,  CTX(3)(a2)
    sd      x5,  CTX(4)(a2)
    sd      x6,  CTX(5)(a2)
    sd      x7,  CTX(6)(a2)
    sd      x8,  CTX(7)(a2)
    sd      x9,  CTX(8)(a2)
    sd      x10, CTX(9)(a2)
    sd      x11, CTX(10)(a2)
    sd      x13, CTX(12)(a2)
    sd      x14, CTX(13)(a2)
    sd      x15, CTX(14)(a2)
    sd      x16, CTX(15)(a2)
    sd      x17, CTX(16)(a2)
    sd      x18, CTX(17)(a2)
    sd      x19, CTX(18)(a2)
    sd      x20, CTX(19)(a2)
    sd      x21, CTX(20)(a2)
    sd      x22, CTX(21)(a2)
    sd      x23, CTX(22)(a2)
    sd      x24, CTX(23)(a2)
    sd      x25, CTX(24)(a2)
    sd      x26, CTX(25)(a2)
    sd      x27, CTX(26)(a2)
    sd      x28, CTX(27)(a2)
    sd      x29, CTX(28)(a2)
    sd      x30, CTX(29)(a2)
    sd      x31, CTX(30)(a2)

    /* the thread's a2, parked in sscratch by the swap; sscratch = 0 from here on */
    csrrw   t0, sscratch, zero
    sd      t0, CTX(IDX_A2)(a2)
    csrr    t0, sstatus
    sd      t0, CTX(IDX_SSTATUS)(a2)
    csrr    t1, sepc
    sd      t1, CTX(IDX_FAULTIP)(a2)
    csrr    t0, scause

    la      sp, kernel_stack_alloc + (1 << CONFIG_KERNEL_STACK_BITS)
#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
    /* the entry's timestamp (t2 and t3 are saved and free here) */
    rdcycle t2
    la      t3, ksEnter
    sd      t2, 0(t3)
#endif

    /* interrupts have the top bit of scause set; only they and exceptions keep scause */
    bltz    t0, 1f
    li      t2, SCAUSE_ECALL_U
    bne     t0, t2, 3f

    /* ecall: resume after it; a0, a1 and a3..a7 still hold the thread's arguments */
    addi    t1, t1, 4
    sd      t1, CTX(IDX_NEXTIP)(a2)
#ifdef CONFIG_FASTPATH
    li      t2, SYSCALL_CALL
    beq     a7, t2, fastpath_call
    li      t2, SYSCALL_REPLYRECV
    beq     a7, t2, fastpath_reply_recv
#endif
#ifdef CONFIG_SIGNAL_FASTPATH
    /* after Call and ReplyRecv, which it costs nothing */
    li      t2, SYSCALL_SEND
    beq     a7, t2, fastpath_signal
#endif
    mv      a0, a7
    j       slowpath

1:  sd      t0, CTX(IDX_SCAUSE)(a2)
    sd      t1, CTX(IDX_NEXTIP)(a2)
    j       c_handle_interrupt

    /* other exceptions resume at the faulting instruction */
3:  sd      t0, CTX(IDX_SCAUSE)(a2)
    sd      t1, CTX(IDX_NEXTIP)(a2)
#ifdef CONFIG_EXCEPTION_FASTPATH
    /* page faults may go to a waiting handler at once; the rest go on from there */
    mv      a0, t0
    csrr    a1, stval
    j       fastpath_vm_fault
#else
    j       c_handle_exception
#endif

/*
 * A trap taken while the kernel itself was running: always a kernel bug, since the
 * kernel runs with interrupts off. Restore a2 (sscratch is zero again) and report.
 */
kernel_trap:
    csrrw   a2, sscratch, a2
    la      sp, kernel_stack_alloc + (1 << CONFIG_KERNEL_STACK_BITS)
    csrr    a0, scause
    csrr    a1, sepc
    csrr    a2, stval
    mv      a3, ra
    j       c_handle_kernel_trap

/*
 * The fastpath's exit: a0 = badge, a1 = message info, a2 = the TCB to return to (the
 * new ksCurThread). Everything but a0/a1 comes from the TCB.
 */
    .global fastpath_restore
fastpath_restore:
    ld      t0, CTX(IDX_NEXTIP)(a2)
    csrw    sepc, t0
    ld      t0, CTX(IDX_SSTATUS)(a2)
    csrw    sstatus, t0
    csrw    sscratch, a2

    ld      x1,  CTX(0)(a2)
    ld      x2,  CTX(1)(a2)
    ld      x3,  CTX(2)(a2)
    ld      x4,  CTX(3)(a2)
    ld      x5,  CTX(4)(a2)
    ld      x6,  CTX(5)(a2)
    ld      x7,  CTX(6)(a2)
    ld      x8,  CTX(7)(a2)
    ld      x9,  CTX(8)(a2)
    ld      x13, CTX(12)(a2)
    ld      x14, CTX(13)(a2)
    ld      x15, CTX(14)(a2)
    ld      x16, CTX(15)(a2)
    ld      x17, CTX(16)(a2)
    ld      x18, CTX(17)(a2)
    ld      x19, CTX(18)(a2)
    ld      x20, CTX(19)(a2)
    ld      x21, CTX(20)(a2)
    ld      x22, CTX(21)(a2)
    ld      x23, CTX(22)(a2)
    ld      x24, CTX(23)(a2)
    ld      x25, CTX(24)(a2)
    ld      x26, CTX(25)(a2)
    ld      x27, CTX(26)(a2)
    ld      x28, CTX(27)(a2)
    ld      x29, CTX(28)(a2)
    ld      x30, CTX(29)(a2)
    ld      x31, CTX(30)(a2)
    ld      a2,  CTX(IDX_A2)(a2)
    sret

/*
 * Return to ksCurThread: reload everything from its TCB, leave the TCB pointer in
 * sscratch for the next trap, and sret to NextIP in the mode its sstatus names.
 */
    .global restore_user_context
restore_user_context:
#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
    /* never returns, so ra is free; the kernel stack is still the one in use */
    call    benchmark_exit_hook
#endif
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
