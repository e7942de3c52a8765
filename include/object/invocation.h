/*
 * Decoding an invocation of a kernel object.
 */
#pragma once

#include <object/structures.h>

typedef struct extmsg_caps {
    cte_t *excaprefs[seL4_MsgMaxExtraCaps];
} extmsg_caps_t;

extern extmsg_caps_t current_extra_caps;

exception_t decodeInvocation(word_t invLabel, word_t length, cptr_t capIndex, cte_t *slot,
                             cap_t cap, bool_t block, bool_t call, word_t *buffer);
