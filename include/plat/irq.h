/*
 * The interface each platform's interrupt controller provides (plat/<board>/).
 * IRQ numbers are seL4's: 1..maxIRQ are external sources, KERNEL_TIMER_IRQ the timer.
 */
#pragma once

#include <util.h>
#include <config.h>

#define irqInvalid          ((irq_t)0)
#define maxIRQ              ((irq_t)PLAT_MAX_IRQ)
#define KERNEL_TIMER_IRQ    (maxIRQ + 1)
#define INT_STATE_ARRAY_SIZE (KERNEL_TIMER_IRQ + 1)

void plat_irq_init(void);
/* Take the highest-priority pending external interrupt, or irqInvalid. */
irq_t plat_irq_claim(void);
void plat_irq_complete(irq_t irq);
void plat_irq_set_enabled(irq_t irq, bool_t enabled);
