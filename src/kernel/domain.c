/*
 * Scheduling domains: the domain schedule says which domain runs and for how many
 * timer ticks. An entry of duration 0 ends the schedule: the kernel goes back to the
 * start index. User space changes it through the DomainSet invocations
 * (src/object/domain.c).
 */
#include <kernel/domain.h>
#include <kernel/thread.h>

/* the last entry is always an end marker, and at least one entry can be configured */
compile_assert(domain_schedule_has_room, CONFIG_NUM_DOMAIN_SCHEDULES >= 2);

/* Until user space configures one, domain 0 runs for as long as a duration can say. */
dschedule_t ksDomSchedule[CONFIG_NUM_DOMAIN_SCHEDULES] = {
    [0] = { .domain = 0, .length = DOMAIN_DURATION_MAX },
};
word_t ksDomScheduleIdx;
word_t ksDomScheduleStart;

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
