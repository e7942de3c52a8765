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
    t->tcb = alloc_object(seL4_TCBObject, 0);
    t->ipc_buffer = alloc_mapped_frame(&t->ipc_frame);
    char *stack = NULL;
    for (int i = 0; i < STACK_PAGES; i++) {
        char *page = alloc_mapped_frame(NULL);
        if (!page) {
            return false;
        }
        stack = stack ? stack : page;
    }
    char *tls = alloc_mapped_frame(NULL);
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
    err = seL4_TCB_Configure(t->tcb, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0,
                             (seL4_Word)t->ipc_buffer, t->ipc_frame);
#else
    err = seL4_TCB_Configure(t->tcb, fault_ep, seL4_CapInitThreadCNode, 0,
                             seL4_CapInitThreadVSpace, 0, (seL4_Word)t->ipc_buffer, t->ipc_frame);
#endif
    if (err != seL4_NoError) {
        printf("harness: TCB_Configure failed: %d\n", err);
        return false;
    }
    err = seL4_TCB_SetPriority(t->tcb, seL4_CapInitThreadTCB, prio);
    if (err != seL4_NoError) {
        printf("harness: TCB_SetPriority failed: %d\n", err);
        return false;
    }
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
