/*
 * Entry of a test process. The driver starts it like the kernel starts a root task
 * (a0 = bootinfo describing its own CSpace, image and untyped memory), plus a1 = which
 * test to run and a2 = the first of two notification caps: signalled to report a pass,
 * the next one a failure.
 */
#include <harness.h>

extern const testcase_t __start__test_cases[];

int test_failures;
void harness_init_tls(void);

void harness_main(seL4_BootInfo *bi, seL4_Word index, seL4_CPtr done)
{
    harness_init_tls();
    seL4_SetIPCBuffer(bi->ipcBuffer);
    seL4_InitBootInfo(bi);
    harness_env_t env = { .bootinfo = bi };
    test_failures = 0;
    int result = __start__test_cases[index].function(&env);
    seL4_Signal((result == TEST_PASS && test_failures == 0) ? done : done + 1);
    for (;;) {
        seL4_TCB_Suspend(seL4_CapInitThreadTCB);
    }
}
