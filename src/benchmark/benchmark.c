/*
 * Benchmark system calls (include/benchmark/benchmark.h). Results come back in a0 and
 * a1..a5 are left alone, as in seL4 (seL4's handleUnknownSyscall, src/api/syscall.c).
 * Without a log buffer (Larch has none) ResetLog always succeeds and FinalizeLog
 * returns nothing; SetLogBuffer is then not a benchmark call and stays an unknown
 * system call, as seL4 builds without CONFIG_KERNEL_LOG_BUFFER treat it. ResetLog and
 * FinalizeLog also start and stop track_utilisation's counting.
 */
#include <benchmark/benchmark.h>
#include <kernel/thread.h>
#include <model/statedata.h>
#include <arch/machine.h>
#include <benchmark/benchmark_utilisation.h>

#ifdef CONFIG_ENABLE_BENCHMARKS
bool_t handleBenchmarkSyscall(sword_t w)
{
    switch (w) {
    case seL4_SysBenchmarkNullSyscall:
        return true;
    case seL4_SysBenchmarkFlushCaches:
        /* whatever a0/a1 select, RISC-V has only the full fence to offer */
        __asm__ volatile("fence rw, rw\n\tfence.i" ::: "memory");
        return true;
    case seL4_SysBenchmarkResetLog:
        benchmark_utilisation_start();
        setRegister(ksCurThread, capRegister, seL4_NoError);
        return true;
    case seL4_SysBenchmarkFinalizeLog:
        benchmark_utilisation_finalise();
        return true;
    default:
        return handleUtilisationSyscall(w);
    }
}
#endif
