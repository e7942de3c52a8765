/*
 * Floating-point state, switched lazily (arch/riscv/fpu.c).
 */
#pragma once

#include <config.h>
#include <object/structures.h>

#ifdef CONFIG_HAVE_FPU
void lazyFPURestore(tcb_t *thread);
bool_t fpuHandleTrap(tcb_t *thread);
void fpuSetEnabled(tcb_t *thread, bool_t enabled);
void fpuThreadDelete(tcb_t *thread);
#else
static inline void lazyFPURestore(tcb_t *thread) { (void)thread; }
static inline bool_t fpuHandleTrap(tcb_t *thread) { (void)thread; return false; }
static inline void fpuSetEnabled(tcb_t *thread, bool_t enabled) { (void)thread; (void)enabled; }
static inline void fpuThreadDelete(tcb_t *thread) { (void)thread; }
#endif
