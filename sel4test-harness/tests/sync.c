/*
 * Synchronisation built on notifications (SYNC ground): a binary semaphore guarding a
 * shared counter updated by several threads in a non-atomic way.
 */
#include <harness.h>

static seL4_CPtr sem;
static volatile seL4_Word shared_counter;
static volatile int finished;

static void sem_wait(void)
{
    seL4_Wait(sem, NULL);
}

static void sem_post(void)
{
    seL4_Signal(sem);
}

static void worker(seL4_Word rounds, seL4_Word unused)
{
    (void)unused;
    for (seL4_Word i = 0; i < rounds; i++) {
        sem_wait();
        seL4_Word v = shared_counter;
        seL4_Yield();               /* invite interference inside the critical section */
        shared_counter = v + 1;
        sem_post();
    }
    finished++;
}

static int test_semaphore(harness_env_t *env)
{
    (void)env;
    sem = alloc_object(seL4_NotificationObject, 0);
    shared_counter = 0;
    finished = 0;
    sem_post();   /* the semaphore starts free */
    helper_thread_t t[3];
    for (int i = 0; i < 3; i++) {
        test_check(helper_start(&t[i], 100, 0, worker, 50, 0));
        test_eq(seL4_TCB_Resume(t[i].tcb), seL4_NoError);
    }
    /* step aside until they are done */
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 50), seL4_NoError);
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio),
            seL4_NoError);
    test_eq(finished, 3);
    test_eq(shared_counter, 150);
    return test_result();
}
DEFINE_TEST(SYNC0001, "A semaphore made of a notification keeps a counter consistent",
            test_semaphore, true);
