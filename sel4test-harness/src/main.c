/*
 * The harness's main: run every registered test in link order and report in
 * sel4test's format, which the test runner (tools/run_qemu.py) watches for.
 */
#include <harness.h>

extern const testcase_t __start__test_cases[];
extern const testcase_t __stop__test_cases[];

int test_failures;

static harness_env_t env;

/* Sort by name so the order is stable however the linker lays the section out. */
static void sort_tests(const testcase_t **tests, int n)
{
    for (int i = 1; i < n; i++) {
        const testcase_t *t = tests[i];
        int j = i - 1;
        while (j >= 0 && strcmp(tests[j]->name, t->name) > 0) {
            tests[j + 1] = tests[j];
            j--;
        }
        tests[j + 1] = t;
    }
}

void harness_init_tls(void);

void harness_main(seL4_BootInfo *bi)
{
    harness_init_tls();
    seL4_SetIPCBuffer(bi->ipcBuffer);
    seL4_InitBootInfo(bi);
    env.bootinfo = bi;

    static const testcase_t *tests[256];
    int n = 0;
    for (const testcase_t *t = __start__test_cases; t < __stop__test_cases && n < 256; t++) {
        tests[n++] = t;
    }
    sort_tests(tests, n);

    printf("Larch test harness: %d tests\n", n);
    int passed = 0, failed = 0, disabled = 0, number = 0;
    for (int i = 0; i < n; i++) {
        const testcase_t *t = tests[i];
        if (!t->enabled) {
            disabled++;
            continue;
        }
        printf("Starting test %d: %s\n", number++, t->name);
        test_failures = 0;
        int result = t->function(&env);
        if (result == TEST_PASS && test_failures == 0) {
            printf("Test %s passed\n", t->name);
            passed++;
        } else {
            printf("Test %s failed\n", t->name);
            failed++;
        }
    }
    if (failed == 0) {
        printf("Test suite passed. %d tests passed. %d tests disabled.\n", passed, disabled);
        printf("All is well in the universe\n");
    } else {
        printf("Test suite failed. %d tests passed. %d tests failed. %d tests disabled.\n",
               passed, failed, disabled);
    }
#ifdef CONFIG_DEBUG_BUILD
    seL4_DebugHalt();
#endif
    for (;;) {
        seL4_Yield();
    }
}
