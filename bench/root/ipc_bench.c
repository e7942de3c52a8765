/*
 * Kernel benchmarks, run as the root task under QEMU with -icount shift=0, where one
 * cycle is one instruction: rdcycle differences are exact instruction counts.
 *
 * Each result is the minimum and the median over many repetitions of the cycles one
 * operation takes, as seen from user space (including the libsel4 stub).
 */
#include <harness.h>

#define REPS 256

static inline seL4_Word cycles(void)
{
    seL4_Word c;
    __asm__ volatile("rdcycle %0" : "=r"(c));
    return c;
}

static seL4_Word samples[REPS];

static void report(const char *name, seL4_Word divisor)
{
    /* insertion sort: REPS is small */
    for (int i = 1; i < REPS; i++) {
        seL4_Word v = samples[i];
        int j = i - 1;
        while (j >= 0 && samples[j] > v) {
            samples[j + 1] = samples[j];
            j--;
        }
        samples[j + 1] = v;
    }
    printf("BENCH %-28s min %6lu  median %6lu cycles\n", name, samples[0] / divisor,
           samples[REPS / 2] / divisor);
}

static seL4_CPtr ep;
#ifdef CONFIG_KERNEL_MCS
static seL4_CPtr reply;
#endif

static void echo(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    seL4_Word badge;
#ifndef CONFIG_KERNEL_MCS
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    for (;;) {
        info = seL4_ReplyRecv(ep, info, &badge);
    }
#else
    /* MCS: a server with a reply object; made passive, it runs on its callers' SC */
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge, reply);
    for (;;) {
        info = seL4_ReplyRecv(ep, info, &badge, reply);
    }
#endif
}

void bench_main(void);

int bench_run(harness_env_t *env)
{
    (void)env;
    /* a system call that does nothing but enter and leave the kernel */
    for (int i = 0; i < REPS; i++) {
        seL4_Word t0 = cycles();
        seL4_Yield();
        samples[i] = cycles() - t0;
    }
    report("Yield (null syscall)", 1);

    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    for (int i = 0; i < REPS; i++) {
        seL4_Word t0 = cycles();
        seL4_Signal(ntfn);
        samples[i] = cycles() - t0;
        seL4_Poll(ntfn, NULL);
    }
    report("Signal (no waiter)", 1);

    ep = alloc_object(seL4_EndpointObject, 0);
#ifdef CONFIG_KERNEL_MCS
    reply = alloc_object(seL4_ReplyObject, 0);
#endif
    helper_thread_t t;
    if (!helper_start(&t, seL4_MaxPrio, 0, echo, 0, 0) || seL4_TCB_Resume(t.tcb)) {
        printf("bench: cannot start the server\n");
        return 1;
    }
    seL4_Yield();
#ifdef CONFIG_KERNEL_MCS
    /* blocked in Recv now: passive from here on, as sel4bench's MCS IPC servers are */
    if (seL4_SchedContext_UnbindObject(t.sc, t.tcb)) {
        printf("bench: cannot make the server passive\n");
        return 1;
    }
#endif
    for (seL4_Word len = 0; len <= 4; len += 4) {
        for (int i = 0; i < REPS; i++) {
            seL4_Word t0 = cycles();
            seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, len));
            samples[i] = cycles() - t0;
        }
        report(len ? "Call+ReplyRecv, 4 words" : "Call+ReplyRecv, 0 words", 1);
    }
    return 0;
}
