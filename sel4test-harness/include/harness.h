/*
 * The harness runtime: console output, strings, and the test registry.
 */
#pragma once

#include <sel4/sel4.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* What every test can see: the boot information and its own IPC buffer. */
typedef struct harness_env {
    seL4_BootInfo *bootinfo;
} harness_env_t;

typedef int (*test_fn_t)(harness_env_t *env);

typedef struct testcase {
    const char *name;
    const char *description;
    test_fn_t function;
    bool enabled;
} testcase_t;

/* Tests register themselves in a section the runner walks, as sel4test's do. */
#define DEFINE_TEST(_name, _desc, _func, _enabled) \
    static const testcase_t TEST_ ## _name \
    __attribute__((used, section("_test_cases"), aligned(sizeof(void *)))) = \
    { #_name, _desc, _func, _enabled }

/* Tests of the classic (non-MCS) API: registered, but disabled, in MCS builds. */
#ifdef CONFIG_KERNEL_MCS
#define DEFINE_TEST_NONMCS(_name, _desc, _func) DEFINE_TEST(_name, _desc, NULL, false)
#else
#define DEFINE_TEST_NONMCS(_name, _desc, _func) DEFINE_TEST(_name, _desc, _func, true)
#endif

enum { TEST_PASS = 0, TEST_FAIL = 1 };

/* Checks report where they failed and make the test fail, then carry on. */
extern int test_failures;
#define test_check(cond) do { \
        if (!(cond)) { \
            printf("    check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            test_failures++; \
        } \
    } while (0)
#define test_eq(a, b) do { \
        unsigned long _a = (unsigned long)(a), _b = (unsigned long)(b); \
        if (_a != _b) { \
            printf("    check failed: %s == %s (0x%lx != 0x%lx) (%s:%d)\n", #a, #b, _a, _b, \
                   __FILE__, __LINE__); \
            test_failures++; \
        } \
    } while (0)
#define test_result() (test_failures ? TEST_FAIL : TEST_PASS)

/* A repeatable pseudo-random sequence (xorshift64*) for fuzz tests. */
static inline uint64_t harness_random(uint64_t *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return *state * 0x2545f4914f6cdd1dull;
}

/* The fuzz tests' seed (CMake cache variable LARCH_FUZZ_SEED; see docs/TESTING.md). */
#ifndef LARCH_FUZZ_SEED
#define LARCH_FUZZ_SEED 1ul
#endif
/* A fuzz test's starting state: `base` for seed 1, another sequence for every other seed. */
#define HARNESS_FUZZ_STATE(base) ((base) ^ ((LARCH_FUZZ_SEED - 1) * 0x9e3779b97f4a7c15ull))

/* The time base (10 MHz on both boards), for hang guards and progress checks. */
static inline seL4_Word harness_now(void)
{
    seL4_Word t;
    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
}

/* The board's highest IRQ number (seL4's maxIRQ): PLIC sources on virt, none on spike. */
#ifdef CONFIG_PLAT_QEMU_RISCV_VIRT
#define HARNESS_MAX_IRQ 95
#else
#define HARNESS_MAX_IRQ 0
#endif

/* Device tree helpers for tests that check bootinfo against the board. */
bool fdt_memory_regions(const void *fdt, uint64_t *base, uint64_t *size, int max, int *count);

/* --- resources for tests (runtime/alloc.c) -------------------------------------------- */

/* A free slot of the root CNode. */
seL4_CPtr alloc_slot(void);
/* Slots from a mark on can be handed out again once they are empty. */
seL4_SlotPos alloc_slot_mark(void);
void alloc_slot_reset(seL4_SlotPos mark);
/* Objects come from the smallest RAM untyped of at least 2^harness_pool_bits bytes. */
extern int harness_pool_bits;
seL4_CPtr alloc_pool(void);
/* A new object from RAM untyped memory, in a fresh slot; 0 if none could be made. */
seL4_CPtr alloc_object(seL4_Word type, seL4_Word size_bits);
/* A fresh RAM untyped of exactly 2^bits bytes. */
seL4_CPtr alloc_untyped(seL4_Word bits);
/* A free page-aligned virtual address range of 2^bits bytes in the root VSpace. */
seL4_Word alloc_vaddr(seL4_Word bits);
/* A frame mapped read-write at a fresh address; returns the address, frame cap via *cap. */
void *alloc_mapped_frame(seL4_CPtr *cap);

bool map_frame_in(seL4_CPtr vspace, seL4_CPtr frame, seL4_Word vaddr, seL4_CapRights_t rights);
seL4_CPtr vspace_new(void);
bool vspace_share(seL4_CPtr vspace, seL4_CPtr frame, seL4_Word vaddr);
bool vspace_share_image(seL4_CPtr vspace);
/* Load an ELF executable's segments into vspace (fresh frames); returns its entry. */
bool elf_load_into(seL4_CPtr vspace, const void *image, seL4_Word *entry);

/* --- threads in the root task's address space (runtime/thread.c) ---------------------- */

typedef struct helper_thread {
    seL4_CPtr tcb;
    seL4_CPtr ipc_frame;
    seL4_IPCBuffer *ipc_buffer;
    void *stack_top;
#ifdef CONFIG_KERNEL_MCS
    seL4_CPtr sc;           /* its scheduling context (round robin, HELPER_BUDGET_US) */
#endif
} helper_thread_t;

#ifdef CONFIG_KERNEL_MCS
#define HELPER_BUDGET_US 5000
#endif

typedef void (*helper_fn_t)(seL4_Word arg0, seL4_Word arg1);

/* Create a thread at prio with fault endpoint fault_ep (non-MCS: a cptr; MCS: an endpoint
 * cap or seL4_CapNull); it has its own SC on MCS. Resume starts fn. */
bool helper_start(helper_thread_t *t, seL4_Word prio, seL4_CPtr fault_ep, helper_fn_t fn,
                  seL4_Word arg0, seL4_Word arg1);
/* The same in another VSpace that shares our image (see vspace_share_image). */
bool helper_start_in(helper_thread_t *t, seL4_CPtr vspace, seL4_Word prio, seL4_CPtr fault_ep,
                     helper_fn_t fn, seL4_Word arg0, seL4_Word arg1);
/* The same with a TCB the caller made (from memory it wants to watch, say). */
bool helper_start_tcb(helper_thread_t *t, seL4_CPtr tcb, seL4_CPtr vspace, seL4_Word prio,
                      seL4_CPtr fault_ep, helper_fn_t fn, seL4_Word arg0, seL4_Word arg1);
