/*
 * CNode invocations (src/object/cnode.c). The derivation tree the slots form is in
 * object/mdb.h.
 */
#pragma once

#include <object/structures.h>

exception_t decodeCNodeInvocation(word_t invLabel, word_t length, cap_t cap, word_t *buffer);
