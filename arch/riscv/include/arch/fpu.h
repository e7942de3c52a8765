/*
 * Floating-point state. Every thread starts with the FPU in the Initial state and the
 * kernel switches F/D registers when a different thread last used them.
 */
#pragma once

#include <config.h>
#include <object/structures.h>

#ifdef CONFIG_HAVE_FPU
void lazyFPURestore(tcb_t *thread);
void fpuThreadDelete(tcb_t *thread);
void fpuReleaseOwnership(tcb_t *thread);
#else
static inline void fpuReleaseOwnership(tcb_t *thread) { (void)thread; }
static inline void lazyFPURestore(tcb_t *thread) { (void)thread; }
static inline void fpuThreadDelete(tcb_t *thread) { (void)thread; }
#endif
