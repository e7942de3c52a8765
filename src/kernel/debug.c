/*
 * Debug system calls. They exist only in the builds seL4 has them in: PutChar and
 * DumpScheduler with CONFIG_PRINTING, the rest with CONFIG_DEBUG_BUILD. In other
 * builds their numbers raise UnknownSyscall faults like any unknown number.
 */
#include <arch/machine.h>
#include <kernel/debug.h>
#include <kernel/thread.h>
#include <kernel/cspace.h>
#include <kernel/vspace.h>
#include <api/syscall.h>
#include <machine/io.h>

#ifdef CONFIG_DEBUG_BUILD
static const char *thread_state_name(word_t ts)
{
    switch (ts) {
    case ThreadState_Inactive:
        return "inactive";
    case ThreadState_Running:
        return "running";
    case ThreadState_Restart:
        return "restart";
    case ThreadState_BlockedOnReceive:
        return "blocked on recv";
    case ThreadState_BlockedOnSend:
        return "blocked on send";
    case ThreadState_BlockedOnReply:
        return "blocked on reply";
    case ThreadState_BlockedOnNotification:
        return "blocked on ntfn";
    case ThreadState_IdleThreadState:
        return "idle";
    default:
        return "?";
    }
}

void debug_dumpScheduler(void)
{
    printf("Dumping all tcbs!\n");
    printf("Name                                     State            IP                 "
           "Prio  Core\n");
    for (tcb_t *t = ksDebugTCBs; t; t = t->tcbDebugNext) {
        printf("%s", t->tcbName);
        for (size_t n = strnlen(t->tcbName, TCB_NAME_LENGTH); n < 40; n++) {
            kernel_putchar(' ');
        }
        const char *state = thread_state_name(thread_state_get_tsType(t->tcbState));
        printf(" %s", state);
        for (size_t n = strnlen(state, 16); n < 16; n++) {
            kernel_putchar(' ');
        }
#ifdef CONFIG_KERNEL_MCS
        printf(" %p %3lu   0", (void *)getRegister(t, FaultIP), t->tcbPriority);
        sched_context_t *sc = t->tcbSchedContext;
        if (sc && sc_active(sc)) {
            /* budget (head refill), period, consumed: microseconds */
            printf("  budget %lu us period %lu us consumed %lu us%s\n",
                   (word_t)ticksToUs(refill_head(sc)->rAmount), (word_t)ticksToUs(sc->scPeriod),
                   (word_t)ticksToUs(sc->scConsumed),
                   thread_state_get_tcbInReleaseQueue(t->tcbState) ? " (awaiting refill)" : "");
        } else {
            printf("  passive\n");
        }
#else
        printf(" %p %3lu   0\n", (void *)getRegister(t, FaultIP), t->tcbPriority);
#endif
    }
}

static void setThreadName(tcb_t *tcb, const char *name, word_t len)
{
    word_t n = MIN(len, TCB_NAME_LENGTH - 1);
    memcpy(tcb->tcbName, name, n);
    tcb->tcbName[n] = '\0';
}
#endif

bool_t handleDebugSyscall(sword_t w)
{
#ifdef CONFIG_PRINTING
    if (w == seL4_SysDebugPutChar) {
        kernel_putchar((char)getRegister(ksCurThread, capRegister));
        return true;
    }
#endif
#ifdef CONFIG_DEBUG_BUILD
    if (w == seL4_SysDebugDumpScheduler) {
        debug_dumpScheduler();
        return true;
    }
    if (w == seL4_SysDebugHalt) {
        printf("Debug halt syscall from user thread %p \"%s\"\n", (void *)ksCurThread,
               ksCurThread->tcbName);
        halt();
    }
    if (w == seL4_SysDebugSnapshot) {
        printf("Debug snapshot syscall from user thread %p \"%s\": no capDL dump in Larch\n",
               (void *)ksCurThread, ksCurThread->tcbName);
        return true;
    }
    if (w == seL4_SysDebugCapIdentify) {
        cptr_t cptr = getRegister(ksCurThread, capRegister);
        lookupCap_ret_t lu = lookupCap(ksCurThread, cptr);
        word_t type = lu.status == EXCEPTION_NONE ? cap_get_capType(lu.cap) : cap_null_cap;
        setRegister(ksCurThread, capRegister, type);
        return true;
    }
    if (w == seL4_SysDebugNameThread) {
        /* seL4 halts on misuse of this call; so do we */
        cptr_t cptr = getRegister(ksCurThread, capRegister);
        lookupCap_ret_t lu = lookupCap(ksCurThread, cptr);
        if (lu.status != EXCEPTION_NONE || cap_get_capType(lu.cap) != cap_thread_cap) {
            printf("SysDebugNameThread: cap is not a TCB, halting\n");
            halt();
        }
        word_t *buffer = lookupIPCBuffer(true, ksCurThread);
        if (!buffer) {
            printf("SysDebugNameThread: cannot get the IPC buffer, halting\n");
            halt();
        }
        const char *name = (const char *)(buffer + 1);
        word_t max = seL4_MsgMaxLength * sizeof(word_t);
        word_t len = strnlen(name, max);
        if (len == max) {
            printf("SysDebugNameThread: name too long, halting\n");
            halt();
        }
        setThreadName(TCB_PTR(cap_thread_cap_get_capTCBPtr(lu.cap)), name, len);
        return true;
    }
#endif
    (void)w;
    return false;
}
