/*
 * The loader's small world: SBI console, memory helpers, ELF and FDT readers.
 */
#pragma once

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <plat/machine/platform_gen.h>

typedef struct elf_info {
    uint64_t entry;
    uint64_t min_vaddr, max_vaddr;   /* [min, max) over PT_LOAD segments */
    uint64_t min_paddr, max_paddr;
} elf_info_t;

void puts(const char *s);
void puthex(uint64_t v);
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
__attribute__((noreturn)) void loader_panic(const char *what, uint64_t addr, const char *why);

bool elf_info(const void *image, size_t size, elf_info_t *info);
/* Zero [start, end), then copy each segment to (paddr if use_paddr else vaddr) + offset. */
void elf_load(const void *image, uint64_t offset, bool use_paddr, uint64_t start, uint64_t end);
void elf_write_phdrs(const void *image, void *dest);
uint64_t fdt_size(const void *fdt);
