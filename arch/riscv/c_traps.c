/*
 * C entry points from trap.S. Each handles its event and returns to user space
 * through restore_user_context; none returns to trap.S.
 */
#include <fastpath/fastpath.h>
#include <arch/traps.h>
#include <api/syscall.h>
#include <kernel/thread.h>
#include <object/interrupt.h>
#include <machine/io.h>
#include <arch/machine.h>
#include <arch/fpu.h>
#include <kernel/invariants.h>
#include <arch/trap_layout.h>

/* trap.S's numbers are the C definitions' (arch/trap_layout.h) */
compile_assert(trap_regbytes, REGBYTES == sizeof(word_t));
compile_assert(trap_context_first, offsetof(tcb_t, tcbArch.tcbContext.registers) == 0);
compile_assert(trap_idx_t0, IDX_T0 == t0);
compile_assert(trap_idx_a2, IDX_A2 == a2);
compile_assert(trap_idx_scause, IDX_SCAUSE == SCAUSE);
compile_assert(trap_idx_sstatus, IDX_SSTATUS == SSTATUS);
compile_assert(trap_idx_faultip, IDX_FAULTIP == FaultIP);
compile_assert(trap_idx_nextip, IDX_NEXTIP == NextIP);
compile_assert(trap_last_gpr, t6 == 30 && n_contextRegisters == IDX_NEXTIP + 1);
compile_assert(trap_ecall, SCAUSE_ECALL_U == RISCVEnvCall);
compile_assert(trap_sys_call, SYSCALL_CALL == seL4_SysCall);
compile_assert(trap_sys_replyrecv, SYSCALL_REPLYRECV == seL4_SysReplyRecv);
compile_assert(trap_sys_send, SYSCALL_SEND == seL4_SysSend);

NORETURN void c_handle_interrupt(void)
{
    handleInterruptEntry();
    checkInvariantsAtExit();
    restore_user_context();
}

NORETURN void c_handle_exception(void)
{
    word_t scause = getRegister(ksCurThread, SCAUSE);
    markInvariantsDirty();
    switch (scause) {
    case RISCVInstructionAccessFault:
    case RISCVLoadAccessFault:
    case RISCVStoreAccessFault:
    case RISCVInstructionPageFault:
    case RISCVLoadPageFault:
    case RISCVStorePageFault:
        handleVMFaultEvent(scause);
        break;
    case RISCVInstructionIllegal:
        /* the first FP instruction after a switch: give it the FPU and retry */
        if (fpuHandleTrap(ksCurThread)) {
            break;
        }
        handleUserLevelFault(scause, 0);
        break;
    default:
        /* seL4 reports the raw scause and code 0 (seL4's handleUserLevelFault path,
         * src/arch/riscv/c_traps.c) */
        handleUserLevelFault(scause, 0);
        break;
    }
    checkInvariantsAtExit();
    restore_user_context();
}

/* A trap while the kernel ran: a kernel bug. Say everything we know and stop. */
NORETURN void c_handle_kernel_trap(word_t scause, word_t sepc, word_t stval, word_t ra_)
{
    printf("KERNEL PANIC: trap in kernel mode: scause %p sepc %p stval %p ra %p\n",
           (void *)scause, (void *)sepc, (void *)stval, (void *)ra_);
#ifdef CONFIG_DEBUG_BUILD
    if (ksCurThread) {
        printf("current thread %p \"%s\"\n", (void *)ksCurThread, ksCurThread->tcbName);
    }
#endif
    halt();
}

/* The idle thread: S-mode, interrupts on, nothing to do. */
void idle_thread(void)
{
    for (;;) {
        wait_for_interrupt();
    }
}
