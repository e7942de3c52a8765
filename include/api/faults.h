/*
 * Fault messages (src/api/faults.c): what a fault handler receives, and what its
 * reply does to the faulting thread.
 */
#pragma once

#include <object/structures.h>

word_t setMRs_fault(tcb_t *sender, tcb_t *receiver, word_t *receiveIPCBuffer);
bool_t handleFaultReply(tcb_t *receiver, tcb_t *sender);
