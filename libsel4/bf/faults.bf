// The user-side fault record libsel4 builds from a fault message (seL4_getFault).
// 12 words: the type in word 0, the message registers from word 1 up in reverse order.

union seL4_Fault 12 seL4_FaultType w0[3:0]
    member NullFault 0
    end
    member CapFault 1
        IP                  w7[63:0]
        Addr                w6[63:0]
        InRecvPhase         w5[63:0]
        LookupFailureType   w4[63:0]
        MR4                 w3[63:0]
        MR5                 w2[63:0]
        MR6                 w1[63:0]
    end
    member UnknownSyscall 2
        FaultIP             w11[63:0]
        SP                  w10[63:0]
        RA                  w9[63:0]
        A0                  w8[63:0]
        A1                  w7[63:0]
        A2                  w6[63:0]
        A3                  w5[63:0]
        A4                  w4[63:0]
        A5                  w3[63:0]
        A6                  w2[63:0]
        Syscall             w1[63:0]
    end
    member UserException 3
        FaultIP             w4[63:0]
        Stack               w3[63:0]
        Number              w2[63:0]
        Code                w1[63:0]
    end
#ifdef CONFIG_KERNEL_MCS
    member Timeout 5
        data                w2[63:0]
        consumed            w1[63:0]
    end
    member VMFault 6
#else
    member VMFault 5
#endif
        IP                  w3[63:0]
        Addr                w2[63:0]
        PrefetchFault       w1[63:0]
        FSR                 w0[31:27]
    end
end
