/*
 * Thread-local storage for the root thread. libsel4 keeps the IPC buffer pointer in a
 * thread-local variable, so tp must point at an initialised TLS block before any
 * libsel4 call that touches it. RISC-V uses TLS variant I: the block starts at tp.
 * The block's image is described by the PT_TLS program header of our own ELF.
 */
#include <harness.h>
#include <elf64.h>

/* The linker defines this when the ELF header is part of the loaded image. */
extern const Elf64_Ehdr __ehdr_start;

static char tls_area[4096] __attribute__((aligned(64)));

void harness_init_tls(void)
{
    for (int i = 0; i < __ehdr_start.e_phnum; i++) {
        const Elf64_Phdr *ph = elf64_phdr(&__ehdr_start, i);
        if (ph->p_type != PT_TLS) {
            continue;
        }
        if (ph->p_memsz > sizeof(tls_area) || ph->p_align > 64) {
            printf("harness: TLS block too big or too aligned\n");
            for (;;) {
                seL4_Yield();
            }
        }
        memcpy(tls_area, (const void *)ph->p_vaddr, ph->p_filesz);
        memset(tls_area + ph->p_filesz, 0, ph->p_memsz - ph->p_filesz);
    }
    __asm__ volatile("mv tp, %0" :: "r"(tls_area) : "memory");
}
