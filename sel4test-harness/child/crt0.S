/* Entry of the child program: the loader passes the endpoint in a0 and sp. */
    .section .text.start, "ax"
    .global _start
_start:
.option push
.option norelax
    la      gp, __global_pointer$
.option pop
    call    child_main
1:  j       1b
