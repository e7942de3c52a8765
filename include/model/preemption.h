/*
 * Preemption points for long operations (untyped reset, revoke, delete). Each call is
 * one unit of work; every CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION units the kernel
 * checks for a pending interrupt and, if there is one, abandons the operation in a
 * consistent state. The caller's syscall is restarted later and resumes the work.
 */
#pragma once

#include <object/structures.h>

exception_t preemptionPoint(void);
