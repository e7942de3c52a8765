/*
 * Reply objects and call chains (MCS).
 *
 * A Call leaves the caller BlockedOnReply on the reply object its callee received
 * with. If the caller lent its scheduling context, the reply joins that SC's chain:
 * sc->scReply is the newest reply, each reply's replyPrev the one before it, and the
 * newest reply's replyNext names the SC (isHead). Replying through the newest reply
 * gives the SC back to its caller; a reply deleted from the middle breaks the chain
 * there, and the SC stays where it is.
 */
#include <config.h>

#ifdef CONFIG_KERNEL_MCS

#include <object/reply.h>
#include <object/schedcontext.h>
#include <kernel/thread.h>

void reply_push(tcb_t *caller, tcb_t *callee, reply_t *reply, bool_t canDonate)
{
    sched_context_t *donated = caller->tcbSchedContext;
    assert(reply->replyTCB == NULL);
    assert(call_stack_get_callStackPtr(reply->replyPrev) == 0 &&
           call_stack_get_callStackPtr(reply->replyNext) == 0);

    reply->replyTCB = caller;
    setThreadStateBlockedOnReply(caller, reply);

    if (donated && callee->tcbSchedContext == NULL && canDonate) {
        reply_t *older = donated->scReply;
        assert(older == NULL ||
               SC_PTR(call_stack_get_callStackPtr(older->replyNext)) == donated);
        if (older) {
            older->replyNext = call_stack_new(0, REPLY_REF(reply));
        }
        reply->replyPrev = call_stack_new(0, REPLY_REF(older));
        reply->replyNext = call_stack_new(1, SC_REF(donated));
        donated->scReply = reply;
        schedContext_donate(donated, callee);
    }
}

void reply_pop(reply_t *reply, tcb_t *tcb)
{
    assert(reply->replyTCB == tcb);
    assert(thread_state_get_tsType(tcb->tcbState) == ThreadState_BlockedOnReply);
    word_t next = call_stack_get_callStackPtr(reply->replyNext);
    word_t prev = call_stack_get_callStackPtr(reply->replyPrev);
    assert(next && call_stack_get_isHead(reply->replyNext));

    SC_PTR(next)->scReply = REPLY_PTR(prev);
    if (prev) {
        REPLY_PTR(prev)->replyNext = reply->replyNext;
    }
    reply->replyNext = call_stack_new(0, 0);
    reply->replyPrev = call_stack_new(0, 0);
    /* a caller that got another SC meanwhile keeps that one */
    if (tcb->tcbSchedContext == NULL) {
        schedContext_donate(SC_PTR(next), tcb);
    }
    reply_unlink(reply, tcb);
}

void reply_remove(reply_t *reply, tcb_t *tcb)
{
    assert(reply->replyTCB == tcb);
    assert(thread_state_get_tsType(tcb->tcbState) == ThreadState_BlockedOnReply);
    word_t next = call_stack_get_callStackPtr(reply->replyNext);
    word_t prev = call_stack_get_callStackPtr(reply->replyPrev);
    if (likely(next && call_stack_get_isHead(reply->replyNext))) {
        reply_pop(reply, tcb);
        return;
    }
    if (next) {
        REPLY_PTR(next)->replyPrev = call_stack_new(0, 0);
    }
    if (prev) {
        REPLY_PTR(prev)->replyNext = call_stack_new(0, 0);
    }
    reply->replyPrev = call_stack_new(0, 0);
    reply->replyNext = call_stack_new(0, 0);
    reply_unlink(reply, tcb);
}

void reply_remove_tcb(tcb_t *tcb)
{
    assert(thread_state_get_tsType(tcb->tcbState) == ThreadState_BlockedOnReply);
    reply_t *reply = REPLY_PTR(thread_state_get_replyObject(tcb->tcbState));
    word_t next = call_stack_get_callStackPtr(reply->replyNext);
    word_t prev = call_stack_get_callStackPtr(reply->replyPrev);
    if (next) {
        if (call_stack_get_isHead(reply->replyNext)) {
            SC_PTR(next)->scReply = NULL;
        } else {
            REPLY_PTR(next)->replyPrev = call_stack_new(0, 0);
        }
    }
    if (prev) {
        REPLY_PTR(prev)->replyNext = call_stack_new(0, 0);
    }
    reply->replyPrev = call_stack_new(0, 0);
    reply->replyNext = call_stack_new(0, 0);
    reply_unlink(reply, tcb);
}

#endif /* CONFIG_KERNEL_MCS */
