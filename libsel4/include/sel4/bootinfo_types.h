/* seL4_BootInfo and the initial CNode layout (seL4's libsel4/include/sel4/bootinfo_types.h). */
#pragma once

#include <autoconf.h>
#include <sel4/simple_types.h>
#include <sel4/macros.h>

/* Fixed slots of the root task's CNode. */
enum seL4_RootCNodeCapSlots {
    seL4_CapNull = 0,
    seL4_CapInitThreadTCB = 1,
    seL4_CapInitThreadCNode = 2,
    seL4_CapInitThreadVSpace = 3,
    seL4_CapIRQControl = 4,
    seL4_CapASIDControl = 5,
    seL4_CapInitThreadASIDPool = 6,
    seL4_CapIOPortControl = 7,
    seL4_CapIOSpace = 8,
    seL4_CapBootInfoFrame = 9,
    seL4_CapInitThreadIPCBuffer = 10,
    seL4_CapDomain = 11,
    seL4_CapSMMUSIDControl = 12,
    seL4_CapSMMUCBControl = 13,
    seL4_CapInitThreadSC = 14,
    seL4_CapSMC = 15,
    seL4_NumInitialCaps = 16
};

#define seL4_CapInitThreadPD seL4_CapInitThreadVSpace

typedef seL4_Word seL4_SlotPos;

typedef struct seL4_SlotRegion {
    seL4_SlotPos start;     /* first slot */
    seL4_SlotPos end;       /* first slot after the region */
} seL4_SlotRegion;

typedef struct seL4_UntypedDesc {
    seL4_Word paddr;
    seL4_Uint8 sizeBits;
    seL4_Uint8 isDevice;
    seL4_Uint8 padding[sizeof(seL4_Word) - 2 * sizeof(seL4_Uint8)];
} seL4_UntypedDesc;

typedef struct seL4_BootInfo {
    seL4_Word extraLen;
    seL4_NodeId nodeID;
    seL4_Word numNodes;
    seL4_Word numIOPTLevels;
    struct seL4_IPCBuffer_ *ipcBuffer;
    seL4_SlotRegion empty;
    seL4_SlotRegion sharedFrames;
    seL4_SlotRegion userImageFrames;
    seL4_SlotRegion userImagePaging;
    seL4_SlotRegion ioSpaceCaps;
    seL4_SlotRegion extraBIPages;
    seL4_Word initThreadCNodeSizeBits;
    seL4_Domain initThreadDomain;
#ifdef CONFIG_KERNEL_MCS
    seL4_SlotRegion schedcontrol;
#endif
    seL4_SlotRegion untyped;
    seL4_UntypedDesc untypedList[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];
} seL4_BootInfo;

typedef enum {
    SEL4_BOOTINFO_HEADER_PADDING = 0,
    SEL4_BOOTINFO_HEADER_X86_VBE = 1,
    SEL4_BOOTINFO_HEADER_X86_MBMMAP = 2,
    SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP = 3,
    SEL4_BOOTINFO_HEADER_X86_FRAMEBUFFER = 4,
    SEL4_BOOTINFO_HEADER_X86_TSC_FREQ = 5,
    SEL4_BOOTINFO_HEADER_FDT = 6,
    SEL4_BOOTINFO_HEADER_NUM,
    SEL4_FORCE_LONG_ENUM(seL4_BootInfoID)
} seL4_BootInfoID;

typedef struct seL4_BootInfoHeader {
    seL4_Word id;
    seL4_Word len;          /* includes this header */
} seL4_BootInfoHeader;

/* layout checks against the reference */
SEL4_COMPILE_ASSERT(bi_untypeddesc_size, sizeof(seL4_UntypedDesc) == 16);
SEL4_COMPILE_ASSERT(bi_ipcbuffer_offset, SEL4_OFFSETOF(seL4_BootInfo, ipcBuffer) == 32);
SEL4_COMPILE_ASSERT(bi_cnode_bits_offset,
                    SEL4_OFFSETOF(seL4_BootInfo, initThreadCNodeSizeBits) == 136);
#ifdef CONFIG_KERNEL_MCS
SEL4_COMPILE_ASSERT(bi_untyped_offset, SEL4_OFFSETOF(seL4_BootInfo, untyped) == 168);
#else
SEL4_COMPILE_ASSERT(bi_untyped_offset, SEL4_OFFSETOF(seL4_BootInfo, untyped) == 152);
#endif
SEL4_COMPILE_ASSERT(bi_fits_page, sizeof(seL4_BootInfo) <= 4096);
