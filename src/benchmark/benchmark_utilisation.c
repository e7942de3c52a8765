/*
 * KernelBenchmarks=track_utilisation (include/benchmark/benchmark_utilisation.h).
 * The counters: each thread's scheduled cycles and schedules, its kernel cycles and
 * kernel entries, and the same totals for the core, between ResetLog and FinalizeLog.
 */
#include <benchmark/benchmark_utilisation.h>

#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
#include <sel4/benchmark_utilisation_types.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <kernel/usererror.h>
#include <machine/io.h>
#include <model/statedata.h>
#include <arch/machine.h>

uint64_t ksEnter;
bool_t benchmark_log_utilisation_enabled;
uint64_t benchmark_start_time;
uint64_t benchmark_end_time;
uint64_t benchmark_kernel_time;
uint64_t benchmark_kernel_number_entries;
uint64_t benchmark_kernel_number_schedules;

void benchmark_exit_hook(void)
{
    benchmark_utilisation_exit();
}

static void resetThread(tcb_t *tcb)
{
    tcb->tcbBenchmark = (tcb_benchmark_t){ 0 };
}

void benchmark_utilisation_start(void)
{
    benchmark_log_utilisation_enabled = true;
    resetThread(ksIdleThread);
    ksCurThread->tcbBenchmark.schedule_start_time = ksEnter;
    ksCurThread->tcbBenchmark.number_schedules++;
    benchmark_start_time = ksEnter;
    benchmark_kernel_time = 0;
    benchmark_kernel_number_entries = 0;
    benchmark_kernel_number_schedules = 1;
}

void benchmark_utilisation_finalise(void)
{
    /* the running thread's time up to now; the idle thread stands in as the next */
    benchmark_utilisation_switch(ksCurThread, ksIdleThread);
    benchmark_end_time = ksEnter;
    benchmark_log_utilisation_enabled = false;
}

/* The TCB named by the caller's a0, or NULL (reported, as seL4 does, not returned). */
static tcb_t *lookupTCBArgument(const char *call)
{
    lookupCap_ret_t lu = lookupCap(ksCurThread, getRegister(ksCurThread, capRegister));
    if (lu.status != EXCEPTION_NONE || cap_get_capType(lu.cap) != cap_thread_cap) {
        userError("%s: cap is not a TCB", call);
        return NULL;
    }
    return TCB_PTR(cap_thread_cap_get_capTCBPtr(lu.cap));
}

static void dumpThread(void)
{
    tcb_t *tcb = lookupTCBArgument("BenchmarkGetThreadUtilisation");
    word_t *ipcBuffer = lookupIPCBuffer(true, ksCurThread);
    if (!tcb || !ipcBuffer) {
        return;
    }
    /* 64-bit counters from msg[0] on, in benchmark_track_util_ipc_index order */
    uint64_t *out = (uint64_t *)(ipcBuffer + 1);
    out[BENCHMARK_TCB_UTILISATION] = tcb->tcbBenchmark.utilisation;
    out[BENCHMARK_TCB_NUMBER_SCHEDULES] = tcb->tcbBenchmark.number_schedules;
    out[BENCHMARK_TCB_KERNEL_UTILISATION] = tcb->tcbBenchmark.kernel_utilisation;
    out[BENCHMARK_TCB_NUMBER_KERNEL_ENTRIES] = tcb->tcbBenchmark.number_kernel_entries;
    out[BENCHMARK_IDLE_LOCALCPU_UTILISATION] = ksIdleThread->tcbBenchmark.utilisation;
    /* one core: the TCB's core is this one */
    out[BENCHMARK_IDLE_TCBCPU_UTILISATION] = ksIdleThread->tcbBenchmark.utilisation;
    out[BENCHMARK_IDLE_NUMBER_SCHEDULES] = ksIdleThread->tcbBenchmark.number_schedules;
    out[BENCHMARK_IDLE_KERNEL_UTILISATION] = ksIdleThread->tcbBenchmark.kernel_utilisation;
    out[BENCHMARK_IDLE_NUMBER_KERNEL_ENTRIES] =
        ksIdleThread->tcbBenchmark.number_kernel_entries;
    out[BENCHMARK_TOTAL_UTILISATION] = benchmark_end_time - benchmark_start_time;
    out[BENCHMARK_TOTAL_NUMBER_SCHEDULES] = benchmark_kernel_number_schedules;
    out[BENCHMARK_TOTAL_KERNEL_UTILISATION] = benchmark_kernel_time;
    out[BENCHMARK_TOTAL_NUMBER_KERNEL_ENTRIES] = benchmark_kernel_number_entries;
}

#ifdef CONFIG_DEBUG_BUILD
static void dumpAllThreads(void)
{
    printf("{\n  \"BENCHMARK_TOTAL_UTILISATION\":%lu,\n",
           (word_t)(benchmark_end_time - benchmark_start_time));
    printf("  \"BENCHMARK_TOTAL_KERNEL_UTILISATION\":%lu,\n", (word_t)benchmark_kernel_time);
    printf("  \"BENCHMARK_TOTAL_NUMBER_KERNEL_ENTRIES\":%lu,\n",
           (word_t)benchmark_kernel_number_entries);
    printf("  \"BENCHMARK_TOTAL_NUMBER_SCHEDULES\":%lu,\n",
           (word_t)benchmark_kernel_number_schedules);
    printf("  \"BENCHMARK_TCB_\": [\n");
    for (tcb_t *t = ksDebugTCBs; t; t = t->tcbDebugNext) {
        printf("    {\n      \"NAME\":\"%s\",\n      \"UTILISATION\":%lu,\n", t->tcbName,
               (word_t)t->tcbBenchmark.utilisation);
        printf("      \"NUMBER_SCHEDULES\":%lu,\n      \"KERNEL_UTILISATION\":%lu,\n",
               (word_t)t->tcbBenchmark.number_schedules,
               (word_t)t->tcbBenchmark.kernel_utilisation);
        printf("      \"NUMBER_KERNEL_ENTRIES\":%lu\n    }%s\n",
               (word_t)t->tcbBenchmark.number_kernel_entries, t->tcbDebugNext ? "," : "");
    }
    printf("  ]\n}\n");
}
#endif

bool_t handleUtilisationSyscall(sword_t w)
{
    switch (w) {
    case seL4_SysBenchmarkGetThreadUtilisation:
        dumpThread();
        return true;
    case seL4_SysBenchmarkResetThreadUtilisation: {
        tcb_t *tcb = lookupTCBArgument("BenchmarkResetThreadUtilisation");
        if (tcb) {
            resetThread(tcb);
        }
        return true;
    }
#ifdef CONFIG_DEBUG_BUILD
    case seL4_SysBenchmarkDumpAllThreadsUtilisation:
        dumpAllThreads();
        return true;
    case seL4_SysBenchmarkResetAllThreadsUtilisation:
        for (tcb_t *t = ksDebugTCBs; t; t = t->tcbDebugNext) {
            resetThread(t);
        }
        return true;
#endif
    default:
        return false;
    }
}
#endif
