/*
 * Errors an invocation reports to its caller (seL4_Error and the details that go in
 * the reply's message registers, seL4's setMRs_syscall_error, src/object/tcb.c).
 */
#pragma once

#include <object/structures.h>

typedef struct syscall_error {
    word_t invalidArgumentNumber;
    word_t invalidCapNumber;
    word_t rangeErrorMin;
    word_t rangeErrorMax;
    word_t memoryLeft;
    bool_t failedLookupWasSource;
    word_t type;                    /* seL4_Error */
} syscall_error_t;

extern syscall_error_t current_syscall_error;
extern lookup_fault_t current_lookup_fault;
extern seL4_Fault_t current_fault;

/* Shorthands for the common error paths of decode functions. */
static inline exception_t syscall_error_simple(word_t type)
{
    current_syscall_error.type = type;
    return EXCEPTION_SYSCALL_ERROR;
}

static inline exception_t syscall_error_range(word_t min, word_t max)
{
    current_syscall_error.type = seL4_RangeError;
    current_syscall_error.rangeErrorMin = min;
    current_syscall_error.rangeErrorMax = max;
    return EXCEPTION_SYSCALL_ERROR;
}

static inline exception_t syscall_error_invalid_argument(word_t n)
{
    current_syscall_error.type = seL4_InvalidArgument;
    current_syscall_error.invalidArgumentNumber = n;
    return EXCEPTION_SYSCALL_ERROR;
}

static inline exception_t syscall_error_invalid_cap(word_t n)
{
    current_syscall_error.type = seL4_InvalidCapability;
    current_syscall_error.invalidCapNumber = n;
    return EXCEPTION_SYSCALL_ERROR;
}

static inline exception_t syscall_error_failed_lookup(bool_t source)
{
    current_syscall_error.type = seL4_FailedLookup;
    current_syscall_error.failedLookupWasSource = source;
    return EXCEPTION_SYSCALL_ERROR;
}
