/*
 * The drop-in project's root task: a few checks of the world it was given, compiled
 * against the header layout seL4's userland includes directly.
 */
#include <autoconf.h>
#include <sel4/sel4.h>
#include <sel4/config.h>
#include <sel4/arch/constants.h>
#include <sel4/sel4_arch/constants.h>
#include <sel4/sel4_arch/mapping.h>
#include <sel4/arch/mapping.h>
#include <sel4/arch/bootinfo_types.h>
#include <sel4/benchmark_tracepoints_types.h>
#include <sel4/benchmark_track_types.h>
#include <sel4/benchmark_utilisation_types.h>

/* names userland code expects from these headers */
_Static_assert(seL4_PageBits == 12 && seL4_LargePageBits == 21 && seL4_HugePageBits == 30,
               "page sizes");
_Static_assert(sizeof(benchmark_tracepoint_log_entry_t) == 2 * sizeof(seL4_Word), "log entry");
#ifdef seL4_PageDirBits
#error "seL4_PageDirBits does not exist on RISC-V"
#endif
static const char word_fmt[] = "%" SEL4_PRIx_word "%" SEL4_PRIu_word;

static void say(const char *s)
{
    for (; *s; s++) {
        seL4_DebugPutChar(*s);
    }
}

void root_main(seL4_BootInfo *bi)
{
    /* seL4_SchedContext_Consumed_t is declared in every configuration, as in seL4 */
    seL4_SchedContext_Consumed_t consumed = { 0 };
    int ok = bi->initThreadCNodeSizeBits == CONFIG_ROOT_CNODE_SIZE_BITS &&
             CONFIG_ROOT_CNODE_SIZE_BITS == 13 &&
             seL4_DebugCapIdentify(seL4_CapInitThreadTCB) == 12 &&
             bi->untyped.end > bi->untyped.start &&
             consumed.error == 0 && word_fmt[1] == 'l' &&
             SEL4_MAPPING_LOOKUP_LEVEL == 2;
    say(ok ? "dropin: ok\n" : "dropin: FAILED\n");
    seL4_DebugHalt();
}
