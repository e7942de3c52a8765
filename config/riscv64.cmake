#
# Sv39 kernel address-space layout for riscv64, as seL4 16.0.0 lays it out (ABI reference
# §11.3). Everything the kernel, the linker-script generator and the loader need about the
# kernel's virtual layout comes from here.
#
include_guard(GLOBAL)

# Direct map of physical memory: kernel pointer = paddr + LARCH_PPTR_BASE.
set(LARCH_PPTR_BASE 0xFFFFFFC000000000)
# End of the direct map; the kernel image window (1 GiB) starts here.
set(LARCH_PPTR_TOP 0xFFFFFFFF80000000)
# Kernel device window (2 MiB mappings of CLINT/PLIC).
set(LARCH_KDEV_BASE 0xFFFFFFFFC0000000)
# Exclusive top of user virtual addresses (seL4_UserTop).
set(LARCH_USER_TOP 0x0000003FFFFFF000)
