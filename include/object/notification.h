/*
 * Notifications: a word of signal bits and a queue of waiters.
 */
#pragma once

#include <object/structures.h>
#include <model/statedata.h>

static inline tcb_queue_t ntfn_ptr_get_queue(notification_t *ntfnPtr)
{
    return (tcb_queue_t){ .head = (tcb_t *)notification_ptr_get_ntfnQueue_head(ntfnPtr),
                          .end = (tcb_t *)notification_ptr_get_ntfnQueue_tail(ntfnPtr) };
}

static inline void ntfn_ptr_set_queue(notification_t *ntfnPtr, tcb_queue_t q)
{
    notification_ptr_set_ntfnQueue_head(ntfnPtr, (word_t)q.head);
    notification_ptr_set_ntfnQueue_tail(ntfnPtr, (word_t)q.end);
}

void cancelSignal(tcb_t *threadPtr, notification_t *ntfnPtr);
void cancelAllSignals(notification_t *ntfnPtr);
void unbindMaybeNotification(notification_t *ntfnPtr);
void unbindNotification(tcb_t *tcb);
void bindNotification(tcb_t *tcb, notification_t *ntfnPtr);

void sendSignal(notification_t *ntfnPtr, word_t badge);
void receiveSignal(tcb_t *thread, cap_t cap, bool_t isBlocking);
void completeSignal(notification_t *ntfnPtr, tcb_t *tcb);
#ifdef CONFIG_KERNEL_MCS
void reorderNTFN(notification_t *ntfnPtr, tcb_t *thread);
#endif
