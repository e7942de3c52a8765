/*
 * FPU context switching. The hardware's sstatus.FS field says whether the registers
 * were touched: the kernel saves a thread's registers only when it leaves them Dirty,
 * and loads the next thread's only when a different thread owns the register file.
 */
#include <config.h>

#ifdef CONFIG_HAVE_FPU
#include <arch/fpu.h>
#include <arch/machine.h>
#include <kernel/thread.h>

void riscv_fpu_save(user_fpu_state_t *dst);
void riscv_fpu_load(const user_fpu_state_t *src);

/* The thread whose values are in the FPU registers now (NULL: nobody's). */
static tcb_t *ksActiveFPUState;

static void saveFPUState(tcb_t *owner)
{
    word_t status = owner->tcbArch.tcbContext.registers[SSTATUS];
    if ((status & SSTATUS_FS_MASK) == SSTATUS_FS_DIRTY) {
        set_csr(sstatus, SSTATUS_FS_INITIAL);   /* make the F registers accessible */
        riscv_fpu_save(&owner->tcbArch.tcbContext.fpuState);
        clear_csr(sstatus, SSTATUS_FS_MASK);
        status = (status & ~SSTATUS_FS_MASK) | SSTATUS_FS_CLEAN;
        owner->tcbArch.tcbContext.registers[SSTATUS] = status;
    }
}

void lazyFPURestore(tcb_t *thread)
{
    if (thread == ksIdleThread || thread == ksActiveFPUState) {
        return;
    }
    if (ksActiveFPUState) {
        saveFPUState(ksActiveFPUState);
    }
    word_t status = thread->tcbArch.tcbContext.registers[SSTATUS];
    if ((status & SSTATUS_FS_MASK) == SSTATUS_FS_OFF) {
        ksActiveFPUState = NULL;    /* FPU disabled for this thread: nothing to load */
        return;
    }
    set_csr(sstatus, SSTATUS_FS_INITIAL);
    riscv_fpu_load(&thread->tcbArch.tcbContext.fpuState);
    clear_csr(sstatus, SSTATUS_FS_MASK);
    /* what the thread sees now equals its saved copy */
    thread->tcbArch.tcbContext.registers[SSTATUS] = (status & ~SSTATUS_FS_MASK) | SSTATUS_FS_CLEAN;
    ksActiveFPUState = thread;
}

void fpuReleaseOwnership(tcb_t *thread)
{
    if (ksActiveFPUState == thread) {
        saveFPUState(thread);
        ksActiveFPUState = NULL;
    }
}

void fpuThreadDelete(tcb_t *thread)
{
    if (ksActiveFPUState == thread) {
        ksActiveFPUState = NULL;
    }
}
#endif
