/*
 * Thread-local storage for the root thread. libsel4 keeps the IPC buffer pointer in a
 * thread-local variable, so tp must point at an initialised TLS block before any
 * libsel4 call that touches it. RISC-V uses TLS variant I: the block starts at tp.
 * The block's image is described by the PT_TLS program header of our own ELF.
 */
#include <harness.h>

/* The two ELF64 header layouts we read (ELF specification). */
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

#define PT_TLS 7

/* The linker defines this when the ELF header is part of the loaded image. */
extern const Elf64_Ehdr __ehdr_start;

/* libsel4 reads the IPC buffer pointer from here (thread-local, one per thread). */
__thread seL4_IPCBuffer *__sel4_ipc_buffer;

static char tls_area[4096] __attribute__((aligned(64)));

void harness_init_tls(void)
{
    const Elf64_Phdr *ph = (const Elf64_Phdr *)((const char *)&__ehdr_start +
                                                __ehdr_start.e_phoff);
    for (int i = 0; i < __ehdr_start.e_phnum; i++) {
        if (ph[i].p_type != PT_TLS) {
            continue;
        }
        if (ph[i].p_memsz > sizeof(tls_area) || ph[i].p_align > 64) {
            printf("harness: TLS block too big or too aligned\n");
            for (;;) {
                seL4_Yield();
            }
        }
        memcpy(tls_area, (const void *)ph[i].p_vaddr, ph[i].p_filesz);
        memset(tls_area + ph[i].p_filesz, 0, ph[i].p_memsz - ph[i].p_filesz);
    }
    __asm__ volatile("mv tp, %0" :: "r"(tls_area) : "memory");
}
