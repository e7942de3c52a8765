// Larch kernel object layouts. Internal, except the cap type tags (returned by
// seL4_DebugCapIdentify, seL4's include/arch/riscv/arch/object/structures.bf), the fault
// type values (seL4's libsel4/include/sel4/faults.h) and the PTE/SATP formats (hardware). Kernel pointers are Sv39 kernel addresses: 39 bits,
// sign-extended on read.

#include "../../libsel4/bf/shared_types.bf"

union cap 2 capType w0[63:59]
    member null_cap 0
    end
    member frame_cap 1
        capFMappedASID      w1[63:48]
        capFBasePtr         w1[38:0] ptr 0
        capFSize            w0[58:57]
        capFVMRights        w0[56:55]
        capFIsDevice        w0[54:54]
        capFMappedAddress   w0[38:0]
    end
    member untyped_cap 2
        capFreeIndex        w1[63:16]
        capIsDevice         w1[6:6]
        capBlockSize        w1[5:0]
        capPtr              w0[38:0] ptr 0
    end
    member page_table_cap 3
        capPTMappedASID     w1[63:48]
        capPTBasePtr        w1[38:0] ptr 0
        capPTIsMapped       w0[58:58]
        capPTMappedAddress  w0[38:0]
    end
    member endpoint_cap 4
        capEPBadge          w1[63:0]
        capCanGrantReply    w0[58:58]
        capCanGrant         w0[57:57]
        capCanReceive       w0[56:56]
        capCanSend          w0[55:55]
        capEPPtr            w0[38:0] ptr 0
    end
    member notification_cap 6
        capNtfnBadge        w1[63:0]
        capNtfnCanReceive   w0[58:58]
        capNtfnCanSend      w0[57:57]
        capNtfnPtr          w0[38:0] ptr 0
    end
    member reply_cap 8
#ifdef CONFIG_KERNEL_MCS
        capReplyCanGrant    w0[58:58]
        capReplyPtr         w0[38:0] ptr 0
#else
        capReplyCanGrant    w0[58:58]
        capReplyMaster      w0[57:57]
        capTCBPtr           w0[38:0] ptr 0
#endif
    end
    member cnode_cap 10
        capCNodeRadix       w0[58:53]
        capCNodeGuardSize   w0[52:46]
        capCNodeGuard       w1[63:0]
        capCNodePtr         w0[38:0] ptr 0
    end
    member asid_control_cap 11
    end
    member thread_cap 12
        capTCBPtr           w0[38:0] ptr 0
    end
    member asid_pool_cap 13
        capASIDBase         w0[58:43]
        capASIDPool         w0[38:0] ptr 0
    end
    member irq_control_cap 14
    end
    member irq_handler_cap 16
        capIRQ              w1[63:0]
    end
    member zombie_cap 18
        capZombieID         w1[63:0]
        capZombieType       w0[6:0]
    end
    member domain_cap 20
    end
#ifdef CONFIG_KERNEL_MCS
    member sched_context_cap 22
        capSCPtr            w0[38:0] ptr 0
        capSCSizeBits       w0[45:40]
    end
    member sched_control_cap 24
        core                w1[63:0]
    end
#endif
end

// The derivation tree: every slot's neighbours in depth-first order.
block mdb_node 2
    mdbNext         w0[38:0] ptr 0
    mdbRevocable    w1[63:63]
    mdbFirstBadged  w1[62:62]
    mdbPrev         w1[38:0] ptr 0
end

block thread_state 3
    blockingIPCBadge            w0[63:0]
    blockingIPCCanGrant         w1[63:63]
    blockingIPCCanGrantReply    w1[62:62]
    blockingIPCIsCall           w1[61:61]
    tcbQueued                   w1[60:60]
#ifdef CONFIG_KERNEL_MCS
    tcbInReleaseQueue           w1[59:59]
#endif
    blockingObject              w1[38:0] ptr 0
    tsType                      w2[3:0]
#ifdef CONFIG_KERNEL_MCS
    replyObject                 w2[63:25] ptr 0
#endif
end

#ifdef CONFIG_KERNEL_MCS
// A reply object's link in a call chain: another reply object, or (isHead) the
// scheduling context the chain was donated from.
block call_stack 1
    isHead          w0[63:63]
    callStackPtr    w0[38:0] ptr 0
end
#endif

block endpoint 2
    epQueue_head    w1[38:0] ptr 0
    epQueue_tail    w0[38:0] ptr 0
    state           w0[63:62]
end

#ifdef CONFIG_KERNEL_MCS
block notification 5
    ntfnSchedContext    w4[38:0] ptr 0
#else
block notification 4
#endif
    ntfnBoundTCB        w3[38:0] ptr 0
    ntfnMsgIdentifier   w2[63:0]
    ntfnQueue_head      w1[38:0] ptr 0
    ntfnQueue_tail      w0[38:0] ptr 0
    state               w0[63:62]
end

union lookup_fault 2 lufType w0[1:0]
    member invalid_root 0
    end
    member missing_capability 1
        bitsLeft    w0[8:2]
    end
    member depth_mismatch 2
        bitsFound   w0[15:9]
        bitsLeft    w0[8:2]
    end
    member guard_mismatch 3
        guardFound  w1[63:0]
        bitsLeft    w0[8:2]
        bitsFound   w0[15:9]
    end
end

// The kernel's record of a thread's fault; the type values are the ABI's.
union seL4_Fault 2 seL4_FaultType w0[3:0]
    member NullFault 0
    end
    member CapFault 1
        address         w1[63:0]
        inReceivePhase  w0[63:63]
    end
    member UnknownSyscall 2
        syscallNumber   w1[63:0]
    end
    member UserException 3
        number          w0[63:32]
        code            w0[31:4]
    end
#ifdef CONFIG_KERNEL_MCS
    member Timeout 5
        badge           w1[63:0]
    end
    member VMFault 6
#else
    member VMFault 5
#endif
        address         w1[63:0]
        FSR             w0[35:31]
        instructionFault w0[19:19]
    end
end

// Sv39 page-table entry and satp, as the hardware defines them.
block pte 1
    reserved    w0[63:54]
    ppn         w0[53:10]
    sw          w0[9:8]
    dirty       w0[7:7]
    accessed    w0[6:6]
    global      w0[5:5]
    user        w0[4:4]
    execute     w0[3:3]
    write       w0[2:2]
    read        w0[1:1]
    valid       w0[0:0]
end

block satp 1
    mode        w0[63:60]
    asid        w0[59:44]
    ppn         w0[43:0]
end

// seL4_RISCV_VMAttributes (seL4's libsel4/arch_include/riscv/sel4/arch/types.h)
block vm_attributes 1
    riscvExecuteNever   w0[0:0]
end
