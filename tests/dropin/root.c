/* The drop-in project's root task: a few checks of the world it was given. */
#include <autoconf.h>
#include <sel4/sel4.h>

static void say(const char *s)
{
    for (; *s; s++) {
        seL4_DebugPutChar(*s);
    }
}

void root_main(seL4_BootInfo *bi)
{
    int ok = bi->initThreadCNodeSizeBits == CONFIG_ROOT_CNODE_SIZE_BITS &&
             CONFIG_ROOT_CNODE_SIZE_BITS == 13 &&
             seL4_DebugCapIdentify(seL4_CapInitThreadTCB) == 12 &&
             bi->untyped.end > bi->untyped.start;
    say(ok ? "dropin: ok\n" : "dropin: FAILED\n");
    seL4_DebugHalt();
}
