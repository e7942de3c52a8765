/*
 * The kernel timer: SBI set_timer on the rdtime time base (PLAT_TIMER_FREQUENCY, from
 * the device tree). Non-MCS kernels re-arm a periodic tick; the one-shot deadline
 * calls are what the MCS scheduler programs.
 */
#include <arch/timer.h>
#include <arch/sbi.h>
#include <arch/machine.h>
#include <kernel/thread.h>

#define TICKS_PER_MS    (PLAT_TIMER_FREQUENCY / 1000)

#ifndef CONFIG_KERNEL_MCS
void resetTimer(void)
{
    /* re-arm relative to now: a late tick must not cause a burst of catch-up ticks */
    sbi_set_timer(riscv_read_time() + TICKS_PER_MS * KERNEL_TICK_MS);
}

#endif

#ifndef CONFIG_KERNEL_MCS
ticks_t getCurrentTime(void)
{
    return riscv_read_time();
}
#endif

/* One interrupt at an absolute time; setting a new deadline replaces the old one. */
void setDeadline(ticks_t deadline)
{
    sbi_set_timer(deadline);
}

BOOT_CODE void initTimer(void)
{
#ifdef CONFIG_KERNEL_MCS
    /* one-shot: the first schedule() programs the first deadline */
    sbi_set_timer(UINT64_MAX);
#else
    resetTimer();
#endif
}
