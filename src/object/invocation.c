/*
 * Dispatch of an invocation to the decoder of the invoked object's type. Each decoder
 * checks everything, sets the caller to Restart and only then calls the operation
 * (invokeX/performX), which cannot fail except at a preemption point; every error path
 * says what was wrong (userError).
 */
#include <object/invocation.h>
#include <object/untyped.h>
#include <object/mdb.h>
#include <object/cnode.h>
#include <object/endpoint.h>
#include <object/notification.h>
#include <kernel/ipc.h>
#include <kernel/thread.h>
#include <object/tcb.h>
#include <object/interrupt.h>
#include <object/domain.h>
#include <kernel/vspace.h>
#include <object/objecttype.h>
#include <api/failures.h>
#include <machine/io.h>
#include <kernel/invariants.h>
#include <kernel/usererror.h>

#ifdef CONFIG_KERNEL_MCS
#include <object/schedcontext.h>
#endif

/* The send-side operations of endpoint, notification and reply caps: they cannot fail. */
#ifdef CONFIG_KERNEL_MCS
static exception_t invokeEndpoint(cap_t cap, bool_t block, bool_t call, bool_t canDonate)
{
    sendIPC(block, call, cap_endpoint_cap_get_capEPBadge(cap),
            cap_endpoint_cap_get_capCanGrant(cap), cap_endpoint_cap_get_capCanGrantReply(cap),
            canDonate, ksCurThread, EP_PTR(cap_endpoint_cap_get_capEPPtr(cap)));
    return EXCEPTION_NONE;
}

static exception_t invokeReply(cap_t cap)
{
    doReplyTransfer(ksCurThread, REPLY_PTR(cap_reply_cap_get_capReplyPtr(cap)),
                    cap_reply_cap_get_capReplyCanGrant(cap));
    return EXCEPTION_NONE;
}
#else
static exception_t invokeEndpoint(cap_t cap, bool_t block, bool_t call)
{
    sendIPC(block, call, cap_endpoint_cap_get_capEPBadge(cap),
            cap_endpoint_cap_get_capCanGrant(cap), cap_endpoint_cap_get_capCanGrantReply(cap),
            ksCurThread, EP_PTR(cap_endpoint_cap_get_capEPPtr(cap)));
    return EXCEPTION_NONE;
}

static exception_t invokeReply(cap_t cap, cte_t *slot)
{
    doReplyTransfer(ksCurThread, TCB_PTR(cap_reply_cap_get_capTCBPtr(cap)), slot,
                    cap_reply_cap_get_capReplyCanGrant(cap));
    return EXCEPTION_NONE;
}
#endif

static exception_t invokeNotification(cap_t cap)
{
    sendSignal(NTFN_PTR(cap_notification_cap_get_capNtfnPtr(cap)),
               cap_notification_cap_get_capNtfnBadge(cap));
    return EXCEPTION_NONE;
}

#ifdef CONFIG_KERNEL_MCS
/* In the send phase of ReplyRecv/NBSendRecv/NBSendWait these objects cannot be invoked. */
#define FIRST_PHASE_CHECK(firstPhase, what) do { \
        if (unlikely(firstPhase)) { \
            userError("%s cap #%lu cannot be invoked in the send phase of a send-receive.", \
                      (what), capIndex); \
            return syscall_error_invalid_cap(0); \
        } \
    } while (0)

exception_t decodeInvocation(word_t invLabel, word_t length, cptr_t capIndex, cte_t *slot,
                             cap_t cap, bool_t block, bool_t call, bool_t canDonate,
                             bool_t firstPhase, word_t *buffer)
#else
#define FIRST_PHASE_CHECK(firstPhase, what) do { } while (0)

exception_t decodeInvocation(word_t invLabel, word_t length, cptr_t capIndex, cte_t *slot,
                             cap_t cap, bool_t block, bool_t call, word_t *buffer)
#endif
{
    /* the VSpace caps first: page mapping is the commonest invocation after IPC */
    if (isArchCap(cap)) {
        markInvariantsDirty();
        return decodeRISCVMMUInvocation(invLabel, length, slot, cap, call, buffer);
    }
    switch (cap_get_capType(cap)) {
    case cap_null_cap:
        userError("Invoking cap #%lu: the slot is empty.", capIndex);
        return syscall_error_invalid_cap(0);
    case cap_zombie_cap:
        userError("Invoking cap #%lu: it is a zombie (an object being deleted).", capIndex);
        return syscall_error_invalid_cap(0);
    case cap_endpoint_cap:
        if (!cap_endpoint_cap_get_capCanSend(cap)) {
            userError("Invoking endpoint cap #%lu: it has no Send right.", capIndex);
            return syscall_error_invalid_cap(0);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
#ifdef CONFIG_KERNEL_MCS
        return invokeEndpoint(cap, block, call, canDonate);
#else
        return invokeEndpoint(cap, block, call);
#endif
    case cap_notification_cap:
        if (!cap_notification_cap_get_capNtfnCanSend(cap)) {
            userError("Invoking notification cap #%lu: it has no Send right.", capIndex);
            return syscall_error_invalid_cap(0);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeNotification(cap);
#ifdef CONFIG_KERNEL_MCS
    case cap_reply_cap:
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeReply(cap);
    case cap_sched_control_cap:
        FIRST_PHASE_CHECK(firstPhase, "SchedControl");
        return decodeSchedControlInvocation(invLabel, cap, length, buffer);
    case cap_sched_context_cap:
        FIRST_PHASE_CHECK(firstPhase, "SchedContext");
        return decodeSchedContextInvocation(invLabel,
                                            SC_PTR(cap_sched_context_cap_get_capSCPtr(cap)), call);
#else
    case cap_reply_cap:
        if (cap_reply_cap_get_capReplyMaster(cap)) {
            userError("Invoking cap #%lu: a master reply cap cannot be replied through.",
                      capIndex);
            return syscall_error_invalid_cap(0);
        }
        setThreadState(ksCurThread, ThreadState_Restart);
        return invokeReply(cap, slot);
#endif
    /*
     * The rest create, change or delete objects and caps: the invariant checker, if
     * built, looks at the whole state at the end of this kernel entry.
     */
    case cap_untyped_cap:
        markInvariantsDirty();
        return decodeUntypedInvocation(invLabel, length, slot, cap, call, buffer);
    case cap_thread_cap:
        FIRST_PHASE_CHECK(firstPhase, "TCB");
        markInvariantsDirty();
        return decodeTCBInvocation(invLabel, length, cap, slot, call, buffer);
    case cap_irq_control_cap:
        markInvariantsDirty();
        return decodeIRQControlInvocation(invLabel, length, slot, buffer);
    case cap_irq_handler_cap:
        markInvariantsDirty();
        return decodeIRQHandlerInvocation(invLabel, cap_irq_handler_cap_get_capIRQ(cap));
    case cap_domain_cap:
        FIRST_PHASE_CHECK(firstPhase, "Domain");
        markInvariantsDirty();
        return decodeDomainInvocation(invLabel, length, buffer);
    case cap_cnode_cap:
        FIRST_PHASE_CHECK(firstPhase, "CNode");
        markInvariantsDirty();
        return decodeCNodeInvocation(invLabel, length, cap, buffer);
    default:
        userError("Invoking cap #%lu: caps of type %lu have no invocations.", capIndex,
                  (word_t)cap_get_capType(cap));
        return syscall_error_simple(seL4_IllegalOperation);
    }
}
