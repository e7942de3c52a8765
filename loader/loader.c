/*
 * The Larch loader: places the kernel, the device tree and the root task in physical
 * memory the way seL4's elfloader does, turns on Sv39 paging with a minimal map, and
 * enters the kernel with seL4's hand-off (what seL4_tools' elfloader passes; seL4's
 * src/arch/riscv/head.S):
 *   a0 = ui_p_reg_start, a1 = ui_p_reg_end, a2 = pv_offset, a3 = v_entry,
 *   a4 = dtb_addr_p, a5 = dtb_size.
 */
#include "loader.h"

extern const char kernel_image_start[], kernel_image_end[];
extern const char rootserver_image_start[], rootserver_image_end[];
extern const char dtb_image_start[], dtb_image_end[];
extern const char loader_image_start[], loader_image_end[];

/* Sv39: a root table mapping 1 GiB pages is all the loader needs. */
static uint64_t boot_pt[512] __attribute__((aligned(4096)));

#define PAGE_BITS       12
#define GIGA_BITS       30
#define PTE_FLAGS_RWX   0xcfull   /* V R W X A D: a global-less, supervisor leaf */
#define SATP_SV39       (8ull << 60)

static const uint64_t ram[][2] = PLAT_AVAIL_REGIONS;
static const uint64_t firmware[][2] = PLAT_RESERVED_REGIONS;

static uint64_t round_up(uint64_t x, unsigned bits)
{
    return (x + (1ull << bits) - 1) & ~((1ull << bits) - 1);
}

static uint64_t round_down(uint64_t x, unsigned bits)
{
    return x & ~((1ull << bits) - 1);
}

/* [start, end) must lie in RAM and clear of the firmware and of the loader itself. */
static void check_region(const char *what, uint64_t start, uint64_t end)
{
    bool in_ram = false;
    for (unsigned i = 0; i < sizeof(ram) / sizeof(ram[0]); i++) {
        if (start >= ram[i][0] && end <= ram[i][1]) {
            in_ram = true;
        }
    }
    if (!in_ram) {
        loader_panic(what, start, "is not inside usable RAM");
    }
    for (unsigned i = 0; i < sizeof(firmware) / sizeof(firmware[0]); i++) {
        if (start < firmware[i][1] && end > firmware[i][0]) {
            loader_panic(what, start, "overlaps the firmware");
        }
    }
    if (start < (uint64_t)loader_image_end && end > (uint64_t)loader_image_start) {
        loader_panic(what, start, "overlaps the loader");
    }
}

static void map_giga(uint64_t vaddr, uint64_t paddr)
{
    boot_pt[(vaddr >> GIGA_BITS) & 511] = ((paddr >> PAGE_BITS) << 10) | PTE_FLAGS_RWX;
}

void loader_main(uint64_t hart_id, uint64_t fw_dtb)
{
    puts("Larch loader: hart ");
    puthex(hart_id);
    puts("\n");

    elf_info_t kernel, root;
    if (!elf_info(kernel_image_start, kernel_image_end - kernel_image_start, &kernel)) {
        loader_panic("kernel image", 0, "is not a riscv64 executable ELF");
    }
    if (!elf_info(rootserver_image_start, rootserver_image_end - rootserver_image_start, &root)) {
        loader_panic("root task image", 0, "is not a riscv64 executable ELF");
    }

    /* kernel: at its physical addresses */
    if ((kernel.min_paddr | kernel.min_vaddr) & ((1ull << 21) - 1)) {
        loader_panic("kernel", kernel.min_paddr, "is not 2 MiB aligned");
    }
    uint64_t kernel_end = round_up(kernel.max_paddr, PAGE_BITS);
    check_region("kernel", kernel.min_paddr, kernel_end);
    elf_load(kernel_image_start, 0, true, kernel.min_paddr,
             kernel_end);

    /* device tree: the build's, else the firmware's, on the next page */
    uint64_t embedded_size = (uint64_t)dtb_image_end - (uint64_t)dtb_image_start;
    const void *dtb = embedded_size ? (const void *)dtb_image_start
                                                      : (const void *)fw_dtb;
    uint64_t dtb_size = fdt_size(dtb);
    uint64_t dtb_paddr = dtb_size ? kernel_end : 0;
    uint64_t next = kernel_end;
    if (dtb_size) {
        check_region("device tree", dtb_paddr, dtb_paddr + dtb_size);
        memcpy((void *)dtb_paddr, dtb, dtb_size);
        next = round_up(dtb_paddr + dtb_size, PAGE_BITS);
    }

    /* root task: vaddr v at v + pv_offset, then a page with its program headers */
    uint64_t ui_start = next;
    uint64_t v_min = round_down(root.min_vaddr, PAGE_BITS);
    uint64_t ui_end = ui_start + (round_up(root.max_vaddr, PAGE_BITS) - v_min);
    uint64_t pv_offset = ui_start - v_min;
    check_region("root task", ui_start, ui_end + (1ull << PAGE_BITS));
    elf_load(rootserver_image_start, pv_offset, false, ui_start, ui_end);
    elf_write_phdrs(rootserver_image_start, (void *)ui_end);

    /* paging: ourselves identity-mapped, the kernel at its link address */
    map_giga((uint64_t)loader_image_start, round_down((uint64_t)loader_image_start, GIGA_BITS));
    map_giga(kernel.min_vaddr, round_down(kernel.min_paddr, GIGA_BITS));

    puts("Larch loader: kernel ");
    puthex(kernel.min_paddr);
    puts("..");
    puthex(kernel_end);
    puts(", dtb ");
    puthex(dtb_paddr);
    puts(", root task ");
    puthex(ui_start);
    puts("..");
    puthex(ui_end);
    puts("\n");

    uint64_t satp = SATP_SV39 | ((uint64_t)boot_pt >> PAGE_BITS);
    __asm__ volatile("csrw satp, %0\n\tsfence.vma\n\tfence.i" :: "r"(satp) : "memory");

    typedef void (*kernel_entry_t)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
    kernel_entry_t entry = (kernel_entry_t)kernel.entry;
    entry(ui_start, ui_end, pv_offset, root.entry, dtb_paddr, dtb_size);
    loader_panic("kernel", kernel.entry, "returned");
}
