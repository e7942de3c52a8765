/*
 * Scheduling domains: DomainSet_Set moves a thread between domains; the domain
 * schedule (configured at run time through DomainSet_ScheduleConfigure/SetStart) says
 * which domain runs and for how many timer ticks. An entry of duration 0 ends the
 * schedule: the kernel goes back to the start index.
 */
#include <kernel/domain.h>
#include <kernel/thread.h>
#include <object/invocation.h>
#include <api/failures.h>
#include <api/message.h>

#define DOMAIN_DURATION_MAX (BIT(56) - 1)

/* the last entry is always an end marker, and at least one entry can be configured */
compile_assert(domain_schedule_has_room, CONFIG_NUM_DOMAIN_SCHEDULES >= 2);

/* Until user space configures one, domain 0 runs for as long as a duration can say. */
dschedule_t ksDomSchedule[CONFIG_NUM_DOMAIN_SCHEDULES] = {
    [0] = { .domain = 0, .length = DOMAIN_DURATION_MAX },
};
word_t ksDomScheduleIdx;
word_t ksDomScheduleStart;

static bool_t isEndMarker(word_t idx)
{
    return ksDomSchedule[idx].length == 0;
}

BOOT_CODE void initDomainSchedule(void)
{
    ksDomScheduleIdx = ksDomScheduleStart = 0;
    ksCurDomain = ksDomSchedule[0].domain;
    ksDomainTime = ksDomSchedule[0].length;
}

/* Move to the next schedule entry, wrapping at the end marker or the end of the table. */
void nextDomain(void)
{
    ksDomScheduleIdx++;
    if (ksDomScheduleIdx >= CONFIG_NUM_DOMAIN_SCHEDULES || isEndMarker(ksDomScheduleIdx)) {
        ksDomScheduleIdx = ksDomScheduleStart;
    }
    ksWorkUnitsCompleted = 0;
    ksCurDomain = ksDomSchedule[ksDomScheduleIdx].domain;
    ksDomainTime = ksDomSchedule[ksDomScheduleIdx].length;
#ifdef CONFIG_KERNEL_MCS
    ksReprogram = true;
#endif
}

static void setDomain(tcb_t *tptr, dom_t dom)
{
    tcbSchedDequeue(tptr);
    tptr->tcbDomain = dom;
    if (isSchedulable(tptr)) {
        tcbSchedEnqueue(tptr);
    }
    if (tptr == ksCurThread) {
        rescheduleRequired();
    }
}

static exception_t decodeSetDomain(word_t length, word_t *buffer)
{
    if (length == 0) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t domain = getSyscallArg(0, buffer);
    if (domain >= CONFIG_NUM_DOMAINS) {
        return syscall_error_invalid_argument(0);
    }
    if (current_extra_caps.excaprefs[0] == NULL) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    cap_t tcap = current_extra_caps.excaprefs[0]->cap;
    if (cap_get_capType(tcap) != cap_thread_cap) {
        return syscall_error_invalid_argument(1);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    setDomain(TCB_PTR(cap_thread_cap_get_capTCBPtr(tcap)), domain);
    return EXCEPTION_NONE;
}

static void invokeScheduleConfigure(word_t index, dom_t domain, word_t duration)
{
    ksDomSchedule[index] = (dschedule_t){ .domain = domain, .length = duration };
}

static exception_t decodeScheduleConfigure(word_t length, word_t *buffer)
{
    if (length < 3) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t index = getSyscallArg(0, buffer);
    word_t domain = getSyscallArg(1, buffer);    /* the whole word is range-checked */
    word_t duration = getSyscallArg(2, buffer);
    /* the last entry always stays an end marker */
    if (index >= CONFIG_NUM_DOMAIN_SCHEDULES - 1) {
        return syscall_error_range(0, CONFIG_NUM_DOMAIN_SCHEDULES - 2);
    }
    if (domain >= CONFIG_NUM_DOMAINS) {
        return syscall_error_range(0, CONFIG_NUM_DOMAINS - 1);
    }
    if (duration > DOMAIN_DURATION_MAX) {
        return syscall_error_invalid_argument(2);
    }
    if (duration == 0 && domain != 0) {
        return syscall_error_invalid_argument(1);
    }
    if (duration == 0 && index == ksDomScheduleStart) {
        return syscall_error_invalid_argument(2);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    invokeScheduleConfigure(index, domain, duration);
    return EXCEPTION_NONE;
}

/*
 * The new start takes effect at once: the current entry ends now, and the index is put
 * just before the end marker that always closes the table, so the next domain switch
 * wraps to the new start.
 */
static void invokeScheduleSetStart(word_t index)
{
    ksDomScheduleStart = index;
    ksDomainTime = 0;
    ksDomScheduleIdx = CONFIG_NUM_DOMAIN_SCHEDULES - 2;
    rescheduleRequired();
}

static exception_t decodeScheduleSetStart(word_t length, word_t *buffer)
{
    if (length < 1) {
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t index = getSyscallArg(0, buffer);
    if (index >= CONFIG_NUM_DOMAIN_SCHEDULES) {
        return syscall_error_range(0, CONFIG_NUM_DOMAIN_SCHEDULES - 1);
    }
    if (isEndMarker(index)) {
        return syscall_error_invalid_argument(0);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    invokeScheduleSetStart(index);
    return EXCEPTION_NONE;
}

exception_t decodeDomainInvocation(word_t invLabel, word_t length, word_t *buffer)
{
    switch (invLabel) {
    case DomainSetSet:
        return decodeSetDomain(length, buffer);
    case DomainScheduleConfigure:
        return decodeScheduleConfigure(length, buffer);
    case DomainScheduleSetStart:
        return decodeScheduleSetStart(length, buffer);
    default:
        return syscall_error_simple(seL4_IllegalOperation);
    }
}
