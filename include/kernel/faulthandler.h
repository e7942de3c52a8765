/*
 * Delivering faults to a thread's fault handler.
 */
#pragma once

#include <object/structures.h>

void handleFault(tcb_t *tptr);
#ifdef CONFIG_KERNEL_MCS
bool_t validTimeoutHandler(tcb_t *tptr);
void handleTimeout(tcb_t *tptr);
#endif
#ifdef CONFIG_PRINTING
void print_fault(seL4_Fault_t f);
#endif
