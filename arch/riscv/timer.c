/*
 * Periodic tick from SBI set_timer. The time base runs at PLAT_TIMER_FREQUENCY,
 * read from the device tree at build time.
 */
#include <arch/timer.h>
#include <arch/sbi.h>
#include <arch/machine.h>
#include <kernel/thread.h>

#define TICKS_PER_MS    (PLAT_TIMER_FREQUENCY / 1000)

void resetTimer(void)
{
    /* re-arm relative to now: a late tick must not cause a burst of catch-up ticks */
    sbi_set_timer(riscv_read_time() + TICKS_PER_MS * KERNEL_TICK_MS);
}

BOOT_CODE void initTimer(void)
{
    resetTimer();
}
