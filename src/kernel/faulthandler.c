/*
 * Sending a faulting thread's fault to its handler (seL4's src/kernel/faulthandler.c).
 * Classic kernels resolve the handler cptr in the faulting thread's own CSpace when the
 * fault happens; MCS kernels use the cap installed in the TCB's fault-handler slot (and a
 * timeout fault the timeout-handler slot). It must be an endpoint cap with Send and Grant
 * or GrantReply. With no valid handler the thread is suspended, with a message in debug
 * builds. Never a panic.
 */
#include <kernel/faulthandler.h>
#include <kernel/thread.h>
#include <kernel/cspace.h>
#include <object/endpoint.h>
#include <api/failures.h>
#include <machine/io.h>

#ifdef CONFIG_PRINTING
void print_fault(seL4_Fault_t f)
{
    switch (seL4_Fault_get_seL4_FaultType(f)) {
    case seL4_Fault_NullFault:
        printf("null fault");
        break;
    case seL4_Fault_CapFault:
        printf("cap fault in %s phase at address %p",
               seL4_Fault_CapFault_get_inReceivePhase(f) ? "receive" : "send",
               (void *)seL4_Fault_CapFault_get_address(f));
        break;
    case seL4_Fault_VMFault:
        printf("vm fault on %s at address %p with status %p",
               seL4_Fault_VMFault_get_instructionFault(f) ? "code" : "data",
               (void *)seL4_Fault_VMFault_get_address(f),
               (void *)seL4_Fault_VMFault_get_FSR(f));
        break;
    case seL4_Fault_UnknownSyscall:
        printf("unknown syscall %p", (void *)seL4_Fault_UnknownSyscall_get_syscallNumber(f));
        break;
    case seL4_Fault_UserException:
        printf("user exception %p code %p", (void *)seL4_Fault_UserException_get_number(f),
               (void *)seL4_Fault_UserException_get_code(f));
        break;
#ifdef CONFIG_KERNEL_MCS
    case seL4_Fault_Timeout:
        printf("timeout fault for badge %p", (void *)seL4_Fault_Timeout_get_badge(f));
        break;
#endif
    default:
        printf("unknown fault");
        break;
    }
}
#endif

#ifdef CONFIG_KERNEL_MCS
/*
 * MCS: the handler is an endpoint cap copied into the TCB (fault or timeout handler
 * slot), already checked when it was set; a null cap means no handler. The fault
 * goes like a Call without a reply cap of its own: the handler receives with a reply
 * object, and the faulting thread may lend its scheduling context.
 */
static bool_t sendFaultIPC(tcb_t *tptr, cap_t handlerCap, bool_t canDonate)
{
    if (cap_get_capType(handlerCap) != cap_endpoint_cap) {
        return false;
    }
    tptr->tcbFault = current_fault;
    if (seL4_Fault_get_seL4_FaultType(current_fault) == seL4_Fault_CapFault) {
        tptr->tcbLookupFailure = current_lookup_fault;
    }
    sendIPC(true, false, cap_endpoint_cap_get_capEPBadge(handlerCap),
            cap_endpoint_cap_get_capCanGrant(handlerCap),
            cap_endpoint_cap_get_capCanGrantReply(handlerCap), canDonate, tptr,
            EP_PTR(cap_endpoint_cap_get_capEPPtr(handlerCap)));
    return true;
}

bool_t validTimeoutHandler(tcb_t *tptr)
{
    return cap_get_capType(TCB_CTE_PTR(tptr, tcbTimeoutHandler)->cap) == cap_endpoint_cap;
}

void handleTimeout(tcb_t *tptr)
{
    assert(validTimeoutHandler(tptr));
    sendFaultIPC(tptr, TCB_CTE_PTR(tptr, tcbTimeoutHandler)->cap, false);
}

void handleFault(tcb_t *tptr)
{
    if (!sendFaultIPC(tptr, TCB_CTE_PTR(tptr, tcbFaultHandler)->cap,
                      tptr->tcbSchedContext != NULL)) {
#ifdef CONFIG_PRINTING
        printf("Found thread has no fault handler while trying to handle:\n");
        print_fault(current_fault);
#ifdef CONFIG_DEBUG_BUILD
        printf("\nin thread %p \"%s\" ", (void *)tptr, tptr->tcbName);
#endif
        printf("at address %p\n", (void *)getRegister(tptr, FaultIP));
#endif
        setThreadState(tptr, ThreadState_Inactive);
    }
}
#else
static exception_t sendFaultIPC(tcb_t *tptr)
{
    seL4_Fault_t original = current_fault;
    lookup_fault_t original_lookup_fault = current_lookup_fault;
    cptr_t handlerCPtr = tptr->tcbFaultHandler;

    lookupCap_ret_t lu = lookupCap(tptr, handlerCPtr);
    if (lu.status != EXCEPTION_NONE) {
        current_fault = seL4_Fault_CapFault_new(handlerCPtr, false);
        return EXCEPTION_FAULT;
    }
    cap_t handlerCap = lu.cap;
    if (cap_get_capType(handlerCap) == cap_endpoint_cap &&
        cap_endpoint_cap_get_capCanSend(handlerCap) &&
        (cap_endpoint_cap_get_capCanGrant(handlerCap) ||
         cap_endpoint_cap_get_capCanGrantReply(handlerCap))) {
        tptr->tcbFault = original;
        if (seL4_Fault_get_seL4_FaultType(original) == seL4_Fault_CapFault) {
            tptr->tcbLookupFailure = original_lookup_fault;
        }
        sendIPC(true, true, cap_endpoint_cap_get_capEPBadge(handlerCap),
                cap_endpoint_cap_get_capCanGrant(handlerCap), true, tptr,
                EP_PTR(cap_endpoint_cap_get_capEPPtr(handlerCap)));
        return EXCEPTION_NONE;
    }
    current_fault = seL4_Fault_CapFault_new(handlerCPtr, false);
    current_lookup_fault = lookup_fault_missing_capability_new(0);
    return EXCEPTION_FAULT;
}
#endif

#ifndef CONFIG_KERNEL_MCS
/* The fault handler itself could not be reached: report both faults, stop the thread. */
static void handleDoubleFault(tcb_t *tptr, seL4_Fault_t ex1, seL4_Fault_t ex2)
{
#ifdef CONFIG_PRINTING
    printf("Caught ");
    print_fault(ex2);
    printf("\nwhile trying to handle:\n");
    print_fault(ex1);
#ifdef CONFIG_DEBUG_BUILD
    printf("\nin thread %p \"%s\" ", (void *)tptr, tptr->tcbName);
#endif
    printf("at address %p\n", (void *)getRegister(tptr, FaultIP));
#else
    (void)ex1;
    (void)ex2;
#endif
    setThreadState(tptr, ThreadState_Inactive);
}

void handleFault(tcb_t *tptr)
{
    seL4_Fault_t fault = current_fault;
    if (sendFaultIPC(tptr) != EXCEPTION_NONE) {
        handleDoubleFault(tptr, fault, current_fault);
    }
}
#endif
