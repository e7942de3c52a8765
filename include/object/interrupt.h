/*
 * Interrupt state: who owns each IRQ number and which notification it signals.
 */
#pragma once

#include <object/structures.h>
#include <plat/irq.h>

enum irq_state {
    IRQInactive = 0,
    IRQSignal = 1,
    IRQTimer = 2,
};

extern word_t intStateIRQTable[INT_STATE_ARRAY_SIZE];
extern cte_t intStateIRQNode[INT_STATE_ARRAY_SIZE];

void initIRQState(void);
void handleInterruptEntry(void);
void handleInterrupt(irq_t irq);
void handleInterruptFromPreemption(void);
void deletingIRQHandler(irq_t irq);
void deletedIRQHandler(irq_t irq);
exception_t decodeIRQControlInvocation(word_t invLabel, word_t length, cte_t *srcSlot,
                                       word_t *buffer);
exception_t decodeIRQHandlerInvocation(word_t invLabel, irq_t irq);
