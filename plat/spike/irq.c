/*
 * Spike has no external interrupt controller: only the timer interrupts.
 */
#include <plat/irq.h>

BOOT_CODE void plat_irq_init(void)
{
}

irq_t plat_irq_claim(void)
{
    return irqInvalid;
}

void plat_irq_complete(irq_t irq)
{
    (void)irq;
}

void plat_irq_set_enabled(irq_t irq, bool_t enabled)
{
    (void)irq;
    (void)enabled;
}
