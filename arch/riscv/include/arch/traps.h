/*
 * The kernel's way out to user space (arch/riscv/trap.S): restore the current
 * thread's registers and sret. Every C trap handler ends here.
 */
#pragma once

#include <basic_types.h>
#include <util.h>

NORETURN void restore_user_context(void);
