#!/usr/bin/python3
"""Check the kernel image's layout: the .boot.* sections come first, in order, before
the rest; ksWorkUnitsCompleted lives in .boot.bss; and nothing outside .boot.* refers
to .boot.text, .boot.rodata or .boot.data, which become untyped memory after boot (a
call into recycled boot code would only fail once the root task reused that memory).
The last check reads the relocations the kernel is linked with (--emit-relocs)."""

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
    # every relocation in an allocated section outside .boot.* must not resolve into
    # the recycled boot range
    recycled = [s for s in alloc if s[0] in (".boot.text", ".boot.rodata", ".boot.data")]
    lo = min((s[1] for s in recycled), default=0)
    hi = max((s[1] + s[2] for s in recycled), default=0)
    relocs = subprocess.run([readelf, "-rW", elf], capture_output=True, text=True,
                            check=True).stdout
    section, seen, bad = None, 0, []
    for line in relocs.splitlines():
        if line.startswith("Relocation section"):
            target = line.split("'")[1]
            target = target[len(".rela"):] if target.startswith(".rela") else target
            known = next((s for s in alloc if s[0] == target), None)
            section = target if known and not target.startswith(".boot.") else None
            continue
        parts = line.split()
        if section is None or len(parts) < 5 or not parts[0][:1].isalnum():
            continue
        try:
            value = int(parts[3], 16)
        except ValueError:
            continue
        seen += 1
        if lo <= value < hi:
            bad.append(f"{section}+{parts[0]} -> {parts[4]} ({value:#x})")
    if seen == 0:
        print("FAIL: no relocations in the image (is it linked with --emit-relocs?)")
        failed += 1
    elif bad:
        print("FAIL: references from outside .boot.* into recycled boot memory:")
        for b in bad:
            print("   ", b)
        failed += 1
    print(f"{3 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
