/*
 * A simple allocator over the root task's untyped memory: slots come from the empty
 * region, objects from the largest RAM untyped, retyped one at a time.
 */
#include <harness.h>

static seL4_SlotPos next_slot;
static seL4_CPtr pool_ut;           /* the untyped objects come from */
static seL4_Word next_vaddr = 0x40000000ul;   /* test mappings live from 1 GiB up */

seL4_SlotPos alloc_slot_mark(void)
{
    if (next_slot == 0) {
        next_slot = seL4_GetBootInfo()->empty.start;
    }
    return next_slot;
}

void alloc_slot_reset(seL4_SlotPos mark)
{
    next_slot = mark;
}

seL4_CPtr alloc_pool(void);

seL4_CPtr alloc_slot(void)
{
    seL4_BootInfo *bi = seL4_GetBootInfo();
    if (next_slot == 0) {
        next_slot = bi->empty.start;
    }
    if (next_slot >= bi->empty.end) {
        printf("harness: out of slots\n");
        return 0;
    }
    return next_slot++;
}

/*
 * The smallest RAM untyped of at least 2^harness_pool_bits bytes; objects come from it.
 * Its first retype resets (clears) it, so a small pool keeps that quick.
 */
int harness_pool_bits = 25;

static seL4_CPtr pool(void)
{
    if (pool_ut) {
        return pool_ut;
    }
    seL4_BootInfo *bi = seL4_GetBootInfo();
    int best = -1;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        seL4_UntypedDesc *u = &bi->untypedList[i];
        if (!u->isDevice && u->sizeBits >= harness_pool_bits &&
            (best < 0 || u->sizeBits < bi->untypedList[best].sizeBits)) {
            best = (int)i;
        }
    }
    pool_ut = bi->untyped.start + best;
    return pool_ut;
}

seL4_CPtr alloc_pool(void)
{
    return pool();
}

seL4_CPtr alloc_object(seL4_Word type, seL4_Word size_bits)
{
    seL4_CPtr slot = alloc_slot();
    if (!slot) {
        return 0;
    }
    seL4_Error err = seL4_Untyped_Retype(pool(), type, size_bits, seL4_CapInitThreadCNode, 0, 0,
                                         slot, 1);
    if (err != seL4_NoError) {
        printf("harness: retype of type %lu size %lu failed: %d\n", type, size_bits, err);
        return 0;
    }
    return slot;
}

seL4_CPtr alloc_untyped(seL4_Word bits)
{
    return alloc_object(seL4_UntypedObject, bits);
}

seL4_Word alloc_vaddr(seL4_Word bits)
{
    seL4_Word v = (next_vaddr + (1ul << bits) - 1) & ~((1ul << bits) - 1);
    next_vaddr = v + (1ul << bits);
    return v;
}

/* Map a frame at vaddr in a VSpace, adding page tables as the walk needs them. */
bool map_frame_in(seL4_CPtr vspace, seL4_CPtr frame, seL4_Word vaddr, seL4_CapRights_t rights)
{
    for (int tries = 0; tries < 3; tries++) {
        seL4_Error err = seL4_RISCV_Page_Map(frame, vspace, vaddr, rights,
                                             seL4_RISCV_Default_VMAttributes);
        if (err == seL4_NoError) {
            return true;
        }
        if (err != seL4_FailedLookup) {
            printf("harness: Page_Map at %lx failed: %d\n", vaddr, err);
            return false;
        }
        seL4_CPtr pt = alloc_object(seL4_RISCV_PageTableObject, 0);
        if (!pt || seL4_RISCV_PageTable_Map(pt, vspace, vaddr,
                                            seL4_RISCV_Default_VMAttributes) != seL4_NoError) {
            printf("harness: PageTable_Map at %lx failed\n", vaddr);
            return false;
        }
    }
    return false;
}

static bool map_frame(seL4_CPtr frame, seL4_Word vaddr)
{
    return map_frame_in(seL4_CapInitThreadVSpace, frame, vaddr, seL4_ReadWrite);
}

void *alloc_mapped_frame(seL4_CPtr *cap)
{
    seL4_CPtr frame = alloc_object(seL4_RISCV_4K_Page, 0);
    seL4_Word vaddr = alloc_vaddr(seL4_PageBits);
    if (!frame || !map_frame(frame, vaddr)) {
        return NULL;
    }
    if (cap) {
        *cap = frame;
    }
    return (void *)vaddr;
}

/* A new VSpace with its own ASID from the root task's pool. */
seL4_CPtr vspace_new(void)
{
    seL4_CPtr pd = alloc_object(seL4_RISCV_PageTableObject, 0);
    if (!pd || seL4_RISCV_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pd) != seL4_NoError) {
        return 0;
    }
    return pd;
}

/* Map a copy of frame at the same address in another VSpace: shared memory. */
bool vspace_share(seL4_CPtr vspace, seL4_CPtr frame, seL4_Word vaddr)
{
    seL4_CPtr copy = alloc_slot();
    return copy && seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, 64, seL4_CapInitThreadCNode,
                                   frame, 64, seL4_AllRights) == seL4_NoError &&
           map_frame_in(vspace, copy, vaddr, seL4_ReadWrite);
}

/* Give another VSpace our program: the root task's image frames, shared. */
bool vspace_share_image(seL4_CPtr vspace)
{
    extern char __executable_start[];
    seL4_BootInfo *bi = seL4_GetBootInfo();
    seL4_Word v = (seL4_Word)__executable_start & ~0xffful;
    for (seL4_CPtr f = bi->userImageFrames.start; f < bi->userImageFrames.end; f++) {
        if (!vspace_share(vspace, f, v)) {
            return false;
        }
        v += 4096;
    }
    return true;
}
