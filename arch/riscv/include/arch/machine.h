/*
 * RISC-V privileged-architecture access for the kernel: CSRs, fences, counters.
 */
#pragma once

#include <basic_types.h>
#include <util.h>

/* Power off (arch/riscv/machine.c). */
NORETURN void halt(void);

#define read_csr(reg) ({ word_t v_; __asm__ volatile("csrr %0, " #reg : "=r"(v_)); v_; })
#define write_csr(reg, val) __asm__ volatile("csrw " #reg ", %0" :: "rK"((word_t)(val)))
#define set_csr(reg, bits) __asm__ volatile("csrs " #reg ", %0" :: "rK"((word_t)(bits)))
#define clear_csr(reg, bits) __asm__ volatile("csrc " #reg ", %0" :: "rK"((word_t)(bits)))

/* sstatus */
#define SSTATUS_SIE         BIT(1)
#define SSTATUS_SPIE        BIT(5)
#define SSTATUS_SPP         BIT(8)
#define SSTATUS_FS_SHIFT    13
#define SSTATUS_FS_MASK     (3ul << SSTATUS_FS_SHIFT)
#define SSTATUS_FS_OFF      (0ul << SSTATUS_FS_SHIFT)
#define SSTATUS_FS_INITIAL  (1ul << SSTATUS_FS_SHIFT)
#define SSTATUS_FS_CLEAN    (2ul << SSTATUS_FS_SHIFT)
#define SSTATUS_FS_DIRTY    (3ul << SSTATUS_FS_SHIFT)
#define SSTATUS_SUM         BIT(18)

/* sie / sip */
#define SIE_SSIE            BIT(1)
#define SIE_STIE            BIT(5)
#define SIE_SEIE            BIT(9)

/* scause */
#define SCAUSE_INTERRUPT    BIT(63)
#define IRQ_S_SOFT          1
#define IRQ_S_TIMER         5
#define IRQ_S_EXT           9

enum riscv_exception {
    RISCVInstructionMisaligned = 0,
    RISCVInstructionAccessFault = 1,
    RISCVInstructionIllegal = 2,
    RISCVBreakPoint = 3,
    RISCVLoadAddressMisaligned = 4,
    RISCVLoadAccessFault = 5,
    RISCVAddressMisaligned = 6,
    RISCVStoreAccessFault = 7,
    RISCVEnvCall = 8,
    RISCVInstructionPageFault = 12,
    RISCVLoadPageFault = 13,
    RISCVStorePageFault = 15,
};

/* scounteren: let user code read cycle, time and instret (benchmarks use them). */
#define SCOUNTEREN_CY       BIT(0)
#define SCOUNTEREN_TM       BIT(1)
#define SCOUNTEREN_IR       BIT(2)

static inline void sfence_vma(void)
{
    __asm__ volatile("sfence.vma" ::: "memory");
}

static inline void sfence_vma_asid(asid_t asid)
{
    __asm__ volatile("sfence.vma x0, %0" :: "r"(asid) : "memory");
}

static inline void sfence_vma_addr_asid(vptr_t addr, asid_t asid)
{
    __asm__ volatile("sfence.vma %0, %1" :: "r"(addr), "r"(asid) : "memory");
}

static inline void fence_i(void)
{
    __asm__ volatile("fence.i" ::: "memory");
}

static inline void fence_rw(void)
{
    __asm__ volatile("fence rw, rw" ::: "memory");
}

static inline uint64_t riscv_read_time(void)
{
    uint64_t t;
    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
}

static inline uint64_t riscv_read_cycle(void)
{
    uint64_t c;
    __asm__ volatile("rdcycle %0" : "=r"(c));
    return c;
}

static inline void wait_for_interrupt(void)
{
    __asm__ volatile("wfi");
}
