/*
 * Host-test stand-in for the generated kernel configuration (gen_config/kernel/
 * gen_config.h): the values of the default qemu-riscv-virt debug build. MCS builds
 * are selected by compiling with -DCONFIG_KERNEL_MCS=1 (tests/host/kernel/CMakeLists.txt).
 */
#pragma once

#define CONFIG_ARCH riscv
#define CONFIG_ARCH_RISCV 1
#define CONFIG_SEL4_ARCH riscv64
#define CONFIG_ARCH_RISCV64 1
#define CONFIG_WORD_SIZE 64
#define CONFIG_PT_LEVELS 3
#define CONFIG_PLAT qemu-riscv-virt
#define CONFIG_PLAT_QEMU_RISCV_VIRT 1
#define CONFIG_FIRST_HART_ID 0
#define CONFIG_TIMER_FREQUENCY 10000000
#define CONFIG_PADDR_USER_DEVICE_TOP 0x8000000000
#define CONFIG_DEBUG_BUILD 1
#define CONFIG_PRINTING 1
#define CONFIG_FASTPATH 1
#define CONFIG_KERNEL_BENCHMARK none
#define CONFIG_NO_BENCHMARKS 1
#define CONFIG_RISCV_EXT_F 1
#define CONFIG_RISCV_EXT_D 1
#define CONFIG_HAVE_FPU 1
#define CONFIG_ROOT_CNODE_SIZE_BITS 13
#define CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS 230
#define CONFIG_RETYPE_FAN_OUT_LIMIT 256
/* not the board's 100: the host tests want a check (and a chance of preemption) often,
 * and runs of empty zombie slots longer than one check apart */
#define CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION 4
#define CONFIG_RESET_CHUNK_BITS 8
#define CONFIG_KERNEL_STACK_BITS 12
#define CONFIG_MAX_NUM_NODES 1
#define CONFIG_NUM_PRIORITIES 256
#define CONFIG_NUM_DOMAINS 1
#define CONFIG_NUM_DOMAIN_SCHEDULES 2
#ifdef CONFIG_KERNEL_MCS
#define CONFIG_BOOT_THREAD_TIME_SLICE 5
#define CONFIG_KERNEL_WCET_SCALE 1
#define CONFIG_KERNEL_STATIC_MAX_PERIOD_US 0
#else
#define CONFIG_TIMER_TICK_MS 2
#define CONFIG_TIME_SLICE 5
#endif
