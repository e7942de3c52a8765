/*
 * Floating-point state, switched lazily (arch/riscv/fpu.c).
 */
#pragma once

#include <config.h>
#include <object/structures.h>

#ifdef CONFIG_HAVE_FPU
#include <arch/machine.h>
#include <model/statedata.h>

/* The thread whose F/D registers are loaded (arch/riscv/fpu.c). */
extern tcb_t *ksActiveFPUState;

static inline word_t fpu_fs_of(const tcb_t *t)
{
    return t->tcbArch.tcbContext.registers[SSTATUS] & SSTATUS_FS_MASK;
}

static inline void fpu_set_fs(tcb_t *t, word_t fs)
{
    word_t *sstatus = &t->tcbArch.tcbContext.registers[SSTATUS];
    *sstatus = (*sstatus & ~SSTATUS_FS_MASK) | fs;
}

/*
 * Called whenever a thread is about to run; inline, since the fastpath runs it on
 * every message. A thread that is not the owner runs with FS = Off, so that its first
 * floating-point instruction traps and fpuHandleTrap switches the registers then.
 */
static inline FORCE_INLINE void lazyFPURestoreNotIdle(tcb_t *thread)
{
    if (thread != ksActiveFPUState && fpu_fs_of(thread) != SSTATUS_FS_OFF) {
        /* its registers are not loaded: catch its first use */
        fpu_set_fs(thread, SSTATUS_FS_OFF);
        thread->tcbFpuLazyOff = true;
    }
}

static inline FORCE_INLINE void lazyFPURestore(tcb_t *thread)
{
    if (thread != ksIdleThread) {
        lazyFPURestoreNotIdle(thread);
    }
}
bool_t fpuHandleTrap(tcb_t *thread);
void fpuSetEnabled(tcb_t *thread, bool_t enabled);
void fpuThreadDelete(tcb_t *thread);
#else
static inline void lazyFPURestore(tcb_t *thread) { (void)thread; }
static inline void lazyFPURestoreNotIdle(tcb_t *thread) { (void)thread; }
static inline bool_t fpuHandleTrap(tcb_t *thread) { (void)thread; return false; }
static inline void fpuSetEnabled(tcb_t *thread, bool_t enabled) { (void)thread; (void)enabled; }
static inline void fpuThreadDelete(tcb_t *thread) { (void)thread; }
#endif
