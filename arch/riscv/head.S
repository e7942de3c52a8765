/*
 * Kernel entry from the loader (seL4's elfloader protocol: seL4_tools' elfloader-tool,
 * seL4's src/arch/riscv/head.S):
 * a0..a5 = ui_p_reg_start, ui_p_reg_end, pv_offset, v_entry, dtb_addr_p, dtb_size.
 * Paging is on with the loader's tables, which map this image at its link address.
 * The kernel does not use gp (the linker script defines no __global_pointer$, so the
 * linker makes no gp-relative accesses), so it is left alone here and in trap.S.
 */
#include <config.h>

    .section .boot.text, "ax"
    .global _start
_start:
    fence.i
    la      sp, kernel_stack_alloc + (1 << CONFIG_KERNEL_STACK_BITS)
    /* sscratch is zero whenever the kernel runs; trap.S relies on it. */
    csrw    sscratch, zero
    call    init_kernel
    /* init_kernel made the root task the current thread. */
    la      ra, restore_user_context
    jr      ra
