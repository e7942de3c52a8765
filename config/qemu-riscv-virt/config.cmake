# QEMU virt: board facts that are not in its device tree, and how to run it.
set(LARCH_PLAT_DTS ${CMAKE_CURRENT_LIST_DIR}/qemu-riscv-virt.dts)
# both boards boot through OpenSBI: the same reserved region
set(LARCH_PLAT_OVERLAY ${CMAKE_CURRENT_LIST_DIR}/../opensbi.dts)
set(LARCH_QEMU_MACHINE virt)
# Must match the -m the device tree was dumped with (seL4's default for riscv64).
set(LARCH_QEMU_MEMORY 3072)
set(LARCH_LOADER_PADDR 0x81000000)
set(KernelOpenSBIPlatform generic)
# seL4 16.0.0 uses PLIC sources 1..95 on this board (QEMU's ndev is 96).
set(LARCH_PLAT_MAX_IRQ 95)
