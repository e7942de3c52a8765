/*
 * The SBI calls the kernel makes: legacy v0.1 extensions only, as seL4 does
 * (the RISC-V SBI specification; seL4's include/arch/riscv/arch/sbi.h): extension id in a7,
 * arguments in a0.., result in a0.
 */
#pragma once

#include <basic_types.h>

#define SBI_SET_TIMER               0
#define SBI_CONSOLE_PUTCHAR         1
#define SBI_CONSOLE_GETCHAR         2
#define SBI_SHUTDOWN                8

static inline word_t sbi_call(word_t eid, word_t arg0, word_t arg1, word_t arg2)
{
    register word_t a0 __asm__("a0") = arg0;
    register word_t a1 __asm__("a1") = arg1;
    register word_t a2 __asm__("a2") = arg2;
    register word_t a7 __asm__("a7") = eid;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
    return a0;
}

static inline void sbi_console_putchar(int ch)
{
    sbi_call(SBI_CONSOLE_PUTCHAR, (word_t)ch, 0, 0);
}

static inline int sbi_console_getchar(void)
{
    return (int)sbi_call(SBI_CONSOLE_GETCHAR, 0, 0, 0);
}

static inline void sbi_set_timer(uint64_t when)
{
    sbi_call(SBI_SET_TIMER, when, 0, 0);
}

/* On virt this powers QEMU off; spike's OpenSBI 1.1 returns, so callers spin after it. */
static inline void sbi_shutdown(void)
{
    sbi_call(SBI_SHUTDOWN, 0, 0, 0);
}
