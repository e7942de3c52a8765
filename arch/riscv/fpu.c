/*
 * Lazy FPU switching. The F/D registers stay with the thread that last used them (the
 * owner). Any other thread runs with sstatus.FS = Off and a note that this is the
 * kernel's doing; its first floating-point instruction traps as illegal, and only
 * then does the kernel save the owner's registers (if it changed them) and load the
 * new thread's. Threads that never touch the FPU never pay for it. A thread whose FPU
 * is disabled with TCB_SetFlags gets the illegal-instruction fault instead.
 */
#include <config.h>

#ifdef CONFIG_HAVE_FPU
#include <arch/fpu.h>
#include <arch/machine.h>
#include <kernel/thread.h>

void riscv_fpu_save(user_fpu_state_t *dst);
void riscv_fpu_load(const user_fpu_state_t *src);

/* fpu.S stores f0..f31 at 8*n and fcsr (a word) at 32*8 */
compile_assert(fpu_regs_first, offsetof(user_fpu_state_t, regs) == 0 && sizeof(uint64_t) == 8);
compile_assert(fpu_fcsr_offset, offsetof(user_fpu_state_t, fcsr) == 32 * sizeof(uint64_t) &&
               sizeof(((user_fpu_state_t *)0)->fcsr) == 4);

tcb_t *ksActiveFPUState;

static inline word_t fs_of(tcb_t *t)
{
    return fpu_fs_of(t);
}

static inline void set_fs(tcb_t *t, word_t fs)
{
    fpu_set_fs(t, fs);
}

/* Save the owner's registers if it changed them since they were loaded. */
static void saveFPUState(tcb_t *owner)
{
    if (fs_of(owner) == SSTATUS_FS_DIRTY) {
        set_csr(sstatus, SSTATUS_FS_INITIAL);
        riscv_fpu_save(&owner->tcbArch.tcbContext.fpuState);
        clear_csr(sstatus, SSTATUS_FS_MASK);
        set_fs(owner, SSTATUS_FS_CLEAN);
    }
}

/* An illegal-instruction trap: true if it was a lazy FPU switch, now done. */
bool_t fpuHandleTrap(tcb_t *thread)
{
    if (!thread->tcbFpuLazyOff) {
        return false;
    }
    if (ksActiveFPUState) {
        saveFPUState(ksActiveFPUState);
        /* the old owner must now trap too before it uses the FPU again */
        if (fs_of(ksActiveFPUState) != SSTATUS_FS_OFF) {
            set_fs(ksActiveFPUState, SSTATUS_FS_OFF);
            ksActiveFPUState->tcbFpuLazyOff = true;
        }
    }
    set_csr(sstatus, SSTATUS_FS_INITIAL);
    riscv_fpu_load(&thread->tcbArch.tcbContext.fpuState);
    clear_csr(sstatus, SSTATUS_FS_MASK);
    set_fs(thread, SSTATUS_FS_CLEAN);
    thread->tcbFpuLazyOff = false;
    ksActiveFPUState = thread;
    return true;
}

/* Disable (the thread's registers are kept) or re-enable a thread's FPU. */
void fpuSetEnabled(tcb_t *thread, bool_t enabled)
{
    if (!enabled) {
        if (ksActiveFPUState == thread) {
            saveFPUState(thread);
            ksActiveFPUState = NULL;
        }
        set_fs(thread, SSTATUS_FS_OFF);
        thread->tcbFpuLazyOff = false;
    } else if (fs_of(thread) == SSTATUS_FS_OFF && !thread->tcbFpuLazyOff) {
        thread->tcbFpuLazyOff = true;
    }
}

void fpuThreadDelete(tcb_t *thread)
{
    if (ksActiveFPUState == thread) {
        ksActiveFPUState = NULL;
    }
}
#endif
