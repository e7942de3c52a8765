/* Decoding a fault message into seL4_Fault_t (libsel4's seL4_getFault). */
#pragma once

#include <sel4/types.h>
#include <sel4/functions.h>

LIBSEL4_INLINE_FUNC seL4_Bool seL4_isVMFault_tag(seL4_MessageInfo_t tag)
{
    return seL4_MessageInfo_get_label(tag) == seL4_Fault_VMFault;
}

LIBSEL4_INLINE_FUNC seL4_Bool seL4_isUnknownSyscall_tag(seL4_MessageInfo_t tag)
{
    return seL4_MessageInfo_get_label(tag) == seL4_Fault_UnknownSyscall;
}

LIBSEL4_INLINE_FUNC seL4_Bool seL4_isUserException_tag(seL4_MessageInfo_t tag)
{
    return seL4_MessageInfo_get_label(tag) == seL4_Fault_UserException;
}

LIBSEL4_INLINE_FUNC seL4_Bool seL4_isCapFault_tag(seL4_MessageInfo_t tag)
{
    return seL4_MessageInfo_get_label(tag) == seL4_Fault_CapFault;
}

#ifdef CONFIG_KERNEL_MCS
LIBSEL4_INLINE_FUNC seL4_Bool seL4_isTimeoutFault_tag(seL4_MessageInfo_t tag)
{
    return seL4_MessageInfo_get_label(tag) == seL4_Fault_Timeout;
}

/* A reply to a timeout fault: label 0 resumes; the MRs rewrite the registers. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_TimeoutReply_new(seL4_Bool resume,
                                                            seL4_UserContext regs,
                                                            seL4_Word length)
{
    seL4_MessageInfo_t info = seL4_MessageInfo_new(!resume, 0, 0, length);
    const seL4_Word *words = (const seL4_Word *)&regs;
    for (seL4_Word i = 0; i < length && i < sizeof(regs) / sizeof(seL4_Word); i++) {
        seL4_SetMR(i, words[i]);
    }
    return info;
}
#endif

LIBSEL4_INLINE_FUNC seL4_Fault_t seL4_getFault(seL4_MessageInfo_t tag)
{
    switch (seL4_MessageInfo_get_label(tag)) {
    case seL4_Fault_CapFault:
        return seL4_Fault_CapFault_new(seL4_GetMR(seL4_CapFault_IP), seL4_GetMR(seL4_CapFault_Addr),
                                       seL4_GetMR(seL4_CapFault_InRecvPhase),
                                       seL4_GetMR(seL4_CapFault_LookupFailureType),
                                       seL4_GetMR(seL4_CapFault_BitsLeft),
                                       seL4_GetMR(seL4_CapFault_GuardMismatch_GuardFound),
                                       seL4_GetMR(seL4_CapFault_GuardMismatch_BitsFound));
    case seL4_Fault_UnknownSyscall:
        return seL4_Fault_UnknownSyscall_new(seL4_GetMR(seL4_UnknownSyscall_FaultIP),
                                             seL4_GetMR(seL4_UnknownSyscall_SP),
                                             seL4_GetMR(seL4_UnknownSyscall_RA),
                                             seL4_GetMR(seL4_UnknownSyscall_A0),
                                             seL4_GetMR(seL4_UnknownSyscall_A1),
                                             seL4_GetMR(seL4_UnknownSyscall_A2),
                                             seL4_GetMR(seL4_UnknownSyscall_A3),
                                             seL4_GetMR(seL4_UnknownSyscall_A4),
                                             seL4_GetMR(seL4_UnknownSyscall_A5),
                                             seL4_GetMR(seL4_UnknownSyscall_A6),
                                             seL4_GetMR(seL4_UnknownSyscall_Syscall));
    case seL4_Fault_UserException:
        return seL4_Fault_UserException_new(seL4_GetMR(seL4_UserException_FaultIP),
                                            seL4_GetMR(seL4_UserException_SP),
                                            seL4_GetMR(seL4_UserException_Number),
                                            seL4_GetMR(seL4_UserException_Code));
    case seL4_Fault_VMFault:
        return seL4_Fault_VMFault_new(seL4_GetMR(seL4_VMFault_IP), seL4_GetMR(seL4_VMFault_Addr),
                                      seL4_GetMR(seL4_VMFault_PrefetchFault),
                                      seL4_GetMR(seL4_VMFault_FSR));
#ifdef CONFIG_KERNEL_MCS
    case seL4_Fault_Timeout:
        return seL4_Fault_Timeout_new(seL4_GetMR(seL4_Timeout_Data),
                                      seL4_MessageInfo_get_length(tag) > seL4_Timeout_Consumed ?
                                      seL4_GetMR(seL4_Timeout_Consumed) : 0);
#endif
    default:
        return seL4_Fault_NullFault_new();
    }
}
