/*
 * Loading an ELF executable into a new address space: every page of every PT_LOAD
 * segment gets a fresh frame, filled through a temporary mapping in our own VSpace.
 */
#include <harness.h>

typedef struct {
    unsigned char e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} ehdr_t;

typedef struct {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} phdr_t;

#define PT_LOAD 1
#define PAGE    4096ul

bool elf_load_into(seL4_CPtr vspace, const void *image, seL4_Word *entry)
{
    const ehdr_t *eh = image;
    if (eh->e_ident[0] != 0x7f || eh->e_ident[1] != 'E' || eh->e_machine != 243) {
        return false;
    }
    for (int i = 0; i < eh->e_phnum; i++) {
        const phdr_t *ph = (const phdr_t *)((const char *)image + eh->e_phoff +
                                            (uint64_t)i * eh->e_phentsize);
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
