/* Host-test stand-in for the generated platform_gen.h (qemu-riscv-virt). */
#pragma once

#define PLAT_NAME "qemu-riscv-virt"
#define PLAT_TIMER_FREQUENCY 10000000ull
#define PLAT_KERNEL_PHYS_BASE 0x80200000ull
#define PLAT_NUM_AVAIL_REGIONS 1
#define PLAT_AVAIL_REGIONS { { 0x80200000ull, 0x140000000ull } }
#define PLAT_NUM_RESERVED_REGIONS 1
#define PLAT_RESERVED_REGIONS { { 0x80000000ull, 0x80200000ull } }
#define PLAT_CLINT_PADDR 0x2000000ull
#define PLAT_CLINT_SIZE 0x10000ull
#define PLAT_HAVE_PLIC 1
#define PLAT_PLIC_PADDR 0xc000000ull
#define PLAT_PLIC_SIZE 0x600000ull
#define PLAT_PLIC_NDEV 96
#define PLAT_MAX_IRQ 95
#define PLAT_NUM_KERNEL_DEVICES 2
#define PLAT_KERNEL_DEVICES { { 0x2000000ull, 0x10000ull }, { 0xc000000ull, 0x600000ull } }
#define PLAT_HAVE_UART 1
#define PLAT_UART_PADDR 0x10000000ull
#define PLAT_UART_SIZE 0x100ull
#define PLAT_UART_IRQ 10
