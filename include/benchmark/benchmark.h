/*
 * The benchmark system calls (KernelBenchmarks other than none): seL4's
 * seL4_BenchmarkNullSyscall, FlushCaches, ResetLog and FinalizeLog, with seL4's numbers
 * and registers (libsel4's sel4/arch/syscalls.h).
 */
#pragma once

#include <config.h>
#include <basic_types.h>

#ifdef CONFIG_ENABLE_BENCHMARKS
/* True if w is a benchmark call of this configuration and has been handled. */
bool_t handleBenchmarkSyscall(sword_t w);
#else
static inline bool_t handleBenchmarkSyscall(sword_t w)
{
    (void)w;
    return false;
}
#endif
