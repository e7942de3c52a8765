/*
 * Endpoints: FIFO queues of senders or receivers.
 */
#pragma once

#include <object/structures.h>
#include <model/statedata.h>

static inline tcb_queue_t ep_ptr_get_queue(endpoint_t *epptr)
{
    return (tcb_queue_t){ .head = (tcb_t *)endpoint_ptr_get_epQueue_head(epptr),
                          .end = (tcb_t *)endpoint_ptr_get_epQueue_tail(epptr) };
}

static inline void ep_ptr_set_queue(endpoint_t *epptr, tcb_queue_t q)
{
    endpoint_ptr_set_epQueue_head(epptr, (word_t)q.head);
    endpoint_ptr_set_epQueue_tail(epptr, (word_t)q.end);
}

#ifdef CONFIG_KERNEL_MCS
/*
 * MCS endpoint and notification queues are in priority order, FIFO among equals:
 * a thread goes behind the last thread of its priority or higher.
 */
static inline tcb_queue_t tcbEPAppend(tcb_t *tcb, tcb_queue_t queue)
{
    tcb_t *after = queue.end;
    while (after && after->tcbPriority < tcb->tcbPriority) {
        after = after->tcbEPPrev;
    }
    tcb_t *before = after ? after->tcbEPNext : queue.head;
    tcb->tcbEPPrev = after;
    tcb->tcbEPNext = before;
    if (after) {
        after->tcbEPNext = tcb;
    } else {
        queue.head = tcb;
    }
    if (before) {
        before->tcbEPPrev = tcb;
    } else {
        queue.end = tcb;
    }
    return queue;
}
#else
/* Endpoint queue links, inline for the IPC fastpath. */
static inline tcb_queue_t tcbEPAppend(tcb_t *tcb, tcb_queue_t queue)
{
    if (!queue.head) {
        queue.head = tcb;
    } else {
        queue.end->tcbEPNext = tcb;
    }
    tcb->tcbEPPrev = queue.end;
    tcb->tcbEPNext = NULL;
    queue.end = tcb;
    return queue;
}
#endif

static inline tcb_queue_t tcbEPDequeue(tcb_t *tcb, tcb_queue_t queue)
{
    if (tcb->tcbEPPrev) {
        tcb->tcbEPPrev->tcbEPNext = tcb->tcbEPNext;
    } else {
        queue.head = tcb->tcbEPNext;
    }
    if (tcb->tcbEPNext) {
        tcb->tcbEPNext->tcbEPPrev = tcb->tcbEPPrev;
    } else {
        queue.end = tcb->tcbEPPrev;
    }
    tcb->tcbEPNext = tcb->tcbEPPrev = NULL;
    return queue;
}

void cancelIPC(tcb_t *tptr);
void cancelAllIPC(endpoint_t *epptr);
void cancelBadgedSends(endpoint_t *epptr, word_t badge);

#ifdef CONFIG_KERNEL_MCS
void sendIPC(bool_t blocking, bool_t do_call, word_t badge, bool_t canGrant,
             bool_t canGrantReply, bool_t canDonate, tcb_t *thread, endpoint_t *epptr);
void receiveIPC(tcb_t *thread, cap_t cap, bool_t isBlocking, cap_t replyCap);
/* a queued thread's priority changed: move it to its new place */
void reorderEP(endpoint_t *epptr, tcb_t *thread);
#else
void sendIPC(bool_t blocking, bool_t do_call, word_t badge, bool_t canGrant,
             bool_t canGrantReply, tcb_t *thread, endpoint_t *epptr);
void receiveIPC(tcb_t *thread, cap_t cap, bool_t isBlocking);
#endif
void doNBRecvFailedTransfer(tcb_t *thread);
