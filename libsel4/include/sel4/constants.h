/* Sizes and limits of the seL4 ABI for riscv64 (seL4's libsel4/include/sel4/constants.h and
 * sel4_arch/constants.h). */
#pragma once

#include <autoconf.h>
#include <sel4/arch/constants.h>

/* message lengths */
#define seL4_MsgLengthBits      7
#define seL4_MsgExtraCapBits    2
#define seL4_MsgMaxLength       120
#define seL4_MsgMaxExtraCaps    ((1 << seL4_MsgExtraCapBits) - 1)

/* object sizes (log2 bytes) */
#define seL4_SlotBits           5
#ifdef CONFIG_HAVE_FPU
#define seL4_TCBBits            11
#else
#define seL4_TCBBits            10
#endif
#define seL4_EndpointBits       4
#ifdef CONFIG_KERNEL_MCS
#define seL4_NotificationBits   6
#define seL4_ReplyBits          5
#else
#define seL4_NotificationBits   5
#endif
#define seL4_IPCBufferSizeBits  10
#define seL4_BootInfoFrameBits  12
#define seL4_MinUntypedBits     4
#define seL4_MaxUntypedBits     38
#define seL4_CapRightsBits      4
#define seL4_GuardSizeBits      6
#define seL4_GuardBits          58
#define seL4_BadgeBits          64
#define seL4_UntypedRetypeMaxObjects CONFIG_RETYPE_FAN_OUT_LIMIT
#define seL4_NilData            0

#ifdef CONFIG_KERNEL_MCS
#define seL4_MinSchedContextBits    7
#define seL4_CoreSchedContextBytes  (10 * sizeof(seL4_Word) + 6 * 8)
#define seL4_RefillSizeBytes        (2 * 8)
#define seL4_MaxExtraRefills(size) \
    (((1ul << (size)) - seL4_CoreSchedContextBytes) / seL4_RefillSizeBytes)

/* flags of seL4_SchedControl_ConfigureFlags */
typedef enum {
    seL4_SchedContext_NoFlag = 0x0,
    seL4_SchedContext_Sporadic = 0x1,
    seL4_SchedContextFlag_CARDINALITY,
} seL4_SchedContextFlag;
#endif

/* priorities */
#define seL4_MinPrio            0
#define seL4_MaxPrio            (CONFIG_NUM_PRIORITIES - 1)

/* the kernel's optional debug text in error replies */
#define DEBUG_MESSAGE_START     6
#define DEBUG_MESSAGE_MAXLEN    50

#define seL4_BootInfoFrameSize  (1ul << seL4_BootInfoFrameBits)

typedef enum {
    seL4_NoFailure = 0,
    seL4_InvalidRoot,
    seL4_MissingCapability,
    seL4_DepthMismatch,
    seL4_GuardMismatch,
} seL4_LookupFailureType;

/* Flags of seL4_TCB_SetFlags. */
typedef enum {
    seL4_TCBFlag_NoFlag = 0,
    seL4_TCBFlag_fpuDisabled = 1,
    seL4_TCBFlag_MASK = 1,
} seL4_TCBFlag;

/* CapFault message registers (seL4's libsel4/include/sel4/faults.h) */
enum {
    seL4_CapFault_IP,
    seL4_CapFault_Addr,
    seL4_CapFault_InRecvPhase,
    seL4_CapFault_LookupFailureType,
    seL4_CapFault_BitsLeft,
    seL4_CapFault_DepthMismatch_BitsFound,
    seL4_CapFault_GuardMismatch_GuardFound = seL4_CapFault_DepthMismatch_BitsFound,
    seL4_CapFault_GuardMismatch_BitsFound,
};

enum {
    seL4_UnknownSyscall_FaultIP,
    seL4_UnknownSyscall_SP,
    seL4_UnknownSyscall_RA,
    seL4_UnknownSyscall_A0,
    seL4_UnknownSyscall_A1,
    seL4_UnknownSyscall_A2,
    seL4_UnknownSyscall_A3,
    seL4_UnknownSyscall_A4,
    seL4_UnknownSyscall_A5,
    seL4_UnknownSyscall_A6,
    seL4_UnknownSyscall_Syscall,
    seL4_UnknownSyscall_Length,
};

enum {
    seL4_UserException_FaultIP,
    seL4_UserException_SP,
    seL4_UserException_Number,
    seL4_UserException_Code,
    seL4_UserException_Length,
};

enum {
    seL4_VMFault_IP,
    seL4_VMFault_Addr,
    seL4_VMFault_PrefetchFault,
    seL4_VMFault_FSR,
    seL4_VMFault_Length,
};

#ifdef CONFIG_KERNEL_MCS
enum {
    seL4_Timeout_Data,
    seL4_Timeout_Consumed,
    seL4_Timeout_Length,
};
#endif
