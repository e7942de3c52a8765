/*
 * The kernel timer: SBI set_timer on the rdtime clock.
 */
#pragma once

#include <basic_types.h>
#include <config.h>

typedef uint64_t ticks_t;

void initTimer(void);
/* periodic tick (non-MCS) */
void resetTimer(void);
/* one-shot deadlines, in time-base ticks (the MCS scheduler's interface) */
#ifdef CONFIG_KERNEL_MCS
#include <arch/machine.h>
/* read at every MCS kernel entry, the fastpath's included: inline */
static inline ticks_t getCurrentTime(void)
{
    return riscv_read_time();
}
#else
ticks_t getCurrentTime(void);
#endif
void setDeadline(ticks_t deadline);

#ifdef CONFIG_KERNEL_MCS
#include <config.h>
/* MCS time conversions: user space speaks microseconds, the kernel time-base ticks. */
#define TICKS_IN_US     (PLAT_TIMER_FREQUENCY / 1000000ull)
#define US_IN_MS        1000ull

static inline ticks_t usToTicks(uint64_t us)
{
    return us * TICKS_IN_US;
}

static inline uint64_t ticksToUs(ticks_t ticks)
{
    return ticks / TICKS_IN_US;
}

/* The kernel's worst-case execution time estimate, as seL4 assumes for RISC-V. */
static inline uint64_t getKernelWcetUs(void)
{
    return 10;
}

static inline ticks_t getKernelWcetTicks(void)
{
    return usToTicks(getKernelWcetUs());
}

static inline ticks_t getTimerPrecision(void)
{
    return usToTicks(1);
}

static inline ticks_t getMaxTicksToUs(void)
{
    return UINT64_MAX;
}

static inline uint64_t getMaxUsToTicks(void)
{
    return UINT64_MAX / TICKS_IN_US;
}
#endif
