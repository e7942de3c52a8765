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
    return test_result();
}
DEFINE_TEST(DOMAINS0002, "Configuring the domain schedule", test_domain_schedule, true);
