/*
 * Loading an ELF executable into a new address space: every page of every PT_LOAD
 * segment gets a fresh frame, filled through a temporary mapping in our own VSpace.
 */
#include <harness.h>
#include <elf64.h>

#define PAGE    4096ul

bool elf_load_into(seL4_CPtr vspace, const void *image, seL4_Word *entry)
{
    const Elf64_Ehdr *eh = image;
    if (eh->e_ident[0] != 0x7f || eh->e_ident[1] != 'E' || eh->e_machine != EM_RISCV) {
        return false;
    }
    for (int i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *ph = elf64_phdr(eh, i);
        if (ph->p_type != PT_LOAD) {
            continue;
        }
        seL4_Word start = ph->p_vaddr & ~(PAGE - 1);
        seL4_Word end = (ph->p_vaddr + ph->p_memsz + PAGE - 1) & ~(PAGE - 1);
        for (seL4_Word page = start; page < end; page += PAGE) {
            seL4_CPtr frame;
            char *tmp = alloc_mapped_frame(&frame);
            if (!tmp) {
                return false;
            }
            /* the part of the file image that falls in this page; the rest stays zero */
            for (seL4_Word off = 0; off < PAGE; off++) {
                seL4_Word v = page + off;
                if (v >= ph->p_vaddr && v < ph->p_vaddr + ph->p_filesz) {
                    tmp[off] = ((const char *)image)[ph->p_offset + (v - ph->p_vaddr)];
                }
            }
            if (!vspace_share(vspace, frame, page)) {
                return false;
            }
        }
    }
    *entry = eh->e_entry;
    return true;
}
