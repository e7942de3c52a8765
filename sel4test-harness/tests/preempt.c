/*
 * Preemption of long operations: resetting a 16 MiB untyped takes many timer ticks,
 * so the kernel must stop at preemption points, let other threads run, and finish the
 * reset when the Retype is restarted, with the memory all zero.
 */
#include <harness.h>

/* A RAM untyped from bootinfo of exactly 2^bits bytes nobody has used yet. */
static seL4_CPtr fresh_boot_untyped(seL4_BootInfo *bi, seL4_Word bits)
{
    static seL4_CPtr used[8];
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        seL4_CPtr cap = bi->untyped.start + i;
        bool taken = false;
        for (int k = 0; k < 8; k++) {
            taken |= used[k] == cap;
        }
        if (!bi->untypedList[i].isDevice && bi->untypedList[i].sizeBits == bits && !taken) {
            for (int k = 0; k < 8; k++) {
                if (!used[k]) {
                    used[k] = cap;
                    break;
                }
            }
            return cap;
        }
    }
    return 0;
}

#ifdef CONFIG_PLAT_QEMU_RISCV_VIRT
/*
 * QEMU virt's Goldfish RTC raises an alarm interrupt. A handler thread above the root's
 * priority waits for it; the root starts a long reset. If the kernel preempts the reset,
 * the handler runs (and stamps the time) before the Retype returns.
 */
#define RTC_PADDR       0x101000ul
#define RTC_IRQ         11
#define RTC_TIME_LOW    0x00
#define RTC_TIME_HIGH   0x04
#define RTC_ALARM_LOW   0x08
#define RTC_ALARM_HIGH  0x0c
#define RTC_IRQ_ENABLED 0x10
#define RTC_CLEAR_INT   0x1c

static volatile uint32_t *rtc;
static volatile seL4_Word irq_seen_at;

static uint64_t rtc_now_ns(void)
{
    uint64_t lo = rtc[RTC_TIME_LOW / 4];
    return lo | ((uint64_t)rtc[RTC_TIME_HIGH / 4] << 32);
}

static void rtc_alarm_in(uint64_t ns)
{
    uint64_t when = rtc_now_ns() + ns;
    rtc[RTC_IRQ_ENABLED / 4] = 1;
    rtc[RTC_ALARM_HIGH / 4] = (uint32_t)(when >> 32);
    rtc[RTC_ALARM_LOW / 4] = (uint32_t)when;
}

static volatile seL4_Word irq_badge;

/* Handle every RTC interrupt: note when, clear it at the device, acknowledge it. */
static void irq_waiter(seL4_Word ntfn, seL4_Word irq_handler)
{
    for (;;) {
        seL4_Word badge;
        seL4_Wait(ntfn, &badge);
        irq_seen_at = harness_now();
        irq_badge = badge;
        rtc[RTC_CLEAR_INT / 4] = 1;
        seL4_IRQHandler_Ack(irq_handler);
    }
}

/*
 * Arm the alarm, run op, and say whether the interrupt was handled while op was in
 * progress. Host load can delay the alarm past a short operation, so callers retry.
 */
static bool interrupted_during(void (*op)(void), uint64_t alarm_ns, seL4_Word *start,
                               seL4_Word *end)
{
    irq_seen_at = 0;
    rtc_alarm_in(alarm_ns);
    *start = harness_now();
    op();
    *end = harness_now();
    /* let a late interrupt land before the next attempt */
    for (seL4_Word limit = harness_now() + 1000000; !irq_seen_at && harness_now() < limit;) {
    }
    return irq_seen_at > *start && irq_seen_at < *end;
}

/* Map the RTC's page: carve frames out of the device untyped that holds it. */
static bool map_rtc(seL4_BootInfo *bi)
{
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        seL4_UntypedDesc *u = &bi->untypedList[i];
        if (!u->isDevice || RTC_PADDR < u->paddr || RTC_PADDR >= u->paddr + (1ul << u->sizeBits)) {
            continue;
        }
        seL4_CPtr ut = bi->untyped.start + i;
        seL4_Word offset = RTC_PADDR - u->paddr;
        /* children are placed in order: fill [0, offset) with untyped blocks first */
        while (offset) {
            seL4_Word bits = 63;
            while (!(offset & (1ul << bits))) {
                bits--;
            }
            if (seL4_Untyped_Retype(ut, seL4_UntypedObject, bits, seL4_CapInitThreadCNode, 0, 0,
                                    alloc_slot(), 1) != seL4_NoError) {
                return false;
            }
            offset -= 1ul << bits;
        }
        seL4_CPtr frame = alloc_slot();
        if (seL4_Untyped_Retype(ut, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode, 0, 0, frame,
                                1) != seL4_NoError) {
            return false;
        }
        seL4_CPtr probe;
        if (!alloc_mapped_frame(&probe)) {
            return false;
        }
        seL4_Word v = alloc_vaddr(seL4_PageBits);
        if (seL4_RISCV_Page_Map(frame, seL4_CapInitThreadVSpace, v, seL4_ReadWrite,
                                seL4_RISCV_Default_VMAttributes) != seL4_NoError) {
            return false;
        }
        seL4_RISCV_Page_GetAddress_t pa = seL4_RISCV_Page_GetAddress(frame);
        if (pa.error || pa.paddr != RTC_PADDR) {
            printf("    RTC frame at %lx\n", pa.paddr);
            return false;
        }
        rtc = (volatile uint32_t *)v;
        return true;
    }
    return false;
}

static seL4_CPtr reset_ut;

/* Fill the untyped once and revoke it, so the next retype must clear all 16 MiB. */
static void dirty_then_reset(void)
{
    seL4_CPtr whole = alloc_slot(), frame = alloc_slot();
    seL4_Untyped_Retype(reset_ut, seL4_UntypedObject, 24, seL4_CapInitThreadCNode, 0, 0, whole, 1);
    seL4_CNode_Revoke(seL4_CapInitThreadCNode, reset_ut, 64);
    if (seL4_Untyped_Retype(reset_ut, seL4_RISCV_Mega_Page, 0, seL4_CapInitThreadCNode, 0, 0,
                            frame, 1) != seL4_NoError) {
        test_failures++;
    }
}

static int test_reset_preempted(harness_env_t *env)
{
    test_check(map_rtc(env->bootinfo));
    if (!rtc) {
        return TEST_FAIL;
    }
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr handler = alloc_slot();
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, RTC_IRQ, seL4_CapInitThreadCNode, handler, 64),
            seL4_NoError);
    /* the same IRQ cannot be taken twice */
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, RTC_IRQ, seL4_CapInitThreadCNode,
                                alloc_slot(), 64), seL4_RevokeFirst);
    /* the notification cap the IRQ signals carries a badge */
    seL4_CPtr badged = alloc_slot();
    test_eq(seL4_CNode_Mint(seL4_CapInitThreadCNode, badged, 64, seL4_CapInitThreadCNode, ntfn, 64,
                            seL4_AllRights, 1ul << RTC_IRQ), seL4_NoError);
    test_eq(seL4_IRQHandler_SetNotification(handler, badged), seL4_NoError);

    reset_ut = fresh_boot_untyped(env->bootinfo, 24);
    if (!reset_ut) {
        reset_ut = alloc_untyped(24);
    }
    /* the root runs below the handler thread */
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 200), seL4_NoError);
    helper_thread_t t;
    test_check(helper_start(&t, 250, 0, irq_waiter, ntfn, handler));
    test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);

    bool preempted = false;
    seL4_Word start = 0, end = 0;
    /* the reset takes about a millisecond of host time: try alarms from 50 us to 6.4 ms */
    for (int attempt = 0; attempt < 8 && !preempted; attempt++) {
        preempted = interrupted_during(dirty_then_reset, 50000ul << attempt, &start, &end);
    }
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio),
            seL4_NoError);
    if (!preempted) {
        printf("    interrupt handled at %lu, retype ran %lu..%lu\n", irq_seen_at, start, end);
        test_failures++;
    }
    test_eq(irq_badge, 1ul << RTC_IRQ);
    test_eq(seL4_TCB_Suspend(t.tcb), seL4_NoError);
    test_eq(seL4_IRQHandler_Clear(handler), seL4_NoError);
    test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, handler, 64), seL4_NoError);
    return test_result();
}
DEFINE_TEST(PREEMPT0001, "A device interrupt preempts a 16 MiB untyped reset",
            test_reset_preempted, true);

/*
 * For the tests after PREEMPT0001: the RTC mapped, its IRQ handled by a waiter thread
 * above the root, which drops to priority 200. Returns the handler cap, 0 on failure.
 */
static seL4_CPtr irq_waiter_start(harness_env_t *env, helper_thread_t *t)
{
    if (!rtc && !map_rtc(env->bootinfo)) {
        return 0;
    }
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr handler = alloc_slot();
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, RTC_IRQ, seL4_CapInitThreadCNode, handler, 64),
            seL4_NoError);
    test_eq(seL4_IRQHandler_SetNotification(handler, ntfn), seL4_NoError);
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 200), seL4_NoError);
    test_check(helper_start(t, 250, 0, irq_waiter, ntfn, handler));
    test_eq(seL4_TCB_Resume(t->tcb), seL4_NoError);
    return handler;
}

/* Undo irq_waiter_start, and fail the test if the operation was never preempted. */
static void irq_waiter_stop(helper_thread_t *t, seL4_CPtr handler, bool preempted,
                            const char *what, seL4_Word start, seL4_Word end)
{
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio),
            seL4_NoError);
    if (!preempted) {
        printf("    interrupt handled at %lu, %s ran %lu..%lu\n", irq_seen_at, what, start, end);
        test_failures++;
    }
    test_eq(seL4_TCB_Suspend(t->tcb), seL4_NoError);
    test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, handler, 64), seL4_NoError);
}

/* The same for Revoke of a long derivation chain held in a big CNode. */
enum { CHAIN_BITS = 13 };
static seL4_CPtr chain_cnode, chain_ep;

static void build_chain(void)
{
    for (seL4_Word i = 0; i < (1ul << CHAIN_BITS); i++) {
        if (seL4_CNode_Copy(chain_cnode, i, CHAIN_BITS, seL4_CapInitThreadCNode, chain_ep, 64,
                            seL4_AllRights) != seL4_NoError) {
            test_failures++;
            break;
        }
    }
}

static void revoke_chain(void)
{
    if (seL4_CNode_Revoke(seL4_CapInitThreadCNode, chain_ep, 64) != seL4_NoError) {
        test_failures++;
    }
}
static int test_revoke_preempted(harness_env_t *env)
{
    helper_thread_t t;
    seL4_CPtr handler = irq_waiter_start(env, &t);
    if (!handler) {
        return TEST_FAIL;
    }
    chain_cnode = alloc_object(seL4_CapTableObject, CHAIN_BITS);
    chain_ep = alloc_object(seL4_EndpointObject, 0);
    test_check(chain_cnode && chain_ep);
    bool preempted = false;
    seL4_Word start = 0, end = 0;
    for (int attempt = 0; attempt < 4 && !preempted; attempt++) {
        build_chain();
        preempted = interrupted_during(revoke_chain, 100000, &start, &end);
    }
    irq_waiter_stop(&t, handler, preempted, "revoke", start, end);
    seL4_CPtr cnode = chain_cnode, ep = chain_ep;
    /* every copy is gone, the original stays */
    for (seL4_Word i = 0; i < (1ul << CHAIN_BITS); i += 511) {
        seL4_CPtr probe = alloc_slot();
        test_eq(seL4_CNode_Copy(seL4_CapInitThreadCNode, probe, 64, cnode, i, CHAIN_BITS,
                                seL4_AllRights), seL4_FailedLookup);
    }
    test_eq(seL4_DebugCapIdentify(ep), 4);
    return test_result();
}
DEFINE_TEST(PREEMPT0003, "A device interrupt preempts the revoke of 8192 caps",
            test_revoke_preempted, true);

/*
 * The same for Delete of a CNode of 2^17 slots (a sel4test process's CSpace) holding a
 * few caps: the zombie's empty slots go in runs, and the runs still count as work and
 * stop at preemption points. The restarted Delete finishes the job.
 */
enum { BIG_BITS = 17, BIG_UT_BITS = 23 };
static seL4_CPtr big_ut, big_cnode, big_ep;

static void delete_big_cnode(void)
{
    if (seL4_CNode_Delete(seL4_CapInitThreadCNode, big_cnode, 64) != seL4_NoError) {
        test_failures++;
    }
}

static int test_delete_preempted(harness_env_t *env)
{
    helper_thread_t t;
    seL4_CPtr handler = irq_waiter_start(env, &t);
    if (!handler) {
        return TEST_FAIL;
    }
    big_ut = alloc_untyped(BIG_UT_BITS);
    big_cnode = alloc_slot();
    big_ep = alloc_slot();
    test_check(big_ut != 0);
    bool preempted = false;
    seL4_Word start = 0, end = 0;
    for (int attempt = 0; attempt < 6 && !preempted; attempt++) {
        /* the retype resets the untyped, so the CNode comes out empty every time */
        test_eq(seL4_Untyped_Retype(big_ut, seL4_CapTableObject, BIG_BITS, seL4_CapInitThreadCNode,
                                    0, 0, big_cnode, 1), seL4_NoError);
        test_eq(seL4_Untyped_Retype(big_ut, seL4_EndpointObject, 0, seL4_CapInitThreadCNode, 0, 0,
                                    big_ep, 1), seL4_NoError);
        for (seL4_Word i = 0; i < 8; i++) {
            seL4_Word slot = (i * 0x4321 + 7) & ((1ul << BIG_BITS) - 1);
            test_eq(seL4_CNode_Copy(big_cnode, slot, BIG_BITS, seL4_CapInitThreadCNode, big_ep, 64,
                                    seL4_AllRights), seL4_NoError);
        }
        preempted = interrupted_during(delete_big_cnode, 100000, &start, &end);
        test_eq(seL4_DebugCapIdentify(big_cnode), 0);
        /* every copy left the tree: the revoke reaches the endpoint, and the untyped is
         * free for the next attempt */
        test_eq(seL4_CNode_Revoke(seL4_CapInitThreadCNode, big_ut, 64), seL4_NoError);
        test_eq(seL4_DebugCapIdentify(big_ep), 0);
    }
    irq_waiter_stop(&t, handler, preempted, "delete", start, end);
    return test_result();
}
DEFINE_TEST(PREEMPT0004, "A device interrupt preempts the delete of a 2^17-slot CNode",
            test_delete_preempted, true);
#else
/* no device that can interrupt on this board */
DEFINE_TEST(PREEMPT0001, "A device interrupt preempts a 16 MiB untyped reset", NULL, false);
DEFINE_TEST(PREEMPT0003, "A device interrupt preempts the revoke of 8192 caps", NULL, false);
DEFINE_TEST(PREEMPT0004, "A device interrupt preempts the delete of a 2^17-slot CNode", NULL,
            false);
#endif

/* After the preempted reset, every byte handed out is zero: map and check a frame. */
static int test_reset_zeroes(harness_env_t *env)
{
    seL4_CPtr ut = fresh_boot_untyped(env->bootinfo, 24);
    if (!ut) {
        ut = alloc_untyped(24);
    }
    seL4_CPtr frames = alloc_slot();
    for (int i = 1; i < 16; i++) {
        alloc_slot();
    }
    test_eq(seL4_Untyped_Retype(ut, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode, 0, 0,
                                frames, 16), seL4_NoError);
    seL4_CPtr tmp;
    test_check(alloc_mapped_frame(&tmp) != NULL);
    for (int i = 0; i < 16; i++) {
        seL4_Word v = alloc_vaddr(seL4_PageBits);
        seL4_Error err = seL4_RISCV_Page_Map(frames + i, seL4_CapInitThreadVSpace, v,
                                             seL4_ReadWrite, seL4_RISCV_Default_VMAttributes);
        if (err != seL4_NoError) {
            test_eq(err, seL4_NoError);
            break;
        }
        const seL4_Word *p = (const seL4_Word *)v;
        for (int w = 0; w < 512; w++) {
            if (p[w]) {
                printf("    frame %d word %d = %lx\n", i, w, p[w]);
                test_failures++;
                break;
            }
        }
    }
    return test_result();
}
DEFINE_TEST(PREEMPT0002, "Memory from a reset untyped is zero", test_reset_zeroes, true);
