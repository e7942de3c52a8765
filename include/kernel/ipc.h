/*
 * Transfers between threads: messages, caps, faults and replies.
 */
#pragma once

#include <object/structures.h>
#include <object/invocation.h>
#include <kernel/cspace.h>
#include <api/failures.h>

/*
 * The slots of the extra caps a message names in its sender's IPC buffer, into
 * current_extra_caps (NULL-terminated). A bad cptr is a cap fault for the invocation
 * path; a message transfer just sends no caps. Inline: it is on the path of every
 * invocation and of every granting transfer.
 */
static inline exception_t lookupExtraCaps(tcb_t *thread, word_t *bufferPtr, seL4_MessageInfo_t info)
{
    word_t length = seL4_MessageInfo_get_extraCaps(info);
    for (word_t i = 0; i < seL4_MsgMaxExtraCaps; i++) {
        current_extra_caps.excaprefs[i] = NULL;
    }
    if (!bufferPtr) {
        return EXCEPTION_NONE;
    }
    for (word_t i = 0; i < length; i++) {
        cptr_t cptr = bufferPtr[seL4_MsgMaxLength + 2 + i];
        lookupSlot_raw_ret_t lu = lookupSlot(thread, cptr);
        if (lu.status != EXCEPTION_NONE) {
            current_fault = seL4_Fault_CapFault_new(cptr, false);
            return lu.status;
        }
        current_extra_caps.excaprefs[i] = lu.slot;
    }
    return EXCEPTION_NONE;
}

void doIPCTransfer(tcb_t *sender, endpoint_t *endpoint, word_t badge, bool_t grant,
                   tcb_t *receiver);
#ifdef CONFIG_KERNEL_MCS
void doReplyTransfer(tcb_t *sender, reply_t *reply, bool_t grant);
#else
void doReplyTransfer(tcb_t *sender, tcb_t *receiver, cte_t *slot, bool_t grant);
void setupCallerCap(tcb_t *sender, tcb_t *receiver, bool_t canGrant);
void deleteCallerCap(tcb_t *receiver);
#endif
