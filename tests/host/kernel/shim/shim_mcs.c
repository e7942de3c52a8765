/*
 * Stand-ins for the MCS object model (scheduling contexts, reply objects) that
 * objecttype.c calls in MCS builds. CMakeLists.txt compiles this file only once the
 * kernel has include/object/schedcontext.h; it then checks these against the real
 * declarations.
 */
#include <object/structures.h>

#ifdef CONFIG_KERNEL_MCS
#include <object/schedcontext.h>
#include <object/reply.h>

#include "shim.h"

void schedContext_unbindTCB(sched_context_t *sc)
{
    (void)sc;
}

void schedContext_unbindAllTCBs(sched_context_t *sc)
{
    (void)sc;
}

void schedContext_unbindNtfn(sched_context_t *sc)
{
    (void)sc;
}

void schedContextMaybeUnbindNtfn(notification_t *ntfn)
{
    (void)ntfn;
}

void schedContext_unbindReply(sched_context_t *sc)
{
    (void)sc;
}

void schedContext_completeYieldTo(tcb_t *yielder)
{
    (void)yielder;
}

void reply_remove(reply_t *reply, tcb_t *tcb)
{
    (void)reply;
    (void)tcb;
}
#endif
