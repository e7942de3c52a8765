/*
 * A tiny separate program the harness loads from its ELF into a new address space.
 * It calls back on the endpoint the loader hands it (a0) with a value that proves it
 * ran its own code and data, then stays put.
 */
#include <sel4/sel4.h>

static seL4_Word data_word = 0x600d;   /* .data: must arrive with the image */
static seL4_Word bss_word;             /* .bss: must arrive zeroed */

void child_main(seL4_Word ep)
{
    register seL4_Word a0 __asm__("a0") = ep;
    register seL4_Word a1 __asm__("a1") = seL4_MessageInfo_new(0, 0, 0, 1).words[0];
    register seL4_Word a2 __asm__("a2") = data_word + bss_word;
    register seL4_Word a7 __asm__("a7") = (seL4_Word)seL4_SysCall;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1), "+r"(a2) : "r"(a7) : "a3", "a4", "a5", "memory");
    for (;;) {
        register seL4_Word y __asm__("a7") = (seL4_Word)seL4_SysYield;
        __asm__ volatile("ecall" :: "r"(y) : "memory");
    }
}
