/*
 * The TCB decoders, one file per concern: register access (src/object/tcb_registers.c),
 * thread control and scheduling parameters (src/object/tcb_control.c); the dispatch
 * and the remaining operations are in src/object/tcb_invocation.c.
 */
#pragma once

#include <object/structures.h>

exception_t decodeReadRegisters(cap_t cap, word_t length, bool_t call, word_t *buffer);
exception_t decodeWriteRegisters(cap_t cap, word_t length, word_t *buffer);
exception_t decodeCopyRegisters(cap_t cap, word_t length, word_t *buffer);

exception_t decodeTCBConfigure(cap_t cap, word_t length, cte_t *slot, word_t *buffer);
exception_t decodeSetSpace(cap_t cap, word_t length, cte_t *slot, word_t *buffer);
exception_t decodeSetIPCBuffer(cap_t cap, word_t length, cte_t *slot, word_t *buffer);
/* SetPriority (mcp false) or SetMCPriority (mcp true) */
exception_t decodeSetPriority(cap_t cap, word_t length, word_t *buffer, bool_t mcp);
exception_t decodeSetSchedParams(cap_t cap, word_t length, cte_t *slot, word_t *buffer);
#ifdef CONFIG_KERNEL_MCS
exception_t decodeSetTimeoutEndpoint(cap_t cap, cte_t *slot);
#endif
