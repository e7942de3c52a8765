/*
 * Scheduling domains, the domain schedule, and the DomainSet invocations.
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
exception_t decodeDomainInvocation(word_t invLabel, word_t length, word_t *buffer);
