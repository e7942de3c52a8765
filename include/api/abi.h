/*
 * The user ABI as the kernel sees it. Numbers shared with user space (errors, object
 * types, sizes, bootinfo layout, syscall numbers, invocation labels) come from the
 * libsel4 headers, so kernel and library cannot disagree.
 */
#pragma once

#include <config.h>
#include <basic_types.h>

#include <sel4/simple_types.h>

#include <sel4/errors.h>
#include <sel4/constants.h>
#include <sel4/objecttype.h>
#include <sel4/bootinfo_types.h>
#include <sel4/syscall.h>
#include <sel4/invocation.h>
#include <sel4/arch/invocation.h>

typedef word_t syscall_t;
typedef word_t exception_t;

/* Outcome of a kernel operation that may be cut short (seL4's exception_t). */
enum exception {
    EXCEPTION_NONE = 0,
    EXCEPTION_FAULT,
    EXCEPTION_LOOKUP_FAULT,
    EXCEPTION_SYSCALL_ERROR,
    EXCEPTION_PREEMPTED,
};
