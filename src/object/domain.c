/*
 * DomainSet invocations (seL4's src/object/domain.c): Set moves a thread between
 * domains; ScheduleConfigure and ScheduleSetStart change the domain schedule
 * (src/kernel/domain.c).
 */
#include <object/domain.h>
#include <kernel/domain.h>
#include <kernel/thread.h>
#include <object/invocation.h>
#include <api/failures.h>
#include <api/message.h>
#include <kernel/usererror.h>

static exception_t invokeSetDomain(tcb_t *tptr, dom_t dom)
{
    tcbSchedDequeue(tptr);
    tptr->tcbDomain = dom;
    if (isSchedulable(tptr)) {
        tcbSchedEnqueue(tptr);
    }
    if (tptr == ksCurThread) {
        rescheduleRequired();
    }
    return EXCEPTION_NONE;
}

static exception_t decodeSetDomain(word_t length, word_t *buffer)
{
    if (length == 0) {
        userErrorTruncated("DomainSet Set", length, 1, 1);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t domain = getSyscallArg(0, buffer);
    if (domain >= CONFIG_NUM_DOMAINS) {
        userError("DomainSet Set: domain %lu does not exist (%lu domains).", domain,
                  (word_t)CONFIG_NUM_DOMAINS);
        return syscall_error_invalid_argument(0);
    }
    if (current_extra_caps.excaprefs[0] == NULL) {
        userErrorTruncated("DomainSet Set", length, 1, 1);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    cap_t tcap = current_extra_caps.excaprefs[0]->cap;
    if (cap_get_capType(tcap) != cap_thread_cap) {
        userError("DomainSet Set: the thread cap is of type %lu, not a TCB.",
                  (word_t)cap_get_capType(tcap));
        return syscall_error_invalid_argument(1);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeSetDomain(TCB_PTR(cap_thread_cap_get_capTCBPtr(tcap)), domain);
}

static exception_t invokeScheduleConfigure(word_t index, dom_t domain, word_t duration)
{
    ksDomSchedule[index] = (dschedule_t){ .domain = domain, .length = duration };
    return EXCEPTION_NONE;
}

static exception_t decodeScheduleConfigure(word_t length, word_t *buffer)
{
    if (length < 3) {
        userErrorTruncated("DomainSet ScheduleConfigure", length, 3, 0);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t index = getSyscallArg(0, buffer);
    word_t domain = getSyscallArg(1, buffer);    /* the whole word is range-checked */
    word_t duration = getSyscallArg(2, buffer);
    /* the last entry always stays an end marker */
    if (index >= CONFIG_NUM_DOMAIN_SCHEDULES - 1) {
        userError("DomainSet ScheduleConfigure: entry %lu is past the last configurable "
                  "entry %lu.", index, (word_t)CONFIG_NUM_DOMAIN_SCHEDULES - 2);
        return syscall_error_range(0, CONFIG_NUM_DOMAIN_SCHEDULES - 2);
    }
    if (domain >= CONFIG_NUM_DOMAINS) {
        userError("DomainSet ScheduleConfigure: domain %lu does not exist (%lu domains).",
                  domain, (word_t)CONFIG_NUM_DOMAINS);
        return syscall_error_range(0, CONFIG_NUM_DOMAINS - 1);
    }
    if (duration > DOMAIN_DURATION_MAX) {
        userError("DomainSet ScheduleConfigure: duration 0x%lx does not fit in 56 bits.",
                  duration);
        return syscall_error_invalid_argument(2);
    }
    if (duration == 0 && domain != 0) {
        userError("DomainSet ScheduleConfigure: an end marker (duration 0) must name domain 0, "
                  "not %lu.", domain);
        return syscall_error_invalid_argument(1);
    }
    if (duration == 0 && index == ksDomScheduleStart) {
        userError("DomainSet ScheduleConfigure: entry %lu is the schedule's start and cannot "
                  "become an end marker.", index);
        return syscall_error_invalid_argument(2);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeScheduleConfigure(index, domain, duration);
}

/*
 * The new start takes effect at once: the current entry ends now, and the index is put
 * just before the end marker that always closes the table, so the next domain switch
 * wraps to the new start.
 */
static exception_t invokeScheduleSetStart(word_t index)
{
    ksDomScheduleStart = index;
    ksDomainTime = 0;
    ksDomScheduleIdx = CONFIG_NUM_DOMAIN_SCHEDULES - 2;
    rescheduleRequired();
    return EXCEPTION_NONE;
}

static exception_t decodeScheduleSetStart(word_t length, word_t *buffer)
{
    if (length < 1) {
        userErrorTruncated("DomainSet ScheduleSetStart", length, 1, 0);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    word_t index = getSyscallArg(0, buffer);
    if (index >= CONFIG_NUM_DOMAIN_SCHEDULES) {
        userError("DomainSet ScheduleSetStart: entry %lu is past the schedule's %lu entries.",
                  index, (word_t)CONFIG_NUM_DOMAIN_SCHEDULES);
        return syscall_error_range(0, CONFIG_NUM_DOMAIN_SCHEDULES - 1);
    }
    if (isEndMarker(index)) {
        userError("DomainSet ScheduleSetStart: entry %lu is an end marker.", index);
        return syscall_error_invalid_argument(0);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeScheduleSetStart(index);
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
        userError("DomainSet: label %lu is not a DomainSet invocation.", invLabel);
        return syscall_error_simple(seL4_IllegalOperation);
    }
}
