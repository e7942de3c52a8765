/*
 * Scheduling contexts (MCS): binding to threads and notifications, lending along
 * call chains, and the SchedContext and SchedControl invocations.
 */
#pragma once

#include <config.h>
#include <object/structures.h>

#ifdef CONFIG_KERNEL_MCS
exception_t decodeSchedContextInvocation(word_t label, sched_context_t *sc, bool_t call);
exception_t decodeSchedControlInvocation(word_t label, cap_t cap, word_t length,
                                         word_t *buffer);

/* sc's thread, if it can run but has no budget ready, waits in the release queue */
void schedContext_resume(sched_context_t *sc);
void schedContext_bindTCB(sched_context_t *sc, tcb_t *tcb);
void schedContext_unbindTCB(sched_context_t *sc);
void schedContext_unbindAllTCBs(sched_context_t *sc);
/* lend sc to thread to (taking it from whoever has it) */
void schedContext_donate(sched_context_t *sc, tcb_t *to);
void schedContext_bindNtfn(sched_context_t *sc, notification_t *ntfn);
void schedContext_unbindNtfn(sched_context_t *sc);
void schedContextMaybeUnbindNtfn(notification_t *ntfn);
void schedContext_unbindReply(sched_context_t *sc);
/* the consumed time in microseconds, and the counter restarted */
uint64_t schedContext_updateConsumed(sched_context_t *sc);
void schedContext_cancelYieldTo(tcb_t *tcb);
void schedContext_completeYieldTo(tcb_t *yielder);

/* A passive thread woken through a notification runs on the notification's SC. */
void maybeDonateSchedContext(tcb_t *tcb, notification_t *ntfn);
/* ...and gives it back when it waits again. */
void maybeReturnSchedContext(notification_t *ntfn, tcb_t *tcb);
#endif
