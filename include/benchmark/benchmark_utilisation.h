/*
 * KernelBenchmarks=track_utilisation: per-thread and whole-core cycle counters, with
 * seL4's system calls and IPC-buffer layout (libsel4's benchmark_utilisation_types.h;
 * seL4's src/benchmark/benchmark_utilisation.c has the semantics). Counting runs from
 * seL4_BenchmarkResetLog to seL4_BenchmarkFinalizeLog. trap.S stamps ksEnter on every
 * entry from user space; benchmark_utilisation_exit runs on every return to it.
 */
#pragma once

#include <config.h>
#include <basic_types.h>

#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
#include <object/structures.h>
#include <model/statedata.h>

/* rdcycle at the latest entry from user space (written by trap.S) */
extern uint64_t ksEnter;

extern bool_t benchmark_log_utilisation_enabled;
extern uint64_t benchmark_start_time;
extern uint64_t benchmark_end_time;
extern uint64_t benchmark_kernel_time;
extern uint64_t benchmark_kernel_number_entries;
extern uint64_t benchmark_kernel_number_schedules;

/*
 * The kernel switches from 'from' to 'to' in this entry: 'from' ran from its schedule
 * start until this entry, 'to' starts now. Called where ksCurThread changes.
 */
static inline void benchmark_utilisation_switch(tcb_t *from, tcb_t *to)
{
    if (likely(benchmark_log_utilisation_enabled)) {
        if (likely(ksEnter > from->tcbBenchmark.schedule_start_time)) {
            from->tcbBenchmark.utilisation += ksEnter - from->tcbBenchmark.schedule_start_time;
        }
        to->tcbBenchmark.schedule_start_time = ksEnter;
        to->tcbBenchmark.number_schedules++;
        benchmark_kernel_number_schedules++;
    }
}

static inline uint64_t benchmark_cycles(void)
{
    uint64_t c;
    __asm__ volatile("rdcycle %0" : "=r"(c));
    return c;
}

/* The last thing before any return to user space: charge this entry to ksCurThread.
 * Inline, since the fastpath runs without a stack frame. */
static inline void benchmark_utilisation_exit(void)
{
    if (likely(benchmark_log_utilisation_enabled)) {
        uint64_t spent = benchmark_cycles() - ksEnter;
        ksCurThread->tcbBenchmark.number_kernel_entries++;
        ksCurThread->tcbBenchmark.kernel_utilisation += spent;
        benchmark_kernel_number_entries++;
        benchmark_kernel_time += spent;
    }
}

/* The same for trap.S's restore_user_context. */
void benchmark_exit_hook(void);
/* seL4_BenchmarkResetLog and seL4_BenchmarkFinalizeLog: start and stop counting. */
void benchmark_utilisation_start(void);
void benchmark_utilisation_finalise(void);
/* The utilisation system calls; false if w is not one of them. */
bool_t handleUtilisationSyscall(sword_t w);
#else
/* Without track_utilisation the hooks are empty, so their callers need no #ifdef. */
struct tcb;
static inline void benchmark_utilisation_switch(struct tcb *from, struct tcb *to)
{
    (void)from;
    (void)to;
}
static inline void benchmark_utilisation_exit(void) {}
static inline void benchmark_utilisation_start(void) {}
static inline void benchmark_utilisation_finalise(void) {}
static inline bool_t handleUtilisationSyscall(sword_t w)
{
    (void)w;
    return false;
}
#endif
