// Words that cross the user/kernel boundary (seL4's
// libsel4/mode_include/64/sel4/shared_types.bf). Both libsel4
// and the kernel generate their accessors from this one description.

block seL4_MessageInfo 1
    label           w0[63:12]
    capsUnwrapped   w0[11:9]
    extraCaps       w0[8:7]
    length          w0[6:0]
end

block seL4_CapRights 1
    capAllowGrantReply  w0[3:3]
    capAllowGrant       w0[2:2]
    capAllowRead        w0[1:1]
    capAllowWrite       w0[0:0]
end

block seL4_CNode_CapData 1
    guard           w0[63:6]
    guardSize       w0[5:0]
end
