/*
 * Benchmark root task entry: set up the runtime, run, print the closing line.
 */
#include <harness.h>

int test_failures;
void harness_init_tls(void);
int bench_run(harness_env_t *env);

void harness_main(seL4_BootInfo *bi)
{
    harness_init_tls();
    seL4_SetIPCBuffer(bi->ipcBuffer);
    seL4_InitBootInfo(bi);
    harness_env_t env = { .bootinfo = bi };
    int r = bench_run(&env);
    printf(r ? "Benchmarks failed\n" : "Benchmarks done\n");
#ifdef CONFIG_DEBUG_BUILD
    seL4_DebugHalt();
#endif
    for (;;) {
        seL4_Yield();
    }
}
