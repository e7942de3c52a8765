# QEMU spike: board facts that are not in its device tree, and how to run it.
set(LARCH_PLAT_DTS ${CMAKE_CURRENT_LIST_DIR}/spike.dts)
# both boards boot through OpenSBI: the same reserved region
set(LARCH_PLAT_OVERLAY ${CMAKE_CURRENT_LIST_DIR}/../opensbi.dts)
set(LARCH_QEMU_MACHINE spike)
set(LARCH_QEMU_MEMORY 4095)
set(LARCH_LOADER_PADDR 0x81000000)
set(KernelOpenSBIPlatform generic)
# No interrupt controller: only the timer interrupts.
set(LARCH_PLAT_MAX_IRQ 0)
