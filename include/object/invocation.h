/*
 * Decoding an invocation of a kernel object.
 */
#pragma once

#include <object/structures.h>
#include <kernel/usererror.h>

typedef struct extmsg_caps {
    cte_t *excaprefs[seL4_MsgMaxExtraCaps];
} extmsg_caps_t;

extern extmsg_caps_t current_extra_caps;

/* The number of extra caps the current invocation carries (they are looked up in order). */
static inline word_t extraCapCount(void)
{
    word_t n = 0;
    while (n < seL4_MsgMaxExtraCaps && current_extra_caps.excaprefs[n] != NULL) {
        n++;
    }
    return n;
}

/* The diagnostic of a TruncatedMessage error: what the operation needs, what it got. */
#define userErrorTruncated(operation, length, words, caps) \
    userError("%s: truncated message: %lu words and %lu caps given, %lu and %lu needed.", \
              (operation), (word_t)(length), extraCapCount(), (word_t)(words), (word_t)(caps))

#ifdef CONFIG_KERNEL_MCS
/* canDonate: a send may lend the SC; firstPhase: the send half of a send-receive */
exception_t decodeInvocation(word_t invLabel, word_t length, cptr_t capIndex, cte_t *slot,
                             cap_t cap, bool_t block, bool_t call, bool_t canDonate,
                             bool_t firstPhase, word_t *buffer);
#else
exception_t decodeInvocation(word_t invLabel, word_t length, cptr_t capIndex, cte_t *slot,
                             cap_t cap, bool_t block, bool_t call, word_t *buffer);
#endif
