/* Types shared between user and kernel: message info, rights, cap data, IPC buffer. */
#pragma once

#include <autoconf.h>
#include <sel4/simple_types.h>
#include <sel4/macros.h>
#include <sel4/constants.h>

#ifndef SEL4_BF_ASSERT
#define SEL4_BF_ASSERT(x) ((void)0)
#endif
#include <sel4/shared_types_gen.h>
#include <sel4/arch/faults_gen.h>

typedef struct seL4_IPCBuffer_ {
    seL4_MessageInfo_t tag;
    seL4_Word msg[seL4_MsgMaxLength];
    seL4_Word userData;
    seL4_Word caps_or_badges[seL4_MsgMaxExtraCaps];
    seL4_CPtr receiveCNode;
    seL4_CPtr receiveIndex;
    seL4_Word receiveDepth;
} seL4_IPCBuffer __attribute__((__aligned__(sizeof(struct seL4_IPCBuffer_))));

SEL4_COMPILE_ASSERT(ipc_buffer_size, sizeof(seL4_IPCBuffer) == 1024);

/* predefined rights */
#define seL4_NoRights       seL4_CapRights_new(0, 0, 0, 0)
#define seL4_CanWrite       seL4_CapRights_new(0, 0, 0, 1)
#define seL4_CanRead        seL4_CapRights_new(0, 0, 1, 0)
#define seL4_ReadWrite      seL4_CapRights_new(0, 0, 1, 1)
#define seL4_CanGrant       seL4_CapRights_new(0, 1, 0, 0)
#define seL4_CanGrantReply  seL4_CapRights_new(1, 0, 0, 0)
#define seL4_NoWrite        seL4_CapRights_new(1, 1, 1, 0)
#define seL4_NoRead         seL4_CapRights_new(1, 1, 0, 1)
#define seL4_AllRights      seL4_CapRights_new(1, 1, 1, 1)
