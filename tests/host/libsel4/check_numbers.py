#!/usr/bin/python3
"""Check generated syscall numbers and invocation labels against seL4 16.0.0's
(libsel4/include/api/syscall.xml and libsel4/include/interfaces/object-api*.xml, as
seL4 generates them into libsel4's headers) for non-MCS UP, non-MCS SMP and MCS."""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
GEN = os.path.join(ROOT, "tools", "sel4_interface_gen.py")

# (label, non-MCS UP, non-MCS SMP, MCS) as seL4 16.0.0's generated invocation headers number
# them
LABELS = [
    ("UntypedRetype", 1, 1, 1), ("TCBReadRegisters", 2, 2, 2), ("TCBConfigure", 5, 5, 5),
    ("TCBSetSchedParams", 8, 8, 8), ("TCBSetTimeoutEndpoint", None, None, 9),
    ("TCBSetIPCBuffer", 9, 9, 10), ("TCBSetSpace", 10, 10, 11), ("TCBSuspend", 11, 11, 12),
    ("TCBResume", 12, 12, 13), ("TCBBindNotification", 13, 13, 14),
    ("TCBUnbindNotification", 14, 14, 15), ("TCBSetAffinity", None, 15, None),
    ("TCBSetTLSBase", 15, 16, 16), ("TCBSetFlags", 16, 17, 17), ("CNodeRevoke", 17, 18, 18),
    ("CNodeDelete", 18, 19, 19), ("CNodeCancelBadgedSends", 19, 20, 20),
    ("CNodeCopy", 20, 21, 21), ("CNodeMint", 21, 22, 22), ("CNodeMove", 22, 23, 23),
    ("CNodeMutate", 23, 24, 24), ("CNodeRotate", 24, 25, 25),
    ("CNodeSaveCaller", 25, 26, None), ("IRQIssueIRQHandler", 26, 27, 26),
    ("IRQAckIRQ", 27, 28, 27), ("IRQSetIRQHandler", 28, 29, 28),
    ("IRQClearIRQHandler", 29, 30, 29), ("DomainSetSet", 30, 31, 30),
    ("DomainScheduleConfigure", 31, 32, 31), ("DomainScheduleSetStart", 32, 33, 32),
    ("SchedControlConfigureFlags", None, None, 33), ("SchedContextBind", None, None, 34),
    ("SchedContextUnbind", None, None, 35), ("SchedContextUnbindObject", None, None, 36),
    ("SchedContextConsumed", None, None, 37), ("SchedContextYieldTo", None, None, 38),
    ("RISCVPageTableMap", 33, 34, 39), ("RISCVPageTableUnmap", 34, 35, 40),
    ("RISCVPageMap", 35, 36, 41), ("RISCVPageUnmap", 36, 37, 42),
    ("RISCVPageGetAddress", 37, 38, 43), ("RISCVASIDControlMakePool", 38, 39, 44),
    ("RISCVASIDPoolAssign", 39, 40, 45), ("RISCVIRQIssueIRQHandlerTrigger", 40, 41, 46),
]
# (syscall, non-MCS, MCS) as seL4 16.0.0's libsel4/include/api/syscall.xml numbers them
SYSCALLS = [
    ("Call", -1, -1), ("ReplyRecv", -2, -2), ("NBSendRecv", None, -3), ("NBSendWait", None, -4),
    ("Send", -3, -5), ("NBSend", -4, -6), ("Recv", -5, -7), ("Reply", -6, None),
    ("NBRecv", -8, -8), ("Wait", None, -9), ("NBWait", None, -10), ("Yield", -7, -11),
    ("DebugPutChar", -9, -12), ("DebugDumpScheduler", -10, -13), ("DebugHalt", -11, -14),
    ("DebugCapIdentify", -12, -15), ("DebugSnapshot", -13, -16), ("DebugNameThread", -14, -17),
    ("DebugSendIPI", -15, -18), ("DebugGetThreadAffinity", -16, -19), ("DebugRun", -17, -20),
    ("BenchmarkFlushCaches", -18, -21), ("BenchmarkNullSyscall", -22, -25),
    ("SetTLSBase", -30, -33),
]


def label_values(flags, tmp):
    out = [os.path.join(tmp, n) for n in ("g.h", "s.h", "a.h")]
    subprocess.run([sys.executable, GEN, *flags, "--api",
                    os.path.join(ROOT, "libsel4", "interfaces", "object.api"),
                    "--invocations", *out], check=True)
    values, n = {}, 0
    for line in open(out[0]):
        m = re.match(r"\s+(\w+),", line)
        if m:
            values[m[1]] = n
            n += 1
    # the arch list starts at nInvocationLabels, which equals n
    for i, line in enumerate(l for l in open(out[2]) if re.match(r"\s+RISCV\w+", l)):
        values[re.match(r"\s+(\w+)", line)[1]] = n + i
    return values


def syscall_values(flags, tmp):
    out = os.path.join(tmp, "sys.h")
    subprocess.run([sys.executable, GEN, *flags, "--syscalls",
                    os.path.join(ROOT, "libsel4", "interfaces", "syscalls.api"), out], check=True)
    return {m[1]: int(m[2]) for m in re.finditer(r"seL4_Sys(\w+) = (-?\d+)", open(out).read())}


def main():
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        configs = [([], 1), (["--smp"], 2), (["--mcs"], 3)]
        for flags, col in configs:
            values = label_values(flags, tmp)
            for row in LABELS:
                want = row[col]
                got = values.get(row[0])
                if got == want:
                    passed += 1
                else:
                    failed += 1
                    print(f"FAIL {flags}: {row[0]} = {got}, expected {want}")
        for flags, col in (([], 1), (["--mcs"], 2)):
            values = syscall_values(flags, tmp)
            for row in SYSCALLS:
                want, got = row[col], values.get(row[0])
                if got == want:
                    passed += 1
                else:
                    failed += 1
                    print(f"FAIL {flags}: seL4_Sys{row[0]} = {got}, expected {want}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
