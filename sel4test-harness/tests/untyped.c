/*
 * Untyped_Retype (RETYPE/UNTYPED ground): every object type, and every error with its
 * details (seL4's src/object/untyped.c).
 */
#include <harness.h>

static int test_retype_all_types(harness_env_t *env)
{
    (void)env;
    static const struct { seL4_Word type, size; unsigned tag; } objs[] = {
        { seL4_UntypedObject, 12, 2 }, { seL4_TCBObject, 0, 12 },
        { seL4_EndpointObject, 0, 4 }, { seL4_NotificationObject, 0, 6 },
        { seL4_CapTableObject, 4, 10 }, { seL4_RISCV_4K_Page, 0, 1 },
        { seL4_RISCV_Mega_Page, 0, 1 }, { seL4_RISCV_PageTableObject, 0, 3 },
#ifdef CONFIG_KERNEL_MCS
        { seL4_SchedContextObject, 8, 22 }, { seL4_ReplyObject, 0, 8 },
#endif
    };
    for (unsigned i = 0; i < sizeof(objs) / sizeof(objs[0]); i++) {
        seL4_CPtr cap = alloc_object(objs[i].type, objs[i].size);
        test_check(cap != 0);
        test_eq(seL4_DebugCapIdentify(cap), objs[i].tag);
    }
    return test_result();
}
DEFINE_TEST(RETYPE0001, "Retype creates every object type", test_retype_all_types, true);

/* Fill several destination slots at once, and find them all filled. */
static int test_retype_fan_out(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ut = alloc_untyped(16);
    seL4_CPtr first = alloc_slot();
    for (int i = 1; i < 8; i++) {
        alloc_slot();
    }
    test_eq(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, seL4_CapInitThreadCNode, 0, 0,
                                first, 8), seL4_NoError);
    for (int i = 0; i < 8; i++) {
        test_eq(seL4_DebugCapIdentify(first + i), 4);
    }
    /* the slots are now taken */
    test_eq(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, seL4_CapInitThreadCNode, 0, 0,
                                first + 7, 1), seL4_DeleteFirst);
    return test_result();
}
DEFINE_TEST(RETYPE0002, "Retype fills a window of slots", test_retype_fan_out, true);

static int test_retype_errors(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ut = alloc_untyped(16);
    seL4_CPtr slot = alloc_slot();
    seL4_CPtr root = seL4_CapInitThreadCNode;

    test_eq(seL4_Untyped_Retype(ut, seL4_ObjectTypeCount, 0, root, 0, 0, slot, 1),
            seL4_InvalidArgument);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_Untyped_Retype(ut, seL4_UntypedObject, 39, root, 0, 0, slot, 1),
            seL4_RangeError);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_GetMR(1), seL4_MaxUntypedBits);
    test_eq(seL4_Untyped_Retype(ut, seL4_UntypedObject, 64, root, 0, 0, slot, 1),
            seL4_RangeError);
    test_eq(seL4_Untyped_Retype(ut, seL4_CapTableObject, 0, root, 0, 0, slot, 1),
            seL4_InvalidArgument);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_Untyped_Retype(ut, seL4_UntypedObject, 3, root, 0, 0, slot, 1),
            seL4_InvalidArgument);
    test_eq(seL4_GetMR(0), 1);
    /* offset past the end of the root CNode */
    test_eq(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, root, 0, 0,
                                1ul << CONFIG_ROOT_CNODE_SIZE_BITS, 1), seL4_RangeError);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_GetMR(1), (1ul << CONFIG_ROOT_CNODE_SIZE_BITS) - 1);
    test_eq(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, root, 0, 0, slot, 0),
            seL4_RangeError);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_GetMR(1), CONFIG_RETYPE_FAN_OUT_LIMIT);
    test_eq(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, root, 0, 0, slot, 257),
            seL4_RangeError);
    test_eq(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, root, 0, 0,
                                (1ul << CONFIG_ROOT_CNODE_SIZE_BITS) - 2, 3), seL4_RangeError);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_GetMR(1), 2);
    /* occupied destination */
    test_eq(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, root, 0, 0, seL4_CapInitThreadTCB, 1),
            seL4_DeleteFirst);
    /* destination CNode that is not a CNode: depth 64 lookup of the TCB cap */
    test_eq(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, root, seL4_CapInitThreadTCB, 64,
                                0, 1), seL4_FailedLookup);
    test_eq(seL4_GetMR(0), 0);
    test_eq(seL4_GetMR(1), seL4_MissingCapability);
    test_eq(seL4_GetMR(2), 64);
    /* too big for the untyped: NotEnoughMemory with the bytes left */
    test_eq(seL4_Untyped_Retype(ut, seL4_UntypedObject, 17, root, 0, 0, slot, 1),
            seL4_NotEnoughMemory);
    test_eq(seL4_GetMR(0), 1ul << 16);
    /* the failures changed nothing: the whole untyped is still there */
    test_eq(seL4_Untyped_Retype(ut, seL4_UntypedObject, 16, root, 0, 0, slot, 1), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(slot), 2);
    /* now it has a child: nothing more fits */
    seL4_CPtr slot2 = alloc_slot();
    test_eq(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, root, 0, 0, slot2, 1),
            seL4_NotEnoughMemory);
    test_eq(seL4_GetMR(0), 0);
    return test_result();
}
DEFINE_TEST(RETYPE0003, "Retype reports each error with seL4's details", test_retype_errors, true);

/* Device untyped gives frames and untyped only. */
static int test_retype_device(harness_env_t *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    seL4_CPtr dev = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        if (bi->untypedList[i].isDevice && bi->untypedList[i].sizeBits >= seL4_PageBits) {
            dev = bi->untyped.start + i;
            break;
        }
    }
    test_check(dev != 0);
    seL4_CPtr slot = alloc_slot();
    test_eq(seL4_Untyped_Retype(dev, seL4_TCBObject, 0, seL4_CapInitThreadCNode, 0, 0, slot, 1),
            seL4_InvalidArgument);
    test_eq(seL4_GetMR(0), 1);
    test_eq(seL4_Untyped_Retype(dev, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode, 0, 0, slot,
                                1), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(slot), 1);
    return test_result();
}
DEFINE_TEST(RETYPE0004, "Device untyped retypes only to frames and untyped", test_retype_device,
            true);

/* How many bytes of the 4 KiB page at vaddr are not zero. */
static int nonzero_bytes(seL4_Word vaddr)
{
    const unsigned char *p = (const unsigned char *)vaddr;
    int nonzero = 0;
    for (int i = 0; i < 4096; i++) {
        nonzero += p[i] != 0;
    }
    return nonzero;
}

/* After revoking its children an untyped is reset: its memory is zero again. */
static int test_untyped_reset(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ut = alloc_untyped(16);
    seL4_CPtr frame = alloc_slot();
    test_eq(seL4_Untyped_Retype(ut, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode, 0, 0, frame,
                                1), seL4_NoError);
    seL4_Word vaddr = alloc_vaddr(seL4_PageBits);
    seL4_Error err = seL4_RISCV_Page_Map(frame, seL4_CapInitThreadVSpace, vaddr, seL4_ReadWrite,
                                         seL4_RISCV_Default_VMAttributes);
    if (err == seL4_FailedLookup) {
        /* needs page tables: let the allocator's mapping path make them, then retry */
        seL4_CPtr tmp;
        test_check(alloc_mapped_frame(&tmp) != NULL);
        vaddr = alloc_vaddr(seL4_PageBits);
        err = seL4_RISCV_Page_Map(frame, seL4_CapInitThreadVSpace, vaddr, seL4_ReadWrite,
                                  seL4_RISCV_Default_VMAttributes);
    }
    test_eq(err, seL4_NoError);
    memset((void *)vaddr, 0xa5, 4096);
    test_eq(seL4_CNode_Revoke(seL4_CapInitThreadCNode, ut, 64), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(frame), 0);
    /* retype again: same memory, which must now read as zero */
    test_eq(seL4_Untyped_Retype(ut, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode, 0, 0, frame,
                                1), seL4_NoError);
    seL4_Word v2 = alloc_vaddr(seL4_PageBits);
    err = seL4_RISCV_Page_Map(frame, seL4_CapInitThreadVSpace, v2, seL4_ReadWrite,
                              seL4_RISCV_Default_VMAttributes);
    test_eq(err, seL4_NoError);
    if (err == seL4_NoError) {
        test_eq(nonzero_bytes(v2), 0);
    }
    return test_result();
}
DEFINE_TEST(UNTYPED0001, "A revoked untyped is reset to zeroed memory", test_untyped_reset, true);

/*
 * Objects made through a copy of an untyped dirty memory the original's free index does
 * not cover. Copying marks the original full, so after a revoke the original resets the
 * whole region: a frame retyped from it again reads as zero (sel4test's driver relies
 * on this when it hands each test process copies of its untypeds).
 */
static int test_untyped_copy_reset(harness_env_t *env)
{
    (void)env;
    seL4_CPtr ut = alloc_untyped(16);
    seL4_CPtr copy = alloc_slot();
    seL4_CPtr frame = alloc_slot();
    test_eq(seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, 64, seL4_CapInitThreadCNode, ut, 64,
                            seL4_AllRights), seL4_NoError);
    test_eq(seL4_Untyped_Retype(copy, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode, 0, 0,
                                frame, 1), seL4_NoError);
    seL4_CPtr tmp;
    test_check(alloc_mapped_frame(&tmp) != NULL);   /* page tables for what follows */
    seL4_Word vaddr = alloc_vaddr(seL4_PageBits);
    test_eq(seL4_RISCV_Page_Map(frame, seL4_CapInitThreadVSpace, vaddr, seL4_ReadWrite,
                                seL4_RISCV_Default_VMAttributes), seL4_NoError);
    memset((void *)vaddr, 0x5a, 4096);
    /* while the copy exists the original cannot make objects over the same memory */
    test_eq(seL4_Untyped_Retype(ut, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode, 0, 0,
                                alloc_slot(), 1), seL4_NotEnoughMemory);
    test_eq(seL4_CNode_Revoke(seL4_CapInitThreadCNode, ut, 64), seL4_NoError);
    test_eq(seL4_DebugCapIdentify(copy), 0);
    test_eq(seL4_DebugCapIdentify(frame), 0);
    test_eq(seL4_Untyped_Retype(ut, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode, 0, 0, frame,
                                1), seL4_NoError);
    seL4_Word v2 = alloc_vaddr(seL4_PageBits);
    test_eq(seL4_RISCV_Page_Map(frame, seL4_CapInitThreadVSpace, v2, seL4_ReadWrite,
                                seL4_RISCV_Default_VMAttributes), seL4_NoError);
    test_eq(nonzero_bytes(v2), 0);
    return test_result();
}
DEFINE_TEST(UNTYPED0002, "Copying an untyped marks the original full, so it resets later",
            test_untyped_copy_reset, true);
