/*
 * Larch's own figures beside sel4bench's: a null system call and a Signal nobody waits
 * for, the minimum and median over REPS calls, timed around the libsel4 call from user
 * space. And the placeholders for sel4bench's signal and fault applications, which
 * measure what fastpaths Larch does not have yet.
 */
#include <harness.h>

#define REPS 256

static seL4_Word samples[REPS];

static inline seL4_Word cycles(void)
{
    seL4_Word c;
    __asm__ volatile("rdcycle %0" : "=r"(c));
    return c;
}

static void report(const char *name)
{
    for (int i = 1; i < REPS; i++) {    /* insertion sort: REPS is small */
        seL4_Word v = samples[i];
        int j = i - 1;
        while (j >= 0 && samples[j] > v) {
            samples[j + 1] = samples[j];
            j--;
        }
        samples[j + 1] = v;
    }
    printf("BENCH|extra|%s|%lu|%lu\n", name, (unsigned long)samples[0],
           (unsigned long)samples[REPS / 2]);
}

int extras_bench(void)
{
    for (int i = 0; i < REPS; i++) {
        seL4_Word t0 = cycles();
        seL4_Yield();
        samples[i] = cycles() - t0;
    }
    report("Yield (null syscall)");

    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    if (!ntfn) {
        printf("bench: cannot make a notification\n");
        return 1;
    }
    for (int i = 0; i < REPS; i++) {
        seL4_Word t0 = cycles();
        seL4_Signal(ntfn);
        samples[i] = cycles() - t0;
        seL4_Poll(ntfn, NULL);
    }
    report("Signal (no waiter)");

    /* sel4bench's signal application: seL4_Signal to a waiting higher-priority thread */
#ifdef CONFIG_SIGNAL_FASTPATH
    printf("BENCH|na|signal|Signal to high prio thread|not measured yet\n");
#else
    printf("BENCH|na|signal|Signal to high prio thread|no signal fastpath yet\n");
#endif
    /* sel4bench's fault application: a VM fault to its handler, and the handler's reply */
#ifdef CONFIG_EXCEPTION_FASTPATH
    const char *why = "not measured yet";
#else
    const char *why = "no fault fastpath yet";
#endif
    printf("BENCH|na|fault|faulter -> fault handler|%s\n", why);
    printf("BENCH|na|fault|fault handler -> faulter|%s\n", why);
    printf("BENCH|na|fault|fault round trip|%s\n", why);
    return 0;
}
