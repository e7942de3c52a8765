/*
 * Stand-ins for the parts of the kernel the host-tested sources call but that are not
 * under test (scheduler, IPC queues, VM, IRQs, console). They record what they were
 * asked to do and change nothing else. A kernel assertion or fail() ends the test
 * run: it is a kernel bug (or a test bug) either way.
 */
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>

#include <object/structures.h>
#include <object/objecttype.h>
#include <object/endpoint.h>
#include <object/notification.h>
#include <object/tcb.h>
#include <object/interrupt.h>
#include <object/invocation.h>
#include <api/message.h>
#include <kernel/thread.h>
#include <kernel/thread.h>
#include <kernel/vspace.h>
#include <api/failures.h>
#include <api/message.h>
#include <model/preemption.h>
#include <model/statedata.h>
#include <arch/fpu.h>
#include <kernel/usererror.h>

#include "shim.h"
#include "testlib.h"

unsigned shim_preempt_percent;
unsigned long shim_preemptions;
unsigned long shim_user_errors;
char shim_last_user_error[256];
word_t shim_syscall_args[16];
struct shim_calls shim_calls;

/* kernel globals the sources read or write */
syscall_error_t current_syscall_error;
seL4_Fault_t current_fault;
extmsg_caps_t current_extra_caps;
tcb_t *ksCurThread;
dom_t ksCurDomain;
asid_pool_t *riscvKSASIDTable[BIT(seL4_NumASIDPoolsBits)];

NORETURN void _fail(const char *msg, const char *file, unsigned line, const char *func)
{
    test_fail_at(file, (int)line, "kernel fail() in %s: %s", func, msg);
    abort();
}

NORETURN void _assert_fail(const char *expr, const char *file, unsigned line, const char *func)
{
    test_fail_at(file, (int)line, "kernel assertion failed in %s: %s", func, expr);
    abort();
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

/* The kernel's invocation diagnostic: kept (not printed), so tests can check that a
 * failing decode said why. */
void userError_emit(const char *function, unsigned line, const char *fmt, ...)
{
    (void)function;
    (void)line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(shim_last_user_error, sizeof(shim_last_user_error), fmt, ap);
    va_end(ap);
    shim_user_errors++;
}

word_t ksWorkUnitsCompleted;

/* the inline preemptionPoint() calls this every CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION */
exception_t preemptionCheck(void)
{
    ksWorkUnitsCompleted = 0;
    if (shim_preempt_percent && rnd_chance(shim_preempt_percent)) {
        shim_preemptions++;
        return EXCEPTION_PREEMPTED;
    }
    return EXCEPTION_NONE;
}

/* a current thread for the decoders (the registers of MRs 0..3, its state) */
static char shim_thread_object[BIT(seL4_TCBBits)] __attribute__((aligned(1 << seL4_TCBBits)));
static word_t shim_ipc_buffer[1 + ARRAY_SIZE(shim_syscall_args)];

word_t *shim_args(void)
{
    if (!ksCurThread) {
        ksCurThread = TCB_PTR((word_t)shim_thread_object + TCB_OFFSET);
    }
    for (word_t i = 0; i < ARRAY_SIZE(shim_syscall_args); i++) {
        if (i < n_msgRegisters) {
            setRegister(ksCurThread, msgRegisters[i], shim_syscall_args[i]);
        }
        shim_ipc_buffer[i + 1] = shim_syscall_args[i];
    }
    return shim_ipc_buffer;
}

tcb_t *ksSchedulerAction;

void rescheduleRequired(void)
{
    shim_calls.rescheduleRequired++;
}

void cancelAllIPC(endpoint_t *epptr)
{
    (void)epptr;
    shim_calls.cancelAllIPC++;
}

void cancelIPC(tcb_t *tptr)
{
    (void)tptr;
}

void cancelBadgedSends(endpoint_t *epptr, word_t badge)
{
    (void)epptr;
    (void)badge;
    shim_calls.cancelBadgedSends++;
}

void cancelAllSignals(notification_t *ntfnPtr)
{
    (void)ntfnPtr;
    shim_calls.cancelAllSignals++;
}

void unbindMaybeNotification(notification_t *ntfnPtr)
{
    (void)ntfnPtr;
    shim_calls.unbindMaybeNotification++;
}

void unbindNotification(tcb_t *tcb)
{
    (void)tcb;
    shim_calls.unbindNotification++;
}

void suspend(tcb_t *target)
{
    (void)target;
    shim_calls.suspend++;
}

void tcbDebugAppend(tcb_t *tcb)
{
    (void)tcb;
    shim_calls.tcbDebugAppend++;
}

void tcbDebugRemove(tcb_t *tcb)
{
    (void)tcb;
    shim_calls.tcbDebugRemove++;
}

#ifdef CONFIG_HAVE_FPU
void fpuThreadDelete(tcb_t *thread)
{
    (void)thread;
}
#endif

void deletingIRQHandler(irq_t irq)
{
    (void)irq;
    shim_calls.deletingIRQHandler++;
}

void deletedIRQHandler(irq_t irq)
{
    (void)irq;
    shim_calls.deletedIRQHandler++;
}

void unmapPage(word_t page_size, asid_t asid, vptr_t vptr, pptr_t pptr)
{
    (void)page_size;
    (void)asid;
    (void)vptr;
    (void)pptr;
    shim_calls.unmapPage++;
}

void unmapPageTable(asid_t asid, vptr_t vaddr, pte_t *target_pt)
{
    (void)asid;
    (void)vaddr;
    (void)target_pt;
    shim_calls.unmapPageTable++;
}

void deleteASID(asid_t asid, pte_t *vspace)
{
    (void)asid;
    (void)vspace;
    shim_calls.deleteASID++;
}

void deleteASIDPool(asid_t asid_base, asid_pool_t *pool)
{
    (void)asid_base;
    (void)pool;
    shim_calls.deleteASIDPool++;
}
