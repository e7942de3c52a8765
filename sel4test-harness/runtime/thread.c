/*
 * Helper threads in the root task's address space and CSpace, each with its own stack,
 * IPC buffer and TLS block (so libsel4 calls in it use its own IPC buffer).
 */
#include <harness.h>

#define STACK_PAGES 4
#define TLS_SIZE    4096

extern __thread seL4_IPCBuffer *__sel4_ipc_buffer;

static seL4_Word read_tp(void)
{
    seL4_Word tp;
    __asm__ volatile("mv %0, tp" : "=r"(tp));
    return tp;
}

/* New threads start here: a0/a1 are the arguments, a2 the function, a3 its own TCB. */
static void helper_trampoline(seL4_Word arg0, seL4_Word arg1, helper_fn_t fn, seL4_CPtr self)
{
    fn(arg0, arg1);
    /* returning is the end of the thread */
    for (;;) {
        seL4_TCB_Suspend(self);
    }
}

bool helper_start(helper_thread_t *t, seL4_Word prio, seL4_CPtr fault_ep, helper_fn_t fn,
                  seL4_Word arg0, seL4_Word arg1)
{
    return helper_start_in(t, seL4_CapInitThreadVSpace, prio, fault_ep, fn, arg0, arg1);
}

/* A frame mapped in the root VSpace and, if different, shared into vspace too. */
static void *thread_frame(seL4_CPtr vspace, seL4_CPtr *cap)
{
    seL4_CPtr frame;
    void *v = alloc_mapped_frame(&frame);
    if (v && vspace != seL4_CapInitThreadVSpace && !vspace_share(vspace, frame, (seL4_Word)v)) {
        return NULL;
    }
    if (cap) {
        *cap = frame;
    }
    return v;
}

bool helper_start_in(helper_thread_t *t, seL4_CPtr vspace, seL4_Word prio, seL4_CPtr fault_ep,
                     helper_fn_t fn, seL4_Word arg0, seL4_Word arg1)
{
    return helper_start_tcb(t, alloc_object(seL4_TCBObject, 0), vspace, prio, fault_ep, fn,
                            arg0, arg1);
}

bool helper_start_tcb(helper_thread_t *t, seL4_CPtr tcb, seL4_CPtr vspace, seL4_Word prio,
                      seL4_CPtr fault_ep, helper_fn_t fn, seL4_Word arg0, seL4_Word arg1)
{
    t->tcb = tcb;
    t->ipc_buffer = thread_frame(vspace, &t->ipc_frame);
    char *stack = NULL;
    for (int i = 0; i < STACK_PAGES; i++) {
        char *page = thread_frame(vspace, NULL);
        if (!page) {
            return false;
        }
        stack = stack ? stack : page;
    }
    char *tls = thread_frame(vspace, NULL);
    if (!t->tcb || !t->ipc_buffer || !stack || !tls) {
        return false;
    }
    t->stack_top = stack + STACK_PAGES * 4096;

    /* copy our TLS block and point its IPC buffer variable at the new buffer */
    char *my_tls = (char *)read_tp();
    memcpy(tls, my_tls, TLS_SIZE);
    *(seL4_IPCBuffer **)(tls + ((char *)&__sel4_ipc_buffer - my_tls)) = t->ipc_buffer;

    seL4_Error err;
#ifdef CONFIG_KERNEL_MCS
    (void)fault_ep;
    err = seL4_TCB_Configure(t->tcb, seL4_CapInitThreadCNode, 0, vspace, 0,
                             (seL4_Word)t->ipc_buffer, t->ipc_frame);
#else
    err = seL4_TCB_Configure(t->tcb, fault_ep, seL4_CapInitThreadCNode, 0, vspace, 0,
                             (seL4_Word)t->ipc_buffer, t->ipc_frame);
#endif
    if (err != seL4_NoError) {
        printf("harness: TCB_Configure failed: %d\n", err);
        return false;
    }
#ifdef CONFIG_KERNEL_MCS
    /* its own round-robin budget, and fault_ep as its fault handler */
    t->sc = alloc_object(seL4_SchedContextObject, seL4_MinSchedContextBits);
    err = t->sc ? seL4_SchedControl_ConfigureFlags(seL4_GetBootInfo()->schedcontrol.start, t->sc,
                                                   HELPER_BUDGET_US, HELPER_BUDGET_US, 0, 0, 0)
          : seL4_NotEnoughMemory;
    if (err == seL4_NoError) {
        err = seL4_TCB_SetSchedParams(t->tcb, seL4_CapInitThreadTCB, 0, prio, t->sc, fault_ep);
    }
    if (err != seL4_NoError) {
        printf("harness: giving a helper its scheduling context failed: %d\n", err);
        return false;
    }
#else
    err = seL4_TCB_SetPriority(t->tcb, seL4_CapInitThreadTCB, prio);
    if (err != seL4_NoError) {
        printf("harness: TCB_SetPriority failed: %d\n", err);
        return false;
    }
#endif
    seL4_UserContext regs = { 0 };
    regs.pc = (seL4_Word)helper_trampoline;
    regs.sp = (seL4_Word)t->stack_top;
    regs.a0 = arg0;
    regs.a1 = arg1;
    regs.a2 = (seL4_Word)fn;
    regs.a3 = t->tcb;
    regs.tp = (seL4_Word)tls;
    __asm__ volatile("mv %0, gp" : "=r"(regs.gp));
    /* the caller resumes it when ready */
    err = seL4_TCB_WriteRegisters(t->tcb, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
    if (err != seL4_NoError) {
        printf("harness: TCB_WriteRegisters failed: %d\n", err);
        return false;
    }
    return true;
}
