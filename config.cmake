#
# Larch kernel configuration: every option, with seL4's CMake and C names.
# Produces the kernel_Config target (<kernel/gen_config.h>).
#
# Values: the defaults below; settings.cmake (our own build) or a seL4 project's
# settings override them through the CMake cache.
#
include_guard(GLOBAL)
include(${CMAKE_CURRENT_LIST_DIR}/tools/helpers.cmake)

set(configure_string "")

# --- Architecture and platform (shared with configs/seL4Config.cmake) --------------------
include(${CMAKE_CURRENT_LIST_DIR}/config/platforms.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/config/platform.cmake)
config_string(KernelPlatformFirstHartID FIRST_HART_ID "Hart that boots the kernel"
    DEFAULT 0 UNQUOTE)
config_string(KernelTimerFrequency TIMER_FREQUENCY "Timer frequency (Hz), from the device tree"
    DEFAULT 10000000 UNQUOTE)
config_string(KernelPaddrUserTop PADDR_USER_DEVICE_TOP "Top of device untyped memory"
    DEFAULT 0x8000000000 UNQUOTE)

# --- Build flavour ------------------------------------------------------------------------
config_option(KernelVerificationBuild VERIFICATION_BUILD
    "Build without debug features (seL4's verified configuration)" DEFAULT OFF)
config_option(KernelDebugBuild DEBUG_BUILD "Debug build: invariant checks and debug syscalls"
    DEFAULT ON DEPENDS "NOT KernelVerificationBuild" DEFAULT_DISABLED OFF)
config_option(LarchCheckInvariants LARCH_CHECK_INVARIANTS
    "Whole-state invariant checker after every kernel entry (slow; for testing)"
    DEFAULT OFF DEPENDS "KernelDebugBuild" DEFAULT_DISABLED OFF)
config_option(KernelPrinting PRINTING "Kernel console output and seL4_DebugPutChar"
    DEFAULT ON DEPENDS "NOT KernelVerificationBuild" DEFAULT_DISABLED OFF)
config_option(KernelInvocationReportErrorIPC KERNEL_INVOCATION_REPORT_ERROR_IPC
    "Copy error strings into the IPC buffer" DEFAULT OFF DEPENDS "KernelPrinting")
config_option(KernelIsMCS KERNEL_MCS "Mixed-criticality scheduling API" DEFAULT OFF)
config_option(KernelFastpath FASTPATH "IPC fastpath for Call and ReplyRecv" DEFAULT ON)
# seL4 16.0.0 offers these two on AArch64 only, both off by default; Larch offers them on
# RISC-V under the same names and conditions: the signal fastpath needs MCS and the IPC
# fastpath, the exception fastpath (VM faults to a waiting handler) neither.
config_option(KernelExceptionFastpath EXCEPTION_FASTPATH
    "Fastpath for VM faults delivered to a waiting fault handler, and for its reply"
    DEFAULT OFF DEPENDS "NOT KernelVerificationBuild")
config_option(KernelSignalFastpath SIGNAL_FASTPATH "Fastpath for seL4_Signal (MCS only)"
    DEFAULT OFF DEPENDS "KernelIsMCS;KernelFastpath;NOT KernelVerificationBuild"
    DEFAULT_DISABLED OFF)
config_choice(KernelBenchmarks KERNEL_BENCHMARK "Benchmark support"
    "none;KernelBenchmarksNone;NO_BENCHMARKS"
    "generic;KernelBenchmarksGeneric;BENCHMARK_GENERIC"
    "track_utilisation;KernelBenchmarksTrackUtilisation;BENCHMARK_TRACK_UTILISATION")
if(NOT KernelBenchmarks STREQUAL "none")
    config_set(KernelEnableBenchmarks ENABLE_BENCHMARKS ON)
else()
    config_set(KernelEnableBenchmarks ENABLE_BENCHMARKS OFF)
endif()
config_choice(KernelOptimisation KERNEL_OPT_LEVEL "Kernel optimisation level"
    "-O2;KernelOptimisationO2;KERNEL_OPT_LEVEL_O2"
    "-O1;KernelOptimisationO1;KERNEL_OPT_LEVEL_O1"
    "-Os;KernelOptimisationOS;KERNEL_OPT_LEVEL_OS"
    "-O3;KernelOptimisationO3;KERNEL_OPT_LEVEL_O3")

# --- FPU ----------------------------------------------------------------------------------
config_option(KernelRiscvExtF RISCV_EXT_F "Single-precision floating point (F)" DEFAULT ON)
config_option(KernelRiscvExtD RISCV_EXT_D "Double-precision floating point (D)" DEFAULT ON
    DEPENDS "KernelRiscvExtF" DEFAULT_DISABLED OFF)
if(KernelRiscvExtF)
    config_set(KernelHaveFPU HAVE_FPU ON)
else()
    config_set(KernelHaveFPU HAVE_FPU OFF)
endif()

# --- Objects, CSpace, boot ----------------------------------------------------------------
config_string(KernelRootCNodeSizeBits ROOT_CNODE_SIZE_BITS "log2 slots of the root CNode"
    DEFAULT 12 UNQUOTE)
config_string(KernelMaxNumBootinfoUntypedCaps MAX_NUM_BOOTINFO_UNTYPED_CAPS
    "Untyped caps recorded in bootinfo" DEFAULT 230 UNQUOTE)
config_string(KernelRetypeFanOutLimit RETYPE_FAN_OUT_LIMIT "Objects per Untyped_Retype"
    DEFAULT 256 UNQUOTE)
config_string(KernelMaxNumWorkUnitsPerPreemption MAX_NUM_WORK_UNITS_PER_PREEMPTION
    "Work units between checks for a pending interrupt" DEFAULT 100 UNQUOTE)
config_string(KernelResetChunkBits RESET_CHUNK_BITS "log2 bytes cleared per reset step"
    DEFAULT 8 UNQUOTE)
config_string(KernelStackBits KERNEL_STACK_BITS "log2 size of the kernel stack"
    DEFAULT 12 UNQUOTE)
config_string(KernelMaxNumNodes MAX_NUM_NODES "Cores (Larch runs one)" DEFAULT 1 UNQUOTE)
if(NOT KernelMaxNumNodes EQUAL 1)
    message(FATAL_ERROR "Larch supports KernelMaxNumNodes=1 only")
endif()

# --- Scheduling ---------------------------------------------------------------------------
config_string(KernelNumPriorities NUM_PRIORITIES "Priority levels" DEFAULT 256 UNQUOTE)
config_string(KernelNumDomains NUM_DOMAINS "Scheduling domains" DEFAULT 1 UNQUOTE)
if(KernelNumDomains GREATER 1)
    set(_sched_len 100)
else()
    set(_sched_len 2)
endif()
config_string(KernelNumDomainSchedules NUM_DOMAIN_SCHEDULES "Domain schedule entries"
    DEFAULT ${_sched_len} UNQUOTE)
config_string(KernelTimerTickMS TIMER_TICK_MS "Timer tick (ms)" DEFAULT 2 UNQUOTE
    DEPENDS "NOT KernelIsMCS")
config_string(KernelTimeSlice TIME_SLICE "Ticks per time slice" DEFAULT 5 UNQUOTE
    DEPENDS "NOT KernelIsMCS")
config_string(KernelBootThreadTimeSlice BOOT_THREAD_TIME_SLICE
    "Root thread budget (ms)" DEFAULT 5 UNQUOTE DEPENDS "KernelIsMCS")
config_string(KernelWcetScale KERNEL_WCET_SCALE "Scale of the kernel WCET estimate"
    DEFAULT 1 UNQUOTE DEPENDS "KernelIsMCS")
config_string(KernelStaticMaxPeriodUs KERNEL_STATIC_MAX_PERIOD_US
    "Largest period (us), 0 = derived" DEFAULT 0 UNQUOTE DEPENDS "KernelIsMCS")

add_config_library(kernel "${configure_string}")
