/*
 * The kernel timer: SBI set_timer on the rdtime clock.
 */
#pragma once

#include <basic_types.h>

typedef uint64_t ticks_t;

void initTimer(void);
/* periodic tick (non-MCS) */
void resetTimer(void);
/* one-shot deadlines, in time-base ticks (the MCS scheduler's interface) */
ticks_t getCurrentTime(void);
void setDeadline(ticks_t deadline);
