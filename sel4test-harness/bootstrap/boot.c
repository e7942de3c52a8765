/*
 * Boot tests: the root task's world is exactly what seL4 16.0.0 hands its root task
 * (seL4's libsel4/include/sel4/bootinfo_types.h, src/kernel/boot.c): bootinfo fields,
 * initial caps, untyped memory, IPC buffer and
 * the device tree in extra bootinfo.
 */
#include <harness.h>

/* Linker symbols bounding this image. */
extern char __executable_start[];
extern char _end[];

#define PAGE 4096ul
#define ROUND_UP(x, a) (((x) + (a) - 1) & ~((a) - 1))

static int test_bootinfo_fields(harness_env_t *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    unsigned long image_end = ROUND_UP((unsigned long)_end, PAGE);

    test_eq(bi->nodeID, 0);
    test_eq(bi->numNodes, CONFIG_MAX_NUM_NODES);
    test_eq(bi->numIOPTLevels, 0);
    test_eq(bi->initThreadCNodeSizeBits, CONFIG_ROOT_CNODE_SIZE_BITS);
    test_eq(bi->initThreadDomain, 0);
    /* IPC buffer right after the image, bootinfo the page after (seL4's src/kernel/boot.c) */
    test_eq((unsigned long)bi->ipcBuffer, image_end);
    test_eq((unsigned long)bi, image_end + PAGE);
    test_eq(seL4_GetBootInfo(), bi);
    test_eq(bi->sharedFrames.start, 0);
    test_eq(bi->sharedFrames.end, 0);
    test_eq(bi->ioSpaceCaps.start, 0);
    test_eq(bi->ioSpaceCaps.end, 0);
    return test_result();
}
DEFINE_TEST(BOOT0001, "Bootinfo fields are as seL4 fills them", test_bootinfo_fields, true);

/* The dynamic slot regions follow each other from slot 16 in seL4's order (seL4's
 * src/kernel/boot.c). */
static int test_bootinfo_regions(harness_env_t *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    unsigned long image_pages =
        (ROUND_UP((unsigned long)_end, PAGE) - ((unsigned long)__executable_start & ~(PAGE - 1))) /
        PAGE;

    test_eq(bi->userImagePaging.start, seL4_NumInitialCaps);
    test_check(bi->userImagePaging.end > bi->userImagePaging.start);
    seL4_SlotPos next = bi->userImagePaging.end;
    if (bi->extraLen) {
        test_eq(bi->extraBIPages.start, next);
        test_eq(bi->extraBIPages.end - bi->extraBIPages.start, ROUND_UP(bi->extraLen, PAGE) / PAGE);
        next = bi->extraBIPages.end;
    } else {
        test_eq(bi->extraBIPages.start, bi->extraBIPages.end);
    }
#ifdef CONFIG_KERNEL_MCS
    test_eq(bi->schedcontrol.start, next);
    test_eq(bi->schedcontrol.end - bi->schedcontrol.start, CONFIG_MAX_NUM_NODES);
    next = bi->schedcontrol.end;
#endif
    test_eq(bi->userImageFrames.start, next);
    test_eq(bi->userImageFrames.end - bi->userImageFrames.start, image_pages);
    test_eq(bi->untyped.start, bi->userImageFrames.end);
    test_check(bi->untyped.end > bi->untyped.start);
    test_check(bi->untyped.end - bi->untyped.start <= CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS);
    test_eq(bi->empty.start, bi->untyped.end);
    test_eq(bi->empty.end, 1ul << CONFIG_ROOT_CNODE_SIZE_BITS);
    return test_result();
}
DEFINE_TEST(BOOT0002, "Bootinfo slot regions are contiguous and in seL4's order",
            test_bootinfo_regions, true);

/* cap tags as seL4_DebugCapIdentify reports them (seL4's
 * include/arch/riscv/arch/object/structures.bf) */
enum { TAG_NULL = 0, TAG_FRAME = 1, TAG_UNTYPED = 2, TAG_PAGE_TABLE = 3, TAG_CNODE = 10,
       TAG_ASID_CONTROL = 11, TAG_THREAD = 12, TAG_ASID_POOL = 13, TAG_IRQ_CONTROL = 14,
       TAG_DOMAIN = 20, TAG_SCHED_CONTEXT = 22, TAG_SCHED_CONTROL = 24 };

static void check_region(seL4_SlotRegion r, unsigned long tag)
{
    for (seL4_SlotPos s = r.start; s < r.end; s++) {
        unsigned long got = seL4_DebugCapIdentify(s);
        if (got != tag) {
            printf("    slot %lu: tag %lu, expected %lu\n", (unsigned long)s, got, tag);
            test_failures++;
        }
    }
}

static int test_initial_caps(harness_env_t *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    test_eq(seL4_DebugCapIdentify(seL4_CapNull), TAG_NULL);
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadTCB), TAG_THREAD);
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadCNode), TAG_CNODE);
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadVSpace), TAG_PAGE_TABLE);
    test_eq(seL4_DebugCapIdentify(seL4_CapIRQControl), TAG_IRQ_CONTROL);
    test_eq(seL4_DebugCapIdentify(seL4_CapASIDControl), TAG_ASID_CONTROL);
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadASIDPool), TAG_ASID_POOL);
    test_eq(seL4_DebugCapIdentify(seL4_CapIOPortControl), TAG_NULL);
    test_eq(seL4_DebugCapIdentify(seL4_CapIOSpace), TAG_NULL);
    test_eq(seL4_DebugCapIdentify(seL4_CapBootInfoFrame), TAG_FRAME);
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadIPCBuffer), TAG_FRAME);
    test_eq(seL4_DebugCapIdentify(seL4_CapDomain), TAG_DOMAIN);
    test_eq(seL4_DebugCapIdentify(seL4_CapSMMUSIDControl), TAG_NULL);
    test_eq(seL4_DebugCapIdentify(seL4_CapSMMUCBControl), TAG_NULL);
#ifdef CONFIG_KERNEL_MCS
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadSC), TAG_SCHED_CONTEXT);
    check_region(bi->schedcontrol, TAG_SCHED_CONTROL);
#else
    test_eq(seL4_DebugCapIdentify(seL4_CapInitThreadSC), TAG_NULL);
#endif
    test_eq(seL4_DebugCapIdentify(seL4_CapSMC), TAG_NULL);
    check_region(bi->userImagePaging, TAG_PAGE_TABLE);
    check_region(bi->extraBIPages, TAG_FRAME);
    check_region(bi->userImageFrames, TAG_FRAME);
    check_region(bi->untyped, TAG_UNTYPED);
    /*
     * The empty region really is empty: from the first slot no test has taken yet to
     * its end (tests that ran earlier use slots from its start).
     */
    seL4_SlotPos first_free = alloc_slot();
    seL4_SlotRegion probe = { first_free, first_free + 16 };
    check_region(probe, TAG_NULL);
    for (seL4_SlotPos s = first_free; s < bi->empty.end; s += 97) {
        test_eq(seL4_DebugCapIdentify(s), TAG_NULL);
    }
    test_eq(seL4_DebugCapIdentify(bi->empty.end - 1), TAG_NULL);
    return test_result();
}
DEFINE_TEST(BOOT0003, "Every initial cap identifies as its type", test_initial_caps, true);

static const seL4_BootInfoHeader *find_fdt(seL4_BootInfo *bi)
{
    const char *p = (const char *)bi + PAGE;
    const char *end = p + bi->extraLen;
    while (p + sizeof(seL4_BootInfoHeader) <= end) {
        const seL4_BootInfoHeader *h = (const seL4_BootInfoHeader *)p;
        if (h->id == SEL4_BOOTINFO_HEADER_FDT) {
            return h;
        }
        if (h->len == 0) {
            break;
        }
        p += h->len;
    }
    return NULL;
}

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

static int test_extra_bootinfo(harness_env_t *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    test_check(bi->extraLen > sizeof(seL4_BootInfoHeader));
    const seL4_BootInfoHeader *h = find_fdt(bi);
    test_check(h != NULL);
    if (h) {
        const void *dtb = h + 1;
        test_eq(be32(dtb), 0xd00dfeed);
        test_eq(h->len, sizeof(*h) + be32((const char *)dtb + 4));
        test_eq(h->len, bi->extraLen);
    }
    return test_result();
}
DEFINE_TEST(BOOT0004, "Extra bootinfo carries the device tree", test_extra_bootinfo, true);

/*
 * Untyped descriptors: aligned power-of-two blocks within seL4's size limits, no two
 * overlapping, RAM ones inside the board's memory, device ones outside it, and
 * together covering all RAM the kernel and root task do not use.
 */
static int test_untyped_list(harness_env_t *env)
{
    seL4_BootInfo *bi = env->bootinfo;
    unsigned long n = bi->untyped.end - bi->untyped.start;
    uint64_t mem_base[8], mem_size[8];
    int mem_count = 0;
    const seL4_BootInfoHeader *h = find_fdt(bi);
    test_check(h && fdt_memory_regions(h + 1, mem_base, mem_size, 8, &mem_count));
    test_check(mem_count > 0);

    /* the firmware's memory: the first 2 MiB of RAM (config/opensbi.dts) */
    uint64_t fw_start = mem_base[0], fw_end = mem_base[0] + (2ull << 20), fw_device = 0;
    uint64_t ram_untyped = 0, ram_total = 0;
    for (int m = 0; m < mem_count; m++) {
        ram_total += mem_size[m];
    }
    for (unsigned long i = 0; i < n; i++) {
        const seL4_UntypedDesc *u = &bi->untypedList[i];
        uint64_t start = u->paddr, end = u->paddr + (1ull << u->sizeBits);
        test_check(u->sizeBits >= seL4_MinUntypedBits && u->sizeBits <= seL4_MaxUntypedBits);
        test_check((start & ((1ull << u->sizeBits) - 1)) == 0);
        test_check(u->isDevice == 0 || u->isDevice == 1);
        bool in_ram = false;
        for (int m = 0; m < mem_count; m++) {
            if (start >= mem_base[m] && end <= mem_base[m] + mem_size[m]) {
                in_ram = true;
            }
            bool overlaps = start < mem_base[m] + mem_size[m] && end > mem_base[m];
            bool in_firmware = start >= fw_start && end <= fw_end;
            if (u->isDevice && overlaps && !in_firmware) {
                printf("    device untyped %lx..%lx overlaps RAM\n", (unsigned long)start,
                       (unsigned long)end);
                test_failures++;
            }
        }
        if (!u->isDevice) {
            test_check(in_ram);
            ram_untyped += end - start;
        }
        for (unsigned long j = 0; j < i; j++) {
            const seL4_UntypedDesc *v = &bi->untypedList[j];
            uint64_t vs = v->paddr, ve = v->paddr + (1ull << v->sizeBits);
            if (start < ve && vs < end) {
                printf("    untypeds %lu and %lu overlap\n", i, j);
                test_failures++;
            }
        }
        for (int k = 0; k < 6; k++) {
            test_eq(u->padding[k], 0);
        }
    }
    /*
     * The firmware's memory is in no RAM untyped; as in seL4 16.0.0 it is handed out
     * whole as device untyped (OpenSBI's PMP keeps S- and U-mode out of it).
     */
    for (unsigned long i = 0; i < n; i++) {
        const seL4_UntypedDesc *u = &bi->untypedList[i];
        uint64_t start = u->paddr, end = u->paddr + (1ull << u->sizeBits);
        if (start < fw_end && end > fw_start) {
            if (!u->isDevice) {
                printf("    RAM untyped %lx..%lx covers the firmware\n", (unsigned long)start,
                       (unsigned long)end);
                test_failures++;
            } else {
                fw_device += end - start;
            }
        }
    }
    test_eq(fw_device, fw_end - fw_start);
    /* all but what the firmware, kernel and root task hold: a few MiB at most */
    test_check(ram_untyped <= ram_total);
    test_check(ram_total - ram_untyped < (16ull << 20));
    return test_result();
}
DEFINE_TEST(BOOT0005, "Untyped list covers memory without overlap", test_untyped_list, true);

static int test_ipc_buffer_writable(harness_env_t *env)
{
    volatile seL4_Word *words = (volatile seL4_Word *)env->bootinfo->ipcBuffer;
    for (unsigned i = 0; i < sizeof(seL4_IPCBuffer) / sizeof(seL4_Word); i++) {
        words[i] = 0x5a5a000000000000ul | i;
    }
    for (unsigned i = 0; i < sizeof(seL4_IPCBuffer) / sizeof(seL4_Word); i++) {
        test_eq(words[i], 0x5a5a000000000000ul | i);
    }
    memset((void *)env->bootinfo->ipcBuffer, 0, sizeof(seL4_IPCBuffer));
    test_eq(seL4_GetIPCBuffer(), env->bootinfo->ipcBuffer);
    return test_result();
}
DEFINE_TEST(BOOT0006, "The IPC buffer is mapped and writable", test_ipc_buffer_writable, true);
