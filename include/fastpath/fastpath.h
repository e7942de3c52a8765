/*
 * The IPC fastpath (src/fastpath/fastpath.c): Call and ReplyRecv in their commonest
 * form, observably the same as the slowpath, which they fall back to otherwise.
 */
#pragma once

#include <object/structures.h>

NORETURN void fastpath_call(word_t cptr, word_t msgInfo);
#ifdef CONFIG_KERNEL_MCS
NORETURN void fastpath_reply_recv(word_t cptr, word_t msgInfo, cptr_t replyCPtr);
#else
NORETURN void fastpath_reply_recv(word_t cptr, word_t msgInfo);
#endif
