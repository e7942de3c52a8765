/*
 * DomainSet invocations (src/object/domain.c).
 */
#pragma once

#include <object/structures.h>

exception_t decodeDomainInvocation(word_t invLabel, word_t length, word_t *buffer);
