/*
 * Regression tests: one per kernel bug found, named after what went wrong.
 */
#include <harness.h>

static volatile int ran;

static void set_ran(seL4_Word a, seL4_Word b)
{
    (void)a;
    (void)b;
    ran = 1;
}

/*
 * Resuming a thread of the caller's own priority must not switch to it: the caller
 * keeps the CPU and the woken thread queues behind it (seL4's schedule()). Larch
 * once switched at once.
 */
static int test_equal_priority_wakeup(harness_env_t *env)
{
    (void)env;
    /*
     * Our time slice (or, on MCS, budget) may end inside Resume, above all when the
     * host stalls QEMU or the invariant checker slows every entry; then the woken
     * thread runs first, rightly. The bug switched every time: so it must stay behind
     * us in at least one of a few tries, and run once we yield.
     */
    bool stayed_behind = false;
    for (int attempt = 0; attempt < 5 && !stayed_behind; attempt++) {
        helper_thread_t t;
        ran = 0;
        test_check(helper_start(&t, seL4_MaxPrio, 0, set_ran, 0, 0));
        test_eq(seL4_TCB_Resume(t.tcb), seL4_NoError);
        stayed_behind = ran == 0;
        /* a stall charged to it can send it behind us again before it runs: yield on */
        for (int i = 0; i < 5 && !ran; i++) {
            seL4_Yield();
        }
        test_eq(ran, 1);
    }
    test_check(stayed_behind);
    /* a higher-priority thread does preempt at once */
    helper_thread_t u;
    ran = 0;
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 200), seL4_NoError);
    test_check(helper_start(&u, 201, 0, set_ran, 0, 0));
    test_eq(seL4_TCB_Resume(u.tcb), seL4_NoError);
    test_eq(ran, 1);
    test_eq(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio),
            seL4_NoError);
    return test_result();
}
DEFINE_TEST(REGRESSIONS0001, "Waking a thread of equal priority does not preempt",
            test_equal_priority_wakeup, true);

#ifdef CONFIG_PLAT_QEMU_RISCV_VIRT
#define REG_IRQ 3           /* a PLIC source nothing on the board raises */
#define HAVE_IRQS 1
#else
#define HAVE_IRQS 0         /* spike has no interrupt controller to hand out */
#endif

static __attribute__((unused)) seL4_CPtr retype_one(seL4_CPtr ut, seL4_Word type, seL4_Word bits)
{
    seL4_CPtr slot = alloc_slot();
    test_eq(seL4_Untyped_Retype(ut, type, bits, seL4_CapInitThreadCNode, 0, 0, slot, 1),
            seL4_NoError);
    return slot;
}

/*
 * Deleting the last IRQHandler cap must delete the notification cap in the IRQ's slot
 * through the derivation tree. Larch once overwrote that slot, leaving it linked: a
 * revoke of the notification's untyped stopped at the dead slot, objects made after it
 * (here a frame) survived while the untyped believed itself empty, and a CNode retyped
 * there would have put kernel cap storage under a still-mapped user frame.
 */
static int test_irq_handler_delete_tree(harness_env_t *env)
{
    (void)env;
#if HAVE_IRQS
    seL4_CPtr ut = alloc_untyped(16);
    seL4_CPtr frame = retype_one(ut, seL4_RISCV_4K_Page, 0);
    seL4_CPtr ntfn = retype_one(ut, seL4_NotificationObject, 0);
    seL4_CPtr handler = alloc_slot();
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, REG_IRQ, seL4_CapInitThreadCNode, handler,
                                64), seL4_NoError);
    test_eq(seL4_IRQHandler_SetNotification(handler, ntfn), seL4_NoError);
    test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, handler, 64), seL4_NoError);
    test_eq(seL4_CNode_Revoke(seL4_CapInitThreadCNode, ut, 64), seL4_NoError);
    /* the revoke reached every object of the untyped */
    test_eq(seL4_DebugCapIdentify(ntfn), 0);
    test_eq(seL4_DebugCapIdentify(frame), 0);
    /* and the whole untyped can be had again, as one object */
    seL4_CPtr all = retype_one(ut, seL4_UntypedObject, 16);
    test_eq(seL4_DebugCapIdentify(all), 2);
    test_eq(seL4_CNode_Revoke(seL4_CapInitThreadCNode, ut, 64), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(all), 0);

    /* the same with a handler cleared first, and with a copy of the handler */
    ntfn = retype_one(ut, seL4_NotificationObject, 0);
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, REG_IRQ, seL4_CapInitThreadCNode, handler,
                                64), seL4_NoError);
    seL4_CPtr copy = alloc_slot();
    test_eq(seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, 64, seL4_CapInitThreadCNode, handler,
                            64, seL4_AllRights), seL4_NoError);
    test_eq(seL4_IRQHandler_SetNotification(copy, ntfn), seL4_NoError);
    test_eq(seL4_IRQHandler_Clear(handler), seL4_NoError);
    test_eq(seL4_IRQHandler_SetNotification(handler, ntfn), seL4_NoError);
    /* revoking IRQControl deletes both handler caps, the last one empties the IRQ slot */
    test_eq(seL4_CNode_Revoke(seL4_CapInitThreadCNode, seL4_CapIRQControl, 64), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(handler), 0);
    test_eq(seL4_DebugCapIdentify(copy), 0);
    frame = retype_one(ut, seL4_RISCV_4K_Page, 0);
    test_eq(seL4_CNode_Revoke(seL4_CapInitThreadCNode, ut, 64), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(ntfn), 0);
    test_eq(seL4_DebugCapIdentify(frame), 0);
    /* the IRQ is free again */
    test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, REG_IRQ, seL4_CapInitThreadCNode, handler,
                                64), seL4_NoError);
    test_eq(seL4_CNode_Delete(seL4_CapInitThreadCNode, handler, 64), seL4_NoError);
#endif
    return test_result();
}
DEFINE_TEST(REGRESSIONS0002, "Deleting an IRQ handler empties its slot through the tree",
            test_irq_handler_delete_tree, HAVE_IRQS);

/*
 * A thread whose only TCB cap lives in its own CSpace, and whose TCB slot holds the only
 * cap to that CSpace, tries to replace its CSpace (SetSpace, or Configure with a new IPC
 * buffer too). Deleting the old root would destroy the CSpace and with it the thread
 * half-way through the invocation; seL4 refuses at decode time (the old root's deletion
 * would be a long-running one: IllegalOperation), and, should a deletion still take the
 * target or a source with it, installs nothing afterwards unless the TCB cap and the
 * sources still name the same objects. Larch skipped that second check. The test runs
 * the refused case and then revokes everything, watching the TCB's memory through a
 * frame retyped over it: no cap may be left linked from there.
 *
 * The thread's CSpace C: guard of 56 zero bits, 16 slots; C[1] is its TCB cap, C[2] a
 * CNode D (16 slots, no guard) holding the new roots and IPC buffer frame.
 */
#define SELF_TCB    0x10
#define D_SLOT(i)   (0x20 | (i))
#define SELF_EP     0x30

static volatile int self_replace_returned;

static void replace_own_space(seL4_Word configure, seL4_Word buffer)
{
    seL4_Error err;
#ifdef CONFIG_KERNEL_MCS
    /* MCS forms: no fault-handler cptr in Configure; SetSpace names a (null) handler cap */
    seL4_Wait(SELF_EP, NULL);
    if (configure) {
        err = seL4_TCB_Configure(SELF_TCB, D_SLOT(0), 0, D_SLOT(1), 0, buffer, D_SLOT(2));
    } else {
        err = seL4_TCB_SetSpace(SELF_TCB, seL4_CapNull, D_SLOT(0), 0, D_SLOT(1), 0);
    }
#else
    seL4_Recv(SELF_EP, NULL);
    if (configure) {
        err = seL4_TCB_Configure(SELF_TCB, 0, D_SLOT(0), 0, D_SLOT(1), 0, buffer, D_SLOT(2));
    } else {
        err = seL4_TCB_SetSpace(SELF_TCB, 0, D_SLOT(0), 0, D_SLOT(1), 0);
    }
#endif
    self_replace_returned = 1 + err;
    for (;;) {
        seL4_TCB_Suspend(SELF_TCB);
    }
}

static bool frame_is_zero(const volatile seL4_Word *w)
{
    for (int i = 0; i < 4096 / (int)sizeof(seL4_Word); i++) {
        if (w[i]) {
            printf("    word %d of the old TCB's memory is 0x%lx\n", i, w[i]);
            return false;
        }
    }
    return true;
}

static void self_destruct_case(bool configure)
{
    seL4_CPtr root = seL4_CapInitThreadCNode;
    seL4_CPtr ut = alloc_untyped(seL4_PageBits);
    seL4_CPtr tcb = retype_one(ut, seL4_TCBObject, 0);
    seL4_CPtr c = alloc_object(seL4_CapTableObject, 4);
    seL4_CPtr d = alloc_object(seL4_CapTableObject, 4);
    seL4_CPtr e = alloc_object(seL4_CapTableObject, 4);
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr buf_frame;
    void *buf = alloc_mapped_frame(&buf_frame);

    helper_thread_t t;
    self_replace_returned = 0;
    test_check(helper_start_tcb(&t, tcb, seL4_CapInitThreadVSpace, seL4_MaxPrio, 0,
                                replace_own_space, configure, (seL4_Word)buf));
    /* the new roots and buffer wait in D; C[3] is where the thread waits for the go */
    test_eq(seL4_CNode_Copy(d, 0, 4, root, e, 64, seL4_AllRights), seL4_NoError);
    test_eq(seL4_CNode_Copy(d, 1, 4, root, seL4_CapInitThreadVSpace, 64, seL4_AllRights),
            seL4_NoError);
    test_eq(seL4_CNode_Copy(d, 2, 4, root, buf_frame, 64, seL4_AllRights), seL4_NoError);
    test_eq(seL4_CNode_Copy(c, 2, 4, root, d, 64, seL4_AllRights), seL4_NoError);
    test_eq(seL4_CNode_Copy(c, 3, 4, root, ep, 64, seL4_AllRights), seL4_NoError);
    /* its CSpace becomes C; it starts and waits; its TCB cap moves into C; our C cap goes */
#ifdef CONFIG_KERNEL_MCS
    test_eq(seL4_TCB_SetSpace(tcb, seL4_CapNull, c, seL4_CNode_CapData_new(0, 56).words[0],
                              seL4_CapInitThreadVSpace, 0), seL4_NoError);
#else
    test_eq(seL4_TCB_SetSpace(tcb, 0, c, seL4_CNode_CapData_new(0, 56).words[0],
                              seL4_CapInitThreadVSpace, 0), seL4_NoError);
#endif
    test_eq(seL4_TCB_Resume(tcb), seL4_NoError);
    seL4_Yield();
    test_eq(seL4_CNode_Move(c, 1, 4, root, tcb, 64), seL4_NoError);
    test_eq(seL4_CNode_Delete(root, c, 64), seL4_NoError);
    seL4_Send(ep, seL4_MessageInfo_new(0, 0, 0, 0));
    for (int i = 0; i < 4; i++) {
        seL4_Yield();
    }
    test_eq(self_replace_returned, 1 + seL4_IllegalOperation);

    /* revoking the untyped destroys the thread, and with it C */
    test_eq(seL4_CNode_Revoke(root, ut, 64), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(d), 10);
    seL4_CPtr watch = retype_one(ut, seL4_RISCV_4K_Page, 0);
    seL4_Word vaddr = alloc_vaddr(seL4_PageBits);
    test_check(map_frame_in(seL4_CapInitThreadVSpace, watch, vaddr, seL4_AllRights));
    test_check(frame_is_zero((seL4_Word *)vaddr));
    /* removing the sources' neighbours would rewrite links of caps installed there */
    for (seL4_Word i = 0; i < 3; i++) {
        test_eq(seL4_CNode_Delete(d, i, 4), seL4_NoError);
    }
    test_check(frame_is_zero((seL4_Word *)vaddr));
    test_eq(seL4_CNode_Delete(root, watch, 64), seL4_NoError);
    test_eq(seL4_CNode_Revoke(root, ut, 64), seL4_NoError);
}

static int test_tcb_install_after_self_destruct(harness_env_t *env)
{
    (void)env;
    self_destruct_case(false);
    self_destruct_case(true);
    return test_result();
}
DEFINE_TEST(REGRESSIONS0003, "A thread cannot replace the CSpace its only TCB cap lives in",
            test_tcb_install_after_self_destruct, true);

/*
 * ABI details where Larch differed from seL4 16.0.0's source: the domain argument of
 * ScheduleConfigure is range-checked as a whole word (Larch once kept its low 8 bits,
 * so 256 meant domain 0), and Page_Map checks the end of the range before alignment,
 * with seL4's wrap-around, so an unaligned address at the top of the address space is an
 * alignment error.
 */
/* libsel4's stub takes the domain as 8 bits: the whole word needs a raw call */
static seL4_Word schedule_configure_raw(seL4_Word index, seL4_Word domain, seL4_Word duration)
{
    seL4_SetMR(0, index);
    seL4_SetMR(1, domain);
    seL4_SetMR(2, duration);
    seL4_MessageInfo_t info = seL4_Call(seL4_CapDomain,
                                        seL4_MessageInfo_new(DomainScheduleConfigure, 0, 0, 3));
    return seL4_MessageInfo_get_label(info);
}

static int test_abi_check_orders(harness_env_t *env)
{
    (void)env;
    test_eq(schedule_configure_raw(0, 256, 5), seL4_RangeError);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_GetMR(1), CONFIG_NUM_DOMAINS - 1);
    test_eq(schedule_configure_raw(0, 1ul << 63, 5), seL4_RangeError);
    test_eq(schedule_configure_raw(0, 0, (1ul << 56) - 1), seL4_NoError);

    seL4_CPtr frame = alloc_object(seL4_RISCV_4K_Page, 0);
    test_eq(seL4_RISCV_Page_Map(frame, seL4_CapInitThreadVSpace, 0xfffffffffffff001ul,
                                seL4_AllRights, seL4_RISCV_Default_VMAttributes),
            seL4_AlignmentError);
    test_eq(seL4_RISCV_Page_Map(frame, seL4_CapInitThreadVSpace, 0xfffffffffffff000ul,
                                seL4_AllRights, seL4_RISCV_Default_VMAttributes),
            seL4_InvalidArgument);
    test_eq(seL4_GetMR(0), 0);
    return test_result();
}
DEFINE_TEST(REGRESSIONS0004, "Domain and Page_Map argument checks in seL4's order",
            test_abi_check_orders, true);
