/*
 * The two ELF64 header layouts the harness reads (ELF specification).
 */
#pragma once

#include <stdint.h>

typedef struct {
    unsigned char e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf64_Ehdr;

typedef struct {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} Elf64_Phdr;

#define PT_LOAD 1
#define PT_TLS  7
#define EM_RISCV 243

static inline const Elf64_Phdr *elf64_phdr(const Elf64_Ehdr *eh, unsigned i)
{
    return (const Elf64_Phdr *)((const char *)eh + eh->e_phoff + (uint64_t)i * eh->e_phentsize);
}

typedef struct {
    uint32_t sh_name, sh_type;
    uint64_t sh_flags, sh_addr, sh_offset, sh_size;
    uint32_t sh_link, sh_info;
    uint64_t sh_addralign, sh_entsize;
} Elf64_Shdr;

static inline const Elf64_Shdr *elf64_shdr(const Elf64_Ehdr *eh, unsigned i)
{
    return (const Elf64_Shdr *)((const char *)eh + eh->e_shoff + (uint64_t)i * eh->e_shentsize);
}
