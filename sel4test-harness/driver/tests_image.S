/* The test process's ELF, carried by the driver. */
#define STR(x) #x
#define XSTR(x) STR(x)
    .section .rodata.tests, "a"
    .balign 8
    .global tests_elf_start, tests_elf_end
tests_elf_start:
    .incbin XSTR(TESTS_ELF)
tests_elf_end:
