/*
 * The SiFive PLIC of QEMU's virt board, driven for this hart's S-mode context.
 * Register layout from the PLIC specification; addresses from the device tree.
 */
#include <plat/irq.h>
#include <kernel/vspace.h>
#include <arch/machine.h>

#define PLIC_PRIORITY(irq)      (4 * (irq))
#define PLIC_ENABLE(ctx)        (0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx)     (0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)         (PLIC_THRESHOLD(ctx) + 4)
/* S-mode context of a hart: contexts alternate M, S per hart */
#define PLIC_S_CONTEXT(hart)    (2 * (hart) + 1)
#define PLIC_CTX                PLIC_S_CONTEXT(CONFIG_FIRST_HART_ID)

static volatile uint32_t *plic_reg(word_t offset)
{
    return (volatile uint32_t *)(kdev_vaddr(PLAT_PLIC_PADDR) + offset);
}

BOOT_CODE void plat_irq_init(void)
{
    for (irq_t irq = 1; irq <= maxIRQ; irq++) {
        *plic_reg(PLIC_PRIORITY(irq)) = 2;
    }
    for (irq_t word = 0; word <= maxIRQ / 32; word++) {
        *plic_reg(PLIC_ENABLE(PLIC_CTX) + 4 * word) = 0;
    }
    *plic_reg(PLIC_THRESHOLD(PLIC_CTX)) = 0;
    /* drain anything left pending from before boot */
    for (;;) {
        uint32_t irq = *plic_reg(PLIC_CLAIM(PLIC_CTX));
        if (!irq) {
            break;
        }
        *plic_reg(PLIC_CLAIM(PLIC_CTX)) = irq;
    }
}

irq_t plat_irq_claim(void)
{
    uint32_t irq = *plic_reg(PLIC_CLAIM(PLIC_CTX));
    /* complete at once, as seL4 does on QEMU's PLIC (reference §12.3) */
    if (irq) {
        *plic_reg(PLIC_CLAIM(PLIC_CTX)) = irq;
    }
    return irq;
}

void plat_irq_complete(irq_t irq)
{
    (void)irq;
}

void plat_irq_set_enabled(irq_t irq, bool_t enabled)
{
    if (irq == irqInvalid || irq > maxIRQ) {
        return;
    }
    volatile uint32_t *en = plic_reg(PLIC_ENABLE(PLIC_CTX) + 4 * (irq / 32));
    if (enabled) {
        *en |= 1u << (irq % 32);
    } else {
        *en &= ~(1u << (irq % 32));
    }
}
