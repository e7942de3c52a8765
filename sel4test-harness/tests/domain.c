/*
 * DomainSet invocations (DOMAINS ground): moving threads, and configuring the domain
 * schedule, with their errors.
 */
#include <harness.h>

static int test_domain_set(harness_env_t *env)
{
    (void)env;
    seL4_CPtr tcb = alloc_object(seL4_TCBObject, 0);
    test_eq(seL4_DomainSet_Set(seL4_CapDomain, CONFIG_NUM_DOMAINS, tcb), seL4_InvalidArgument);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_DomainSet_Set(seL4_CapDomain, 0, seL4_CapInitThreadCNode), seL4_InvalidArgument);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_DomainSet_Set(seL4_CapDomain, 0, tcb), seL4_NoError);
    test_eq(seL4_DomainSet_Set(seL4_CapDomain, 0, seL4_CapInitThreadTCB), seL4_NoError);
    /* only the domain cap has these */
    seL4_MessageInfo_t info = seL4_Call(seL4_CapDomain, seL4_MessageInfo_new(UntypedRetype, 0, 0, 0));
    test_eq(seL4_MessageInfo_get_label(info), seL4_IllegalOperation);
    return test_result();
}
DEFINE_TEST(DOMAINS0001, "DomainSet_Set and its errors", test_domain_set, true);

#define DURATION_MAX ((1ul << 56) - 1)

static int test_domain_schedule(harness_env_t *env)
{
    (void)env;
    const seL4_Word len = CONFIG_NUM_DOMAIN_SCHEDULES;
    test_eq(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, len - 1, 0, 5), seL4_RangeError);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_GetMR(1), len - 2);
    test_eq(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, CONFIG_NUM_DOMAINS, 5),
            seL4_RangeError);
    test_eq(seL4_GetMR(1), CONFIG_NUM_DOMAINS - 1);
    test_eq(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, 1ul << 56),
            seL4_InvalidArgument);
    test_eq(seL4_GetMR(0), 2);
    /* the start entry cannot become the end marker */
    test_eq(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, 0), seL4_InvalidArgument);
    test_eq(seL4_GetMR(0), 2);
    test_eq(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, 10), seL4_NoError);
    test_eq(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, len), seL4_RangeError);
    test_eq(seL4_GetMR(1), len - 1);
    test_eq(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, len - 1), seL4_InvalidArgument);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, 0), seL4_NoError);
    /* back to the boot schedule: domain 0 for the longest duration there is */
    test_eq(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, DURATION_MAX), seL4_NoError);
    return test_result();
}
DEFINE_TEST(DOMAINS0002, "Configuring the domain schedule", test_domain_schedule, true);

static volatile seL4_Word other_domain_count;

static void count_in_domain(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    for (;;) {
        other_domain_count++;
    }
}

static inline seL4_Word now(void)
{
    seL4_Word t;
    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
}

/* With two domains in the schedule, a thread of the other domain gets its turns. */
static int test_domain_rotation(harness_env_t *env)
{
    (void)env;
    helper_thread_t t;
    other_domain_count = 0;
    test_check(helper_start(&t, seL4_MaxPrio, 0, count_in_domain, 0, 0));
    test_eq(seL4_DomainSet_Set(seL4_CapDomain, 1, t.tcb), seL4_NoError);
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    /* nothing of domain 1 runs while the schedule has only domain 0 */
    for (int i = 0; i < 10; i++) {
        seL4_Yield();
    }
    test_eq(other_domain_count, 0);
    /* the boot entry lasts for ever: give domain 0 two ticks, then domain 1 one */
    test_eq(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, 2), seL4_NoError);
    test_eq(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 1, 1, 1), seL4_NoError);
    /* a change to the running entry applies when it is next reached: restart now */
    test_eq(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, 0), seL4_NoError);
    /* spin through a few domain switches (a hang guard, not a time bound) */
    for (seL4_Word limit = now() + 100000000; !other_domain_count && now() < limit;) {
    }
    test_check(other_domain_count > 0);
    /* back to the one-domain schedule */
    test_eq(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 1, 0, 0), seL4_NoError);
    test_eq(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, DURATION_MAX), seL4_NoError);
    test_eq(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, 0), seL4_NoError);
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    return test_result();
}
DEFINE_TEST(DOMAINS0003, "Threads of another domain run in that domain's time",
            test_domain_rotation, CONFIG_NUM_DOMAINS > 1);

/*
 * ScheduleSetStart takes effect at once, as in seL4 16.0.0: the current entry ends and
 * the schedule restarts at the new index. Entry 0 (domain 0) lasts for ever, so without
 * the switch the domain-1 thread would never run; with it, it runs for its entry's two
 * ticks before entry 2 hands the CPU back to domain 0.
 */
static int test_domain_set_start_now(harness_env_t *env)
{
    (void)env;
    helper_thread_t t;
    other_domain_count = 0;
    test_check(helper_start(&t, seL4_MaxPrio, 0, count_in_domain, 0, 0));
    test_eq(seL4_DomainSet_Set(seL4_CapDomain, 1, t.tcb), seL4_NoError);
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
    test_eq(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 1, 1, 2), seL4_NoError);
    test_eq(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 2, 0, DURATION_MAX), seL4_NoError);
    for (int i = 0; i < 10; i++) {
        seL4_Yield();
    }
    test_eq(other_domain_count, 0);
    test_eq(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, 1), seL4_NoError);
    /* we run again only once domain 1's entry is over */
    test_check(other_domain_count > 0);
    /* back to the boot schedule, switching at once again */
    test_eq(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, 0), seL4_NoError);
    test_eq(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 2, 0, 0), seL4_NoError);
    test_eq(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 1, 0, 0), seL4_NoError);
    seL4_Word seen = other_domain_count;
    for (int i = 0; i < 10; i++) {
        seL4_Yield();
    }
    test_eq(other_domain_count, seen);
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    return test_result();
}
DEFINE_TEST(DOMAINS0004, "ScheduleSetStart switches to the new start at once",
            test_domain_set_start_now, CONFIG_NUM_DOMAINS > 1);
