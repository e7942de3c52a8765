/*
 * Scheduling domains and the domain schedule.
 */
#pragma once

#include <object/structures.h>

typedef struct dschedule {
    dom_t domain;
    word_t length;      /* timer ticks; 0 marks the end of the schedule */
} dschedule_t;

extern dschedule_t ksDomSchedule[CONFIG_NUM_DOMAIN_SCHEDULES];
extern word_t ksDomScheduleIdx;
extern word_t ksDomScheduleStart;

void initDomainSchedule(void);
void nextDomain(void);

/* the longest duration an entry can say: the boot entry's (seL4's src/object/domain.c) */
#define DOMAIN_DURATION_MAX (BIT(56) - 1)

static inline bool_t isEndMarker(word_t idx)
{
    return ksDomSchedule[idx].length == 0;
}
