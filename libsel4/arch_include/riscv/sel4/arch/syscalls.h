/*
 * System calls on RISC-V (as seL4's own libsel4/arch_include/riscv/sel4/arch/syscalls.h):
 * ecall with the number in a7, the
 * cptr or badge in a0, message info in a1, MR0-MR3 in a2-a5 (MCS: reply cptr in a6,
 * NBSendRecv's destination in t0). Only registers the kernel writes are outputs.
 */
#pragma once

#include <autoconf.h>
#include <sel4/functions.h>

/* Send-only: nothing comes back. */
LIBSEL4_INLINE_FUNC void riscv_sys_send(seL4_Word sys, seL4_Word dest, seL4_Word info,
                                        seL4_Word mr0, seL4_Word mr1, seL4_Word mr2, seL4_Word mr3)
{
    register seL4_Word a0 __asm__("a0") = dest;
    register seL4_Word a1 __asm__("a1") = info;
    register seL4_Word a2 __asm__("a2") = mr0;
    register seL4_Word a3 __asm__("a3") = mr1;
    register seL4_Word a4 __asm__("a4") = mr2;
    register seL4_Word a5 __asm__("a5") = mr3;
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7)
                 : "memory");
}

/* A send of an empty message (Signal): MR0-MR3 are not read, so a2-a5 are not set. */
LIBSEL4_INLINE_FUNC void riscv_sys_send_null(seL4_Word sys, seL4_Word dest, seL4_Word info)
{
    register seL4_Word a0 __asm__("a0") = dest;
    register seL4_Word a1 __asm__("a1") = info;
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a7) : "memory");
}

#ifndef CONFIG_KERNEL_MCS
/* Reply: like a send with no destination, so a0 is left to the compiler. */
LIBSEL4_INLINE_FUNC void riscv_sys_reply(seL4_Word sys, seL4_Word info, seL4_Word mr0,
                                         seL4_Word mr1, seL4_Word mr2, seL4_Word mr3)
{
    register seL4_Word a1 __asm__("a1") = info;
    register seL4_Word a2 __asm__("a2") = mr0;
    register seL4_Word a3 __asm__("a3") = mr1;
    register seL4_Word a4 __asm__("a4") = mr2;
    register seL4_Word a5 __asm__("a5") = mr3;
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall" : "+r"(a1) : "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a7) : "memory");
}
#endif

/* Receive-only: a0 (badge), a1 (info) and MR0-MR3 come back. */
LIBSEL4_INLINE_FUNC void riscv_sys_recv(seL4_Word sys, seL4_Word src, seL4_Word *out_badge,
                                        seL4_Word *out_info, seL4_Word *mr0, seL4_Word *mr1,
                                        seL4_Word *mr2, seL4_Word *mr3, seL4_Word reply)
{
    register seL4_Word a0 __asm__("a0") = src;
    register seL4_Word a1 __asm__("a1");
    register seL4_Word a2 __asm__("a2");
    register seL4_Word a3 __asm__("a3");
    register seL4_Word a4 __asm__("a4");
    register seL4_Word a5 __asm__("a5");
    register seL4_Word a6 __asm__("a6") = reply;
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall" : "+r"(a0), "=r"(a1), "=r"(a2), "=r"(a3), "=r"(a4), "=r"(a5)
                 : "r"(a6), "r"(a7) : "memory");
    *out_badge = a0;
    *out_info = a1;
    *mr0 = a2;
    *mr1 = a3;
    *mr2 = a4;
    *mr3 = a5;
}

/* Send then receive (Call, ReplyRecv, MCS NBSendRecv/NBSendWait). */
LIBSEL4_INLINE_FUNC void riscv_sys_send_recv(seL4_Word sys, seL4_Word dest, seL4_Word *out_badge,
                                             seL4_Word info, seL4_Word *out_info,
                                             seL4_Word *in_out_mr0, seL4_Word *in_out_mr1,
                                             seL4_Word *in_out_mr2, seL4_Word *in_out_mr3,
                                             seL4_Word reply)
{
    register seL4_Word a0 __asm__("a0") = dest;
    register seL4_Word a1 __asm__("a1") = info;
    register seL4_Word a2 __asm__("a2") = *in_out_mr0;
    register seL4_Word a3 __asm__("a3") = *in_out_mr1;
    register seL4_Word a4 __asm__("a4") = *in_out_mr2;
    register seL4_Word a5 __asm__("a5") = *in_out_mr3;
    register seL4_Word a6 __asm__("a6") = reply;
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
                 : "r"(a6), "r"(a7) : "memory");
    *out_badge = a0;
    *out_info = a1;
    *in_out_mr0 = a2;
    *in_out_mr1 = a3;
    *in_out_mr2 = a4;
    *in_out_mr3 = a5;
}

#ifdef CONFIG_KERNEL_MCS
LIBSEL4_INLINE_FUNC void riscv_sys_nbsend_recv(seL4_Word sys, seL4_Word dest, seL4_Word src,
                                               seL4_Word *out_badge, seL4_Word info,
                                               seL4_Word *out_info, seL4_Word *in_out_mr0,
                                               seL4_Word *in_out_mr1, seL4_Word *in_out_mr2,
                                               seL4_Word *in_out_mr3, seL4_Word reply)
{
    register seL4_Word a0 __asm__("a0") = src;
    register seL4_Word a1 __asm__("a1") = info;
    register seL4_Word a2 __asm__("a2") = *in_out_mr0;
    register seL4_Word a3 __asm__("a3") = *in_out_mr1;
    register seL4_Word a4 __asm__("a4") = *in_out_mr2;
    register seL4_Word a5 __asm__("a5") = *in_out_mr3;
    register seL4_Word a6 __asm__("a6") = reply;
    register seL4_Word t0 __asm__("t0") = dest;
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
                 : "r"(a6), "r"(t0), "r"(a7) : "memory");
    *out_badge = a0;
    *out_info = a1;
    *in_out_mr0 = a2;
    *in_out_mr1 = a3;
    *in_out_mr2 = a4;
    *in_out_mr3 = a5;
}
#endif

/* No arguments, no results (Yield, debug calls). */
LIBSEL4_INLINE_FUNC void riscv_sys_null(seL4_Word sys)
{
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall" :: "r"(a7) : "memory");
}

/* One word in a0; a0 comes back (debug calls). */
LIBSEL4_INLINE_FUNC seL4_Word riscv_sys_word(seL4_Word sys, seL4_Word arg)
{
    register seL4_Word a0 __asm__("a0") = arg;
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
    return a0;
}

/* Two words in a0 and a1; a0 comes back (benchmark calls). */
LIBSEL4_INLINE_FUNC seL4_Word riscv_sys_word2(seL4_Word sys, seL4_Word arg0, seL4_Word arg1)
{
    register seL4_Word a0 __asm__("a0") = arg0;
    register seL4_Word a1 __asm__("a1") = arg1;
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a7) : "memory");
    return a0;
}

/* --- the API -------------------------------------------------------------------------- */

#define MR_IN(n)  (seL4_MessageInfo_get_length(msgInfo) > (n) ? seL4_GetMR(n) : 0)

LIBSEL4_INLINE_FUNC void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    riscv_sys_send(seL4_SysSend, dest, msgInfo.words[0], MR_IN(0), MR_IN(1), MR_IN(2), MR_IN(3));
}

LIBSEL4_INLINE_FUNC void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    riscv_sys_send(seL4_SysNBSend, dest, msgInfo.words[0], MR_IN(0), MR_IN(1), MR_IN(2),
                   MR_IN(3));
}

LIBSEL4_INLINE_FUNC void seL4_SendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                          seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                          seL4_Word *mr3)
{
    seL4_Word len = seL4_MessageInfo_get_length(msgInfo);
    riscv_sys_send(seL4_SysSend, dest, msgInfo.words[0], (mr0 && len > 0) ? *mr0 : 0,
                   (mr1 && len > 1) ? *mr1 : 0, (mr2 && len > 2) ? *mr2 : 0,
                   (mr3 && len > 3) ? *mr3 : 0);
}

LIBSEL4_INLINE_FUNC void seL4_NBSendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                            seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                            seL4_Word *mr3)
{
    seL4_Word len = seL4_MessageInfo_get_length(msgInfo);
    riscv_sys_send(seL4_SysNBSend, dest, msgInfo.words[0], (mr0 && len > 0) ? *mr0 : 0,
                   (mr1 && len > 1) ? *mr1 : 0, (mr2 && len > 2) ? *mr2 : 0,
                   (mr3 && len > 3) ? *mr3 : 0);
}

/* Copy the received register MRs into the IPC buffer, as libsel4 does. */
LIBSEL4_INLINE_FUNC void seL4_StoreMRs(seL4_Word m0, seL4_Word m1, seL4_Word m2, seL4_Word m3)
{
    seL4_SetMR(0, m0);
    seL4_SetMR(1, m1);
    seL4_SetMR(2, m2);
    seL4_SetMR(3, m3);
}

/* A receive whose register MRs go to the IPC buffer and whose badge goes to *sender. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t riscv_recv_store(seL4_Word sys, seL4_CPtr src,
                                                       seL4_Word *sender, seL4_CPtr reply)
{
    seL4_Word badge, info, m0, m1, m2, m3;
    riscv_sys_recv(sys, src, &badge, &info, &m0, &m1, &m2, &m3, reply);
    seL4_StoreMRs(m0, m1, m2, m3);
    if (sender) {
        *sender = badge;
    }
    return (seL4_MessageInfo_t){ .words = { info } };
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    seL4_Word info, badge;
    seL4_Word m0 = MR_IN(0), m1 = MR_IN(1), m2 = MR_IN(2), m3 = MR_IN(3);
    riscv_sys_send_recv(seL4_SysCall, dest, &badge, msgInfo.words[0], &info, &m0, &m1, &m2, &m3,
                        0);
    seL4_StoreMRs(m0, m1, m2, m3);
    return (seL4_MessageInfo_t){ .words = { info } };
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                       seL4_Word *mr0, seL4_Word *mr1,
                                                       seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word info, badge;
    seL4_Word len = seL4_MessageInfo_get_length(msgInfo);
    seL4_Word m0 = (mr0 && len > 0) ? *mr0 : 0, m1 = (mr1 && len > 1) ? *mr1 : 0;
    seL4_Word m2 = (mr2 && len > 2) ? *mr2 : 0, m3 = (mr3 && len > 3) ? *mr3 : 0;
    riscv_sys_send_recv(seL4_SysCall, dest, &badge, msgInfo.words[0], &info, &m0, &m1, &m2, &m3,
                        0);
    if (mr0) {
        *mr0 = m0;
    }
    if (mr1) {
        *mr1 = m1;
    }
    if (mr2) {
        *mr2 = m2;
    }
    if (mr3) {
        *mr3 = m3;
    }
    return (seL4_MessageInfo_t){ .words = { info } };
}

#ifndef CONFIG_KERNEL_MCS
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender)
{
    return riscv_recv_store(seL4_SysRecv, src, sender, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender)
{
    return riscv_recv_store(seL4_SysNBRecv, src, sender, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender,
                                                       seL4_Word *mr0, seL4_Word *mr1,
                                                       seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word badge, info, m0, m1, m2, m3;
    riscv_sys_recv(seL4_SysRecv, src, &badge, &info, &m0, &m1, &m2, &m3, 0);
    if (mr0) {
        *mr0 = m0;
    }
    if (mr1) {
        *mr1 = m1;
    }
    if (mr2) {
        *mr2 = m2;
    }
    if (mr3) {
        *mr3 = m3;
    }
    if (sender) {
        *sender = badge;
    }
    return (seL4_MessageInfo_t){ .words = { info } };
}

LIBSEL4_INLINE_FUNC void seL4_ReplyWithMRs(seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                           seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word len = seL4_MessageInfo_get_length(msgInfo);
    riscv_sys_reply(seL4_SysReply, msgInfo.words[0], (mr0 && len > 0) ? *mr0 : 0,
                    (mr1 && len > 1) ? *mr1 : 0, (mr2 && len > 2) ? *mr2 : 0,
                    (mr3 && len > 3) ? *mr3 : 0);
}

LIBSEL4_INLINE_FUNC void seL4_Reply(seL4_MessageInfo_t msgInfo)
{
    riscv_sys_reply(seL4_SysReply, msgInfo.words[0], MR_IN(0), MR_IN(1), MR_IN(2), MR_IN(3));
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                     seL4_Word *sender)
{
    seL4_Word badge, info;
    seL4_Word m0 = MR_IN(0), m1 = MR_IN(1), m2 = MR_IN(2), m3 = MR_IN(3);
    riscv_sys_send_recv(seL4_SysReplyRecv, src, &badge, msgInfo.words[0], &info, &m0, &m1, &m2,
                        &m3, 0);
    seL4_StoreMRs(m0, m1, m2, m3);
    if (sender) {
        *sender = badge;
    }
    return (seL4_MessageInfo_t){ .words = { info } };
}
#endif

#ifdef CONFIG_KERNEL_MCS
/* MCS receives name a Reply object (a6) that the reply to a Call will go through. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender,
                                                 seL4_CPtr reply)
{
    return riscv_recv_store(seL4_SysRecv, src, sender, reply);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender,
                                                   seL4_CPtr reply)
{
    return riscv_recv_store(seL4_SysNBRecv, src, sender, reply);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                     seL4_Word *sender, seL4_CPtr reply)
{
    seL4_Word badge, info;
    seL4_Word m0 = MR_IN(0), m1 = MR_IN(1), m2 = MR_IN(2), m3 = MR_IN(3);
    riscv_sys_send_recv(seL4_SysReplyRecv, src, &badge, msgInfo.words[0], &info, &m0, &m1, &m2,
                        &m3, reply);
    seL4_StoreMRs(m0, m1, m2, m3);
    if (sender) {
        *sender = badge;
    }
    return (seL4_MessageInfo_t){ .words = { info } };
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBSendRecv(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                      seL4_CPtr src, seL4_Word *sender,
                                                      seL4_CPtr reply)
{
    seL4_Word badge, info;
    seL4_Word m0 = MR_IN(0), m1 = MR_IN(1), m2 = MR_IN(2), m3 = MR_IN(3);
    riscv_sys_nbsend_recv(seL4_SysNBSendRecv, dest, src, &badge, msgInfo.words[0], &info, &m0,
                          &m1, &m2, &m3, reply);
    seL4_StoreMRs(m0, m1, m2, m3);
    if (sender) {
        *sender = badge;
    }
    return (seL4_MessageInfo_t){ .words = { info } };
}

/* NBSendWait: the send destination travels in a6, the wait source in a0. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBSendWait(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                      seL4_CPtr src, seL4_Word *sender)
{
    seL4_Word badge, info;
    seL4_Word m0 = MR_IN(0), m1 = MR_IN(1), m2 = MR_IN(2), m3 = MR_IN(3);
    riscv_sys_send_recv(seL4_SysNBSendWait, src, &badge, msgInfo.words[0], &info, &m0, &m1, &m2,
                        &m3, dest);
    seL4_StoreMRs(m0, m1, m2, m3);
    if (sender) {
        *sender = badge;
    }
    return (seL4_MessageInfo_t){ .words = { info } };
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_WaitWithMRs(seL4_CPtr src, seL4_Word *sender,
                                                       seL4_Word *mr0, seL4_Word *mr1,
                                                       seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word badge, info, m0, m1, m2, m3;
    riscv_sys_recv(seL4_SysWait, src, &badge, &info, &m0, &m1, &m2, &m3, 0);
    if (mr0) {
        *mr0 = m0;
    }
    if (mr1) {
        *mr1 = m1;
    }
    if (mr2) {
        *mr2 = m2;
    }
    if (mr3) {
        *mr3 = m3;
    }
    if (sender) {
        *sender = badge;
    }
    return (seL4_MessageInfo_t){ .words = { info } };
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBWait(seL4_CPtr src, seL4_Word *sender)
{
    return riscv_recv_store(seL4_SysNBWait, src, sender, 0);
}
#endif

/* Notifications: Signal is a Send of an empty message; Wait is a receive. */
LIBSEL4_INLINE_FUNC void seL4_Signal(seL4_CPtr dest)
{
    riscv_sys_send_null(seL4_SysSend, dest, seL4_MessageInfo_new(0, 0, 0, 0).words[0]);
}

#ifdef CONFIG_KERNEL_MCS
/* MCS: Wait may also receive a message on an endpoint, so it returns one. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    return riscv_recv_store(seL4_SysWait, src, sender, 0);
}
#else
LIBSEL4_INLINE_FUNC void seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    seL4_Word badge, info, m0, m1, m2, m3;
    riscv_sys_recv(seL4_SysRecv, src, &badge, &info, &m0, &m1, &m2, &m3, 0);
    if (sender) {
        *sender = badge;
    }
}
#endif

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    seL4_Word badge, info, m0, m1, m2, m3;
#ifdef CONFIG_KERNEL_MCS
    riscv_sys_recv(seL4_SysNBWait, src, &badge, &info, &m0, &m1, &m2, &m3, 0);
#else
    riscv_sys_recv(seL4_SysNBRecv, src, &badge, &info, &m0, &m1, &m2, &m3, 0);
#endif
    if (sender) {
        *sender = badge;
    }
    return (seL4_MessageInfo_t){ .words = { info } };
}

LIBSEL4_INLINE_FUNC void seL4_Yield(void)
{
    riscv_sys_null(seL4_SysYield);
}

/* --- debug calls ------------------------------------------------------------------------ */

#ifdef CONFIG_PRINTING
LIBSEL4_INLINE_FUNC void seL4_DebugPutChar(char c)
{
    riscv_sys_word(seL4_SysDebugPutChar, (seL4_Word)(unsigned char)c);
}

LIBSEL4_INLINE_FUNC void seL4_DebugPutString(char *str)
{
    for (char *s = str; *s; s++) {
        seL4_DebugPutChar(*s);
    }
}

LIBSEL4_INLINE_FUNC void seL4_DebugDumpScheduler(void)
{
    riscv_sys_null(seL4_SysDebugDumpScheduler);
}
#endif

#ifdef CONFIG_DEBUG_BUILD
LIBSEL4_INLINE_FUNC void seL4_DebugHalt(void)
{
    riscv_sys_null(seL4_SysDebugHalt);
}

LIBSEL4_INLINE_FUNC void seL4_DebugSnapshot(void)
{
    riscv_sys_null(seL4_SysDebugSnapshot);
}

LIBSEL4_INLINE_FUNC seL4_Uint32 seL4_DebugCapIdentify(seL4_CPtr cap)
{
    return (seL4_Uint32)riscv_sys_word(seL4_SysDebugCapIdentify, cap);
}

/* The name goes in the IPC buffer from msg[0] on. */
LIBSEL4_INLINE_FUNC void seL4_DebugNameThread(seL4_CPtr tcb, const char *name)
{
    char *dst = (char *)&seL4_GetIPCBuffer()->msg[0];
    unsigned i = 0;
    for (; name[i] && i < seL4_MsgMaxLength * sizeof(seL4_Word) - 1; i++) {
        dst[i] = name[i];
    }
    dst[i] = '\0';
    riscv_sys_word(seL4_SysDebugNameThread, tcb);
}
#endif

/* --- benchmark calls (KernelBenchmarks other than none) ---------------------------------- */

#ifdef CONFIG_ENABLE_BENCHMARKS
/* Start a measurement: clears the log index and, when tracking utilisation, the counters. */
LIBSEL4_INLINE_FUNC seL4_Error seL4_BenchmarkResetLog(void)
{
    return (seL4_Error)riscv_sys_word(seL4_SysBenchmarkResetLog, 0);
}

/* End a measurement; with a log buffer, returns how many entries it holds. */
LIBSEL4_INLINE_FUNC seL4_Word seL4_BenchmarkFinalizeLog(void)
{
    return riscv_sys_word(seL4_SysBenchmarkFinalizeLog, 0);
}

/* Give the kernel a large frame to log into (log-buffer configurations only). */
LIBSEL4_INLINE_FUNC seL4_Error seL4_BenchmarkSetLogBuffer(seL4_Word frame_cptr)
{
    return (seL4_Error)riscv_sys_word(seL4_SysBenchmarkSetLogBuffer, frame_cptr);
}

/* Into the kernel and straight back: the cost of a trap. */
LIBSEL4_INLINE_FUNC void seL4_BenchmarkNullSyscall(void)
{
    riscv_sys_null(seL4_SysBenchmarkNullSyscall);
}

LIBSEL4_INLINE_FUNC void seL4_BenchmarkFlushCaches(void)
{
    riscv_sys_word2(seL4_SysBenchmarkFlushCaches, 0, 0);
}

/* The cache type selects I or D on ARM; RISC-V flushes everything it can either way. */
LIBSEL4_INLINE_FUNC void seL4_BenchmarkFlushL1Caches(seL4_Word cache_type)
{
    riscv_sys_word2(seL4_SysBenchmarkFlushCaches, 1, cache_type);
}

#ifdef CONFIG_BENCHMARK_TRACK_UTILISATION
/* Writes the counters of benchmark_utilisation_types.h into the caller's IPC buffer. */
LIBSEL4_INLINE_FUNC void seL4_BenchmarkGetThreadUtilisation(seL4_Word tcb_cptr)
{
    riscv_sys_word(seL4_SysBenchmarkGetThreadUtilisation, tcb_cptr);
}

LIBSEL4_INLINE_FUNC void seL4_BenchmarkResetThreadUtilisation(seL4_Word tcb_cptr)
{
    riscv_sys_word(seL4_SysBenchmarkResetThreadUtilisation, tcb_cptr);
}

#ifdef CONFIG_DEBUG_BUILD
LIBSEL4_INLINE_FUNC void seL4_BenchmarkDumpAllThreadsUtilisation(void)
{
    riscv_sys_null(seL4_SysBenchmarkDumpAllThreadsUtilisation);
}

LIBSEL4_INLINE_FUNC void seL4_BenchmarkResetAllThreadsUtilisation(void)
{
    riscv_sys_null(seL4_SysBenchmarkResetAllThreadsUtilisation);
}
#endif
#endif
#endif
