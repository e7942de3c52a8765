/*
 * Reply objects (MCS): the call stack between callers and callees.
 */
#pragma once

#include <config.h>
#include <object/structures.h>

#ifdef CONFIG_KERNEL_MCS
#include <kernel/thread.h>

/* Break the link between a reply object and the thread waiting on or with it. */
static inline void reply_unlink(reply_t *reply, tcb_t *tcb)
{
    assert(thread_state_get_tsType(tcb->tcbState) == ThreadState_BlockedOnReceive ||
           thread_state_get_tsType(tcb->tcbState) == ThreadState_BlockedOnReply);
    assert(reply->replyTCB == tcb);
    assert(thread_state_get_replyObject(tcb->tcbState) == REPLY_REF(reply));
    reply->replyTCB = NULL;
    setThreadState(tcb, ThreadState_Inactive);
}

/* caller blocks on reply; its SC goes to callee if callee has none and canDonate */
void reply_push(tcb_t *caller, tcb_t *callee, reply_t *reply, bool_t canDonate);
/* reply (the newest of its chain) answered: the SC goes back to tcb */
void reply_pop(reply_t *reply, tcb_t *tcb);
/* reply leaves its chain wherever it is */
void reply_remove(reply_t *reply, tcb_t *tcb);
/* tcb, blocked on a reply, leaves the chain */
void reply_remove_tcb(tcb_t *tcb);
#endif
