/*
 * The kernel's way out to user space (arch/riscv/trap.S): restore the current
 * thread's registers and sret. Every C trap handler ends here.
 */
#pragma once

#include <basic_types.h>
#include <util.h>

NORETURN void restore_user_context(void);

/*
 * The fastpath's way out (trap.S): return to tcb, which must be ksCurThread, with a0 =
 * badge and a1 = msgInfo and every other register from its TCB; its saved a0/a1 are
 * left as they were (it is running, and its next trap saves them afresh).
 */
struct tcb;
NORETURN void fastpath_restore(word_t badge, word_t msgInfo, struct tcb *tcb);
