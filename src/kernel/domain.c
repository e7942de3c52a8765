/*
 * DomainSet_Set: move a thread to another scheduling domain.
 */
#include <kernel/domain.h>
#include <kernel/thread.h>
#include <object/invocation.h>
#include <api/failures.h>
#include <api/message.h>

static void setDomain(tcb_t *tptr, dom_t dom)
{
    tcbSchedDequeue(tptr);
    tptr->tcbDomain = dom;
    if (isRunnable(tptr)) {
        tcbSchedEnqueue(tptr);
    }
    if (tptr == ksCurThread) {
        rescheduleRequired();
    }
}

exception_t decodeDomainInvocation(word_t invLabel, word_t length, word_t *buffer)
{
    if (invLabel != DomainSetSet) {
        return syscall_error_simple(seL4_IllegalOperation);
    }
    if (length == 0) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t domain = getSyscallArg(0, buffer);
    if (domain >= CONFIG_NUM_DOMAINS) {
        return syscall_error_invalid_argument(0);
    }
    if (current_extra_caps.excaprefs[0] == NULL) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    cap_t tcap = current_extra_caps.excaprefs[0]->cap;
    if (cap_get_capType(tcap) != cap_thread_cap) {
        return syscall_error_invalid_argument(1);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    setDomain(TCB_PTR(cap_thread_cap_get_capTCBPtr(tcap)), domain);
    return EXCEPTION_NONE;
}
