/*
 * Larch's own figures beside sel4bench's: a null system call and a Signal nobody waits
 * for, the minimum and median over REPS calls, timed around the libsel4 call from user
 * space. (sel4bench's signal and fault applications: fastpath_bench.c.)
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

    return 0;
}
