/*
 * Stopping the machine: SBI shutdown, which powers QEMU's virt board off.
 */
#include <arch/machine.h>
#include <arch/sbi.h>
#include <machine/io.h>

void halt(void)
{
    printf("halting...\n");
    sbi_shutdown();
    /* spike's firmware returns from shutdown: stop here with interrupts off */
    for (;;) {
        wait_for_interrupt();
    }
}
