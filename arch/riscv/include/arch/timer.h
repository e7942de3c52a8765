/*
 * The kernel timer: SBI set_timer on the rdtime clock.
 */
#pragma once

#include <basic_types.h>

void initTimer(void);
void resetTimer(void);
