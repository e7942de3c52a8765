#
# The architecture and the platforms Larch supports, as seL4 declares them. Included by
# config.cmake (the kernel's configuration) and, before project(), by
# configs/seL4Config.cmake for seL4 projects. Declaring twice is harmless: the values
# live in the cache.
#
config_choice(KernelArch ARCH "Architecture" "riscv;KernelArchRiscV;ARCH_RISCV")
config_choice(KernelSel4Arch SEL4_ARCH "Architecture mode" "riscv64;KernelSel4ArchRiscV64;ARCH_RISCV64")
config_set(KernelWordSize WORD_SIZE 64)
set(Kernel64 ON CACHE INTERNAL "")
set(Kernel32 OFF CACHE INTERNAL "")
set(KernelSel4ArchRiscV32 OFF CACHE INTERNAL "")
config_set(KernelPTLevels PT_LEVELS 3)
set(KernelHardwareDebugAPIUnsupported ON CACHE INTERNAL "")

config_choice(KernelPlatform PLAT "Target platform"
    "qemu-riscv-virt;KernelPlatformQEMURiscVVirt;PLAT_QEMU_RISCV_VIRT"
    "spike;KernelPlatformSpike;PLAT_SPIKE")
# seL4's OpenSBI platform name for both boards
set(KernelOpenSBIPlatform "generic" CACHE STRING "OpenSBI platform")
