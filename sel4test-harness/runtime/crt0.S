/*
 * Root task entry. The kernel starts us with a0 = bootinfo pointer and every other
 * register zero (seL4's src/kernel/boot.c): set gp and a stack, then call harness_main(bi).
 */
    .section .text.start, "ax"
    .global _start
_start:
.option push
.option norelax
    la      gp, __global_pointer$
.option pop
    la      sp, harness_stack_top
    call    harness_main
1:  j       1b

    .section .bss
    .align 4
harness_stack:
    .space  65536
harness_stack_top:
