/* Host-test stand-in for the generated arch/kernel_offset.h (qemu-riscv-virt values). */
#pragma once
#define LARCH_UL(x) x##ul
#define PPTR_BASE               LARCH_UL(0xffffffc000000000)
#define PPTR_TOP                LARCH_UL(0xffffffff80000000)
#define PADDR_TOP               LARCH_UL(0x3f80000000)
#define KERNEL_ELF_BASE         LARCH_UL(0xffffffff80200000)
#define KERNEL_ELF_PADDR_BASE   LARCH_UL(0x80200000)
#define KERNEL_OFFSET           LARCH_UL(0xffffffff00000000)
#define KDEV_BASE               LARCH_UL(0xffffffffc0000000)
