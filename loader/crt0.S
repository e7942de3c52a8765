/*
 * Loader entry, as an OpenSBI payload: S-mode, paging off, a0 = hart id, a1 = the
 * firmware's device tree. One hart boots; any other parks.
 */
    .section .text.start, "ax"
    .global _start
_start:
    li      t0, LOADER_FIRST_HART
    bne     a0, t0, park
.option push
.option norelax
    la      gp, __global_pointer$
.option pop
    la      sp, loader_stack_top
    /* clear .bss */
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  call    loader_main
park:
    wfi
    j       park

    .section .bss
    .align  12
loader_stack:
    .space  16384
loader_stack_top:
