/*
 * The driver: the harness's root task. Bootstrap tests (the root task's own world) run
 * here; every other test runs in a fresh process (driver/process.c). Results come out
 * in sel4test's format, which the test runner (tools/run_qemu.py) watches for.
 */
#include <harness.h>
#include <elf64.h>
#include "driver.h"

extern const testcase_t __start__test_cases[];
extern const testcase_t __stop__test_cases[];
extern const char tests_elf_start[];

int test_failures;
void harness_init_tls(void);

typedef struct entry {
    const char *name;
    bool enabled;
    const testcase_t *local;    /* a bootstrap test, or NULL */
    seL4_Word index;            /* else its index in the tests ELF */
} entry_t;

#define MAX_TESTS 256
static entry_t tests[MAX_TESTS];
static int n_tests;

/* Translate an address inside the tests ELF to the bytes the driver carries. */
static const char *elf_bytes(seL4_Word vaddr)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)tests_elf_start;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *ph = elf64_phdr(eh, i);
        if (ph->p_type == PT_LOAD && vaddr >= ph->p_vaddr && vaddr < ph->p_vaddr + ph->p_filesz) {
            return tests_elf_start + ph->p_offset + (vaddr - ph->p_vaddr);
        }
    }
    return NULL;
}

/* The tests ELF's own registry: its _test_cases section. */
static void collect_process_tests(void)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)tests_elf_start;
    const char *strtab = tests_elf_start + elf64_shdr(eh, eh->e_shstrndx)->sh_offset;
    for (unsigned i = 0; i < eh->e_shnum; i++) {
        const Elf64_Shdr *sh = elf64_shdr(eh, i);
        if (strcmp(strtab + sh->sh_name, "_test_cases") != 0) {
            continue;
        }
        const testcase_t *t = (const testcase_t *)(tests_elf_start + sh->sh_offset);
        for (seL4_Word k = 0; k < sh->sh_size / sizeof(testcase_t) && n_tests < MAX_TESTS; k++) {
            tests[n_tests++] = (entry_t){ .name = elf_bytes((seL4_Word)t[k].name),
                                          .enabled = t[k].enabled, .local = NULL, .index = k };
        }
    }
}

#ifndef LARCH_TEST_ONLY
#define LARCH_TEST_ONLY ""
#endif

/* With LARCH_TEST_ONLY set, only the tests whose names start with it run. */
static bool selected(const char *name)
{
    size_t n = strlen(LARCH_TEST_ONLY);
    return n == 0 || memcmp(name, LARCH_TEST_ONLY, n) == 0;
}

static void sort_tests(void)
{
    for (int i = 1; i < n_tests; i++) {
        entry_t e = tests[i];
        int j = i - 1;
        while (j >= 0 && strcmp(tests[j].name, e.name) > 0) {
            tests[j + 1] = tests[j];
            j--;
        }
        tests[j + 1] = e;
    }
}

void harness_main(seL4_BootInfo *bi)
{
    harness_init_tls();
    seL4_SetIPCBuffer(bi->ipcBuffer);
    seL4_InitBootInfo(bi);
    harness_env_t env = { .bootinfo = bi };

    for (const testcase_t *t = __start__test_cases; t < __stop__test_cases; t++) {
        tests[n_tests++] = (entry_t){ .name = t->name, .enabled = t->enabled, .local = t };
    }
    int n_local = n_tests;
    collect_process_tests();
    sort_tests();
    printf("Larch test harness: %d tests (%d in the driver, %d in test processes)\n", n_tests,
           n_local, n_tests - n_local);

    /* bootstrap tests look at the untouched boot state: run them first */
    int passed = 0, failed = 0, disabled = 0, number = 0;
    static bool done[MAX_TESTS];
    bool processes_ready = false;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            harness_pool_bits = 27;
            processes_ready = process_init(bi);
            if (!processes_ready) {
                printf("driver: cannot set up test processes\n");
            }
        }
        for (int i = 0; i < n_tests; i++) {
            entry_t *t = &tests[i];
            if (done[i] || (pass == 0) != (t->local != NULL)) {
                continue;
            }
            done[i] = true;
            if (!t->enabled || !selected(t->name)) {
                disabled++;
                continue;
            }
            printf("Starting test %d: %s\n", number++, t->name);
            bool ok;
            if (t->local) {
                test_failures = 0;
                ok = t->local->function(&env) == TEST_PASS && test_failures == 0;
            } else {
                ok = processes_ready && process_run_test(t->index);
            }
            printf("Test %s %s\n", t->name, ok ? "passed" : "failed");
            ok ? passed++ : failed++;
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
