/*
 * SchedControl (MCS): the authority to give a scheduling context its budget and
 * period on a core (seL4_SchedControl_ConfigureFlags; seL4's src/object/schedcontrol.c).
 */
#include <config.h>

#ifdef CONFIG_KERNEL_MCS

#include <object/schedcontext.h>
#include <object/invocation.h>
#include <kernel/sporadic.h>
#include <kernel/thread.h>
#include <api/failures.h>
#include <api/message.h>
#include <kernel/usererror.h>

#define SCHED_CONTEXT_SPORADIC_FLAG BIT(0)

static exception_t invokeConfigureFlags(sched_context_t *target, ticks_t budget,
                                        ticks_t period, word_t maxRefills, word_t badge,
                                        word_t flags)
{
    tcb_t *thread = target->scTcb;
    if (thread) {
        /* its place in the sorted queues depends on the parameters */
        tcbReleaseRemove(thread);
        tcbSchedDequeue(thread);
        if (ksCurSC == target) {
            /* charge what it used so far under the old parameters (the budget check
             * at kernel entry passed, so the head covers it) */
            commitTime();
        }
    }

    if (budget == period) {
        /* round robin: period 0, the budget always comes straight back */
        refill_new(target, MIN_REFILLS, budget, 0);
    } else if (sc_active(target) && thread && isRunnable(thread)) {
        /* in use: keep to the bandwidth it is already using */
        refill_update(target, period, budget, maxRefills);
    } else {
        refill_new(target, maxRefills, budget, period);
    }

    if (thread) {
        schedContext_resume(target);
        if (isRunnable(thread) && thread != ksCurThread) {
            possibleSwitchTo(thread);
        }
        if (thread == ksCurThread) {
            rescheduleRequired();
        }
    }
    target->scBadge = badge;
    target->scSporadic = (flags & SCHED_CONTEXT_SPORADIC_FLAG) != 0;
    return EXCEPTION_NONE;
}

static exception_t decodeConfigureFlags(word_t length, word_t *buffer)
{
    if (current_extra_caps.excaprefs[0] == NULL || length < 5) {
        userErrorTruncated("SchedControl ConfigureFlags", length, 5, 1);
        return syscall_error_simple(seL4_TruncatedMessage);
    }
    uint64_t budgetUs = getSyscallArg(0, buffer);
    uint64_t periodUs = getSyscallArg(1, buffer);
    if (budgetUs > MAX_PERIOD_US || periodUs > MAX_PERIOD_US) {
        userError("SchedControl ConfigureFlags: budget %lu us or period %lu us is above the "
                  "maximum %lu us.", (word_t)budgetUs, (word_t)periodUs, (word_t)MAX_PERIOD_US);
        return syscall_error_range(MIN_BUDGET_US, MAX_PERIOD_US);
    }
    ticks_t budget = usToTicks(budgetUs);
    ticks_t period = usToTicks(periodUs);
    if (budget < MIN_BUDGET || period < MIN_BUDGET) {
        userError("SchedControl ConfigureFlags: budget %lu us or period %lu us is below the "
                  "minimum %lu us.", (word_t)budgetUs, (word_t)periodUs, (word_t)MIN_BUDGET_US);
        return syscall_error_range(MIN_BUDGET_US, MAX_PERIOD_US);
    }
    if (budget > period) {
        userError("SchedControl ConfigureFlags: budget %lu us is longer than the period %lu us.",
                  (word_t)budgetUs, (word_t)periodUs);
        return syscall_error_range(MIN_BUDGET_US, periodUs);
    }
    cap_t targetCap = current_extra_caps.excaprefs[0]->cap;
    if (cap_get_capType(targetCap) != cap_sched_context_cap) {
        userError("SchedControl ConfigureFlags: the target cap is of type %lu, not a "
                  "scheduling context.", (word_t)cap_get_capType(targetCap));
        return syscall_error_invalid_cap(1);
    }
    word_t extraRefills = getSyscallArg(2, buffer);
    word_t maxRefills = refill_absolute_max(targetCap);
    if (extraRefills > maxRefills - MIN_REFILLS) {
        userError("SchedControl ConfigureFlags: %lu extra refills requested, the scheduling "
                  "context holds at most %lu.", extraRefills, maxRefills - MIN_REFILLS);
        return syscall_error_range(0, maxRefills - MIN_REFILLS);
    }
    word_t badge = getSyscallArg(3, buffer);
    word_t flags = getSyscallArg(4, buffer);
    setThreadState(ksCurThread, ThreadState_Restart);
    return invokeConfigureFlags(SC_PTR(cap_sched_context_cap_get_capSCPtr(targetCap)), budget,
                                period, extraRefills + MIN_REFILLS, badge, flags);
}

exception_t decodeSchedControlInvocation(word_t label, cap_t cap, word_t length,
                                         word_t *buffer)
{
    (void)cap;
    switch (label) {
    case SchedControlConfigureFlags:
        return decodeConfigureFlags(length, buffer);
    default:
        userError("SchedControl: label %lu is not a SchedControl invocation.", label);
        return syscall_error_simple(seL4_IllegalOperation);
    }
}

#endif /* CONFIG_KERNEL_MCS */
