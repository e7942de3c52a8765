/*
 * Benchmark root task entry: set up the runtime, run, print the closing line and power
 * the machine off. The closing line is "Benchmarks done" or "Benchmarks failed"; the
 * run's ctest entry stops QEMU at either (bench/CMakeLists.txt), so a failure ends the
 * run at once rather than at the timeout.
 */
#include <harness.h>

int test_failures;
void harness_init_tls(void);
int ipc_bench(void);
int extras_bench(void);
int fastpath_bench(void);
void bench_poweroff(bool pass);

void harness_main(seL4_BootInfo *bi)
{
    harness_init_tls();
    seL4_SetIPCBuffer(bi->ipcBuffer);
    seL4_InitBootInfo(bi);
    /* what was built: board, kernel flavour, fastpath */
#ifdef CONFIG_PLAT_QEMU_RISCV_VIRT
    const char *board = "qemu-riscv-virt";
#else
    const char *board = "spike";
#endif
#ifdef CONFIG_KERNEL_MCS
    const char *flavour = "mcs";
#else
    const char *flavour = "non-mcs";
#endif
#ifdef CONFIG_FASTPATH
    const char *fastpath = "fastpath";
#else
    const char *fastpath = "no fastpath";
#endif
    printf("BENCH|config|%s|%s|%s\n", board, flavour, fastpath);
    /* seL4's optional fastpaths (off by default) */
#ifdef CONFIG_SIGNAL_FASTPATH
    const char *signal = "signal fastpath";
#else
    const char *signal = "no signal fastpath";
#endif
#ifdef CONFIG_EXCEPTION_FASTPATH
    const char *exception = "exception fastpath";
#else
    const char *exception = "no exception fastpath";
#endif
    printf("BENCH|options|%s|%s\n", signal, exception);
    int r = ipc_bench();
    if (!r) {
        r = extras_bench();
    }
    if (!r) {
        r = fastpath_bench();
    }
    printf(r ? "Benchmarks failed\n" : "Benchmarks done\n");
    bench_poweroff(!r);
    for (;;) {
        seL4_Yield();
    }
}
