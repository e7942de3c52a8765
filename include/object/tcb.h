/*
 * Thread control: suspend and resume, and the TCB invocations.
 */
#pragma once

#include <object/structures.h>

void suspend(tcb_t *target);
void restart(tcb_t *target);
exception_t decodeTCBInvocation(word_t invLabel, word_t length, cap_t cap, cte_t *slot,
                                bool_t call, word_t *buffer);
