/*
 * Decoding an invocation of a kernel object.
 */
#pragma once

#include <object/structures.h>

typedef struct extmsg_caps {
    cte_t *excaprefs[seL4_MsgMaxExtraCaps];
} extmsg_caps_t;

extern extmsg_caps_t current_extra_caps;

#ifdef CONFIG_KERNEL_MCS
/* canDonate: a send may lend the SC; firstPhase: the send half of a send-receive */
exception_t decodeInvocation(word_t invLabel, word_t length, cptr_t capIndex, cte_t *slot,
                             cap_t cap, bool_t block, bool_t call, bool_t canDonate,
                             bool_t firstPhase, word_t *buffer);
#else
exception_t decodeInvocation(word_t invLabel, word_t length, cptr_t capIndex, cte_t *slot,
                             cap_t cap, bool_t block, bool_t call, word_t *buffer);
#endif
