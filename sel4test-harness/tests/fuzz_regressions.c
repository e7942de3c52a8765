/*
 * Regression tests for kernel bugs the fuzz campaign (FUZZ0003) found: each is the
 * smallest sequence that shows the bug, named FUZZREGRESSIONnnnn.
 */
#include <harness.h>

#define ROOT seL4_CapInitThreadCNode

#ifdef CONFIG_PLAT_QEMU_RISCV_VIRT
/*
 * FUZZ0003 seed 1 (round 8 under -icount; round 4 without): after the end-of-round
 * revoke, endpoints and notifications retyped from the revoked untyped were still in
 * the sandbox. Cause (issue 10, item 1): deleting the last IRQHandler cap of an IRQ
 * with a notification set emptied the IRQ node slot without unlinking it from the
 * derivation tree, so a later revoke of the untyped stopped at that dead slot and left
 * the untyped's other children alive while the untyped counted as empty.
 * Both ways of deleting the handler: CNode_Delete, and a revoke of IRQControl.
 */
static int test_irq_handler_delete_keeps_mdb(harness_env_t *env)
{
    (void)env;
    for (int how = 0; how < 2; how++) {
        seL4_CPtr ut = alloc_untyped(16);
        seL4_CPtr x = alloc_slot(), n = alloc_slot(), h = alloc_slot(), tmp = alloc_slot();
        test_eq(seL4_Untyped_Retype(ut, seL4_RISCV_4K_Page, 0, ROOT, 0, 0, x, 1), seL4_NoError);
        test_eq(seL4_Untyped_Retype(ut, seL4_NotificationObject, 0, ROOT, 0, 0, n, 1),
                seL4_NoError);
        test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, 7, ROOT, h, 64), seL4_NoError);
        test_eq(seL4_IRQHandler_SetNotification(h, n), seL4_NoError);
        if (how == 0) {
            test_eq(seL4_CNode_Delete(ROOT, h, 64), seL4_NoError);
        } else {
            test_eq(seL4_CNode_Revoke(ROOT, seL4_CapIRQControl, 64), seL4_NoError);
        }
        test_eq(seL4_DebugCapIdentify(h), 0);
        test_eq(seL4_CNode_Revoke(ROOT, ut, 64), seL4_NoError);
        /* the revoke took every child: the frame and the notification are gone */
        test_eq(seL4_DebugCapIdentify(x), 0);
        test_eq(seL4_DebugCapIdentify(n), 0);
        /* and the untyped is whole again */
        test_eq(seL4_Untyped_Retype(ut, seL4_UntypedObject, 16, ROOT, 0, 0, tmp, 1),
                seL4_NoError);
        test_eq(seL4_CNode_Delete(ROOT, tmp, 64), seL4_NoError);
        /* the IRQ is free */
        test_eq(seL4_IRQControl_Get(seL4_CapIRQControl, 7, ROOT, h, 64), seL4_NoError);
        test_eq(seL4_CNode_Delete(ROOT, h, 64), seL4_NoError);
    }
    return test_result();
}
DEFINE_TEST(FUZZREGRESSION0001, "Deleting an IRQ handler with a notification keeps the MDB whole",
            test_irq_handler_delete_keeps_mdb, true);
#else
/* spike has no IRQs to hand out */
DEFINE_TEST(FUZZREGRESSION0001, "Deleting an IRQ handler with a notification keeps the MDB whole",
            NULL, false);
#endif
