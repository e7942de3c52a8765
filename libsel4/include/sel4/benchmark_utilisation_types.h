/*
 * Layout of the IPC-buffer reply of seL4_BenchmarkGetThreadUtilisation. Larch does not
 * offer the benchmark configurations (KernelBenchmarks is fixed to none), so this only
 * names the indices for code that is compiled regardless.
 */
#pragma once

#include <sel4/config.h>

#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
enum benchmark_track_util_ipc_index {
    BENCHMARK_TCB_UTILISATION,
    BENCHMARK_TCB_NUMBER_SCHEDULES,
    BENCHMARK_TCB_KERNEL_UTILISATION,
    BENCHMARK_TCB_NUMBER_KERNEL_ENTRIES,
    BENCHMARK_IDLE_LOCALCPU_UTILISATION,
    BENCHMARK_IDLE_TCBCPU_UTILISATION,
    BENCHMARK_IDLE_NUMBER_SCHEDULES,
    BENCHMARK_IDLE_KERNEL_UTILISATION,
    BENCHMARK_IDLE_NUMBER_KERNEL_ENTRIES,
    BENCHMARK_TOTAL_UTILISATION,
    BENCHMARK_TOTAL_NUMBER_SCHEDULES,
    BENCHMARK_TOTAL_KERNEL_UTILISATION,
    BENCHMARK_TOTAL_NUMBER_KERNEL_ENTRIES,
};
#endif
