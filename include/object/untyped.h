/*
 * Untyped memory. An untyped cap's free index counts 2^seL4_MinUntypedBits-byte units
 * from its base: below it memory may be in use, above it memory is zero (non-device).
 */
#pragma once

#include <object/structures.h>

#define FREE_INDEX_TO_OFFSET(i)     ((i) << seL4_MinUntypedBits)
#define OFFSET_TO_FREE_INDEX(o)     ((o) >> seL4_MinUntypedBits)
#define MAX_FREE_INDEX(bits)        BIT((bits) - seL4_MinUntypedBits)
#define GET_FREE_REF(base, i)       ((base) + FREE_INDEX_TO_OFFSET(i))
#define GET_FREE_INDEX(base, ref)   OFFSET_TO_FREE_INDEX((ref) - (base))

exception_t decodeUntypedInvocation(word_t invLabel, word_t length, cte_t *slot, cap_t cap,
                                    bool_t call, word_t *buffer);
exception_t invokeUntyped_Retype(cte_t *srcSlot, bool_t reset, pptr_t retypeBase,
                                 word_t newType, word_t userSize, cte_t *destCNode,
                                 word_t destOffset, word_t destLength, bool_t deviceMemory);
#ifdef CONFIG_DEBUG_BUILD
void debug_check_untyped_children(const cte_t *slot, word_t count);
#endif
