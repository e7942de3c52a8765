/*
 * Ending the run from the root task, in release kernels too (no seL4_DebugHalt there):
 * on QEMU's virt board, its test device (the SiFive "test finisher" at 0x100000) powers
 * the machine off, with QEMU's exit status saying pass or fail. Spike has no such
 * device; there tools/run_qemu.py stops QEMU when it sees the closing line.
 */
#include <harness.h>

#ifdef CONFIG_PLAT_QEMU_RISCV_VIRT
#define FINISHER_PADDR 0x100000ul
#define FINISHER_PASS  0x5555u
#define FINISHER_FAIL  0x3333u

/* The frame at paddr, from the device untyped that covers it (0 if none does). */
static seL4_CPtr device_frame(seL4_Word paddr)
{
    seL4_BootInfo *bi = seL4_GetBootInfo();
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        seL4_UntypedDesc *u = &bi->untypedList[i];
        if (!u->isDevice || paddr < u->paddr || paddr - u->paddr >= (1ul << u->sizeBits)) {
            continue;
        }
        /* retype from the start of the untyped up to paddr, largest pieces first */
        seL4_CPtr ut = bi->untyped.start + i;
        seL4_Word offset = paddr - u->paddr;
        for (int bits = u->sizeBits - 1; bits >= seL4_PageBits; bits--) {
            if (!(offset & (1ul << bits))) {
                continue;
            }
            seL4_CPtr slot = alloc_slot();
            if (!slot || seL4_Untyped_Retype(ut, seL4_UntypedObject, bits,
                                             seL4_CapInitThreadCNode, 0, 0, slot, 1)) {
                return 0;
            }
        }
        seL4_CPtr frame = alloc_slot();
        if (!frame || seL4_Untyped_Retype(ut, seL4_RISCV_4K_Page, 0, seL4_CapInitThreadCNode,
                                          0, 0, frame, 1)) {
            return 0;
        }
        return frame;
    }
    return 0;
}
#endif

void bench_poweroff(bool pass)
{
#ifdef CONFIG_PLAT_QEMU_RISCV_VIRT
    seL4_CPtr frame = device_frame(FINISHER_PADDR);
    seL4_Word vaddr = alloc_vaddr(seL4_PageBits);
    if (frame && map_frame_in(seL4_CapInitThreadVSpace, frame, vaddr, seL4_ReadWrite)) {
        *(volatile uint32_t *)vaddr = pass ? FINISHER_PASS : (1u << 16) | FINISHER_FAIL;
    }
    printf("bench: cannot power the machine off\n");
#else
    (void)pass;
#endif
}
