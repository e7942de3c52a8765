/*
 * ELF64 executables: bounds and loading (ELF specification; only what a loader needs).
 */
#include "loader.h"

typedef struct {
    unsigned char e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} elf64_ehdr_t;

typedef struct {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} elf64_phdr_t;

#define ELFCLASS64  2
#define ET_EXEC     2
#define EM_RISCV    243
#define PT_LOAD     1

static const elf64_phdr_t *phdr(const elf64_ehdr_t *eh, unsigned i)
{
    return (const elf64_phdr_t *)((const char *)eh + eh->e_phoff + (uint64_t)i * eh->e_phentsize);
}

bool elf_info(const void *image, size_t size, elf_info_t *info)
{
    const elf64_ehdr_t *eh = image;
    if (size < sizeof(*eh) || eh->e_ident[0] != 0x7f || eh->e_ident[1] != 'E' ||
        eh->e_ident[2] != 'L' || eh->e_ident[3] != 'F' || eh->e_ident[4] != ELFCLASS64 ||
        eh->e_type != ET_EXEC || eh->e_machine != EM_RISCV ||
        eh->e_phoff + (uint64_t)eh->e_phnum * eh->e_phentsize > size) {
        return false;
    }
    info->entry = eh->e_entry;
    info->min_vaddr = info->min_paddr = UINT64_MAX;
    info->max_vaddr = info->max_paddr = 0;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        const elf64_phdr_t *ph = phdr(eh, i);
        if (ph->p_type != PT_LOAD || ph->p_memsz == 0) {
            continue;
        }
        if (ph->p_offset + ph->p_filesz > size || ph->p_filesz > ph->p_memsz) {
            return false;
        }
        if (ph->p_vaddr < info->min_vaddr) {
            info->min_vaddr = ph->p_vaddr;
        }
        if (ph->p_vaddr + ph->p_memsz > info->max_vaddr) {
            info->max_vaddr = ph->p_vaddr + ph->p_memsz;
        }
        if (ph->p_paddr < info->min_paddr) {
            info->min_paddr = ph->p_paddr;
        }
        if (ph->p_paddr + ph->p_memsz > info->max_paddr) {
            info->max_paddr = ph->p_paddr + ph->p_memsz;
        }
    }
    return info->max_vaddr > info->min_vaddr;
}

void elf_load(const void *image, uint64_t offset, bool use_paddr, uint64_t start, uint64_t end)
{
    const elf64_ehdr_t *eh = image;
    memset((void *)start, 0, end - start);
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        const elf64_phdr_t *ph = phdr(eh, i);
        if (ph->p_type != PT_LOAD) {
            continue;
        }
        uint64_t dest = (use_paddr ? ph->p_paddr : ph->p_vaddr) + offset;
        if (dest < start || dest + ph->p_memsz > end) {
            loader_panic("ELF segment", dest, "falls outside its region");
        }
        memcpy((void *)dest, (const char *)image + ph->p_offset, ph->p_filesz);
    }
}

/* seL4's elfloader leaves phnum, phentsize and the headers after the root task. */
void elf_write_phdrs(const void *image, void *dest)
{
    const elf64_ehdr_t *eh = image;
    uint32_t *words = dest;
    words[0] = eh->e_phnum;
    words[1] = eh->e_phentsize;
    memcpy(words + 2, phdr(eh, 0), (size_t)eh->e_phnum * eh->e_phentsize);
}

uint64_t fdt_size(const void *fdt)
{
    const uint8_t *b = fdt;
    if (!fdt) {
        return 0;
    }
    uint32_t magic = ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
    if (magic != 0xd00dfeed) {
        return 0;
    }
    return ((uint32_t)b[4] << 24) | ((uint32_t)b[5] << 16) | ((uint32_t)b[6] << 8) | b[7];
}
