/* The child program's ELF, carried inside the harness for the ELF-loading test. */
#define STR(x) #x
#define XSTR(x) STR(x)
    .section .rodata.child, "a"
    .balign 8
    .global child_elf_start, child_elf_end
child_elf_start:
    .incbin XSTR(CHILD_ELF)
child_elf_end:
