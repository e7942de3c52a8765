#!/usr/bin/python3
"""Check the kernel image's layout: the .boot.* sections come first, in order, before
the rest; ksWorkUnitsCompleted lives in .boot.bss."""

import subprocess
import sys


def main():
    readelf, elf = sys.argv[1], sys.argv[2]
    secs = []
    for line in subprocess.run([readelf, "-SW", elf], capture_output=True, text=True,
                               check=True).stdout.splitlines():
        parts = line.replace("[ ", "[").split()
        if len(parts) > 5 and parts[0].startswith("[") and parts[1].startswith("."):
            secs.append((parts[1], int(parts[3], 16), int(parts[5], 16)))
    alloc = [s for s in secs if s[1] != 0]
    names = [s[0] for s in alloc]
    failed = 0
    boot = [".boot.text", ".boot.rodata", ".boot.data", ".boot.bss"]
    present = [n for n in names if n.startswith(".boot.")]
    if names[:len(present)] != present or present != [b for b in boot if b in present]:
        print(f"FAIL: boot sections not first and in order: {names}")
        failed += 1
    syms = subprocess.run([readelf, "-sW", elf], capture_output=True, text=True,
                          check=True).stdout
    addr = None
    for line in syms.splitlines():
        if line.endswith(" ksWorkUnitsCompleted"):
            addr = int(line.split()[1], 16)
    bss = next((s for s in alloc if s[0] == ".boot.bss"), None)
    if addr is None or bss is None or not bss[1] <= addr < bss[1] + bss[2]:
        print(f"FAIL: ksWorkUnitsCompleted at {addr} is not in .boot.bss {bss}")
        failed += 1
    print(f"{2 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
