    .section .text.start, "ax"
    .global _start
_start:
.option push
.option norelax
    la      gp, __global_pointer$
.option pop
    la      sp, stack_top
    call    root_main
1:  j       1b
    .section .bss
    .align 4
    .space 8192
stack_top:
