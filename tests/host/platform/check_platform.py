#!/usr/bin/python3
"""Run the platform and linker generators on both boards' device trees and check the
facts they produce against what the boards are known to have."""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PY = sys.executable

EXPECT = {
    "qemu-riscv-virt": {
        "PLAT_AVAIL_REGIONS": "{ { 0x80200000ull, 0x140000000ull } }",
        "PLAT_RESERVED_REGIONS": "{ { 0x80000000ull, 0x80200000ull } }",
        "PLAT_TIMER_FREQUENCY": "10000000ull", "PLAT_CLINT_PADDR": "0x2000000ull",
        "PLAT_HAVE_PLIC": "1", "PLAT_PLIC_PADDR": "0xc000000ull",
        "PLAT_PLIC_SIZE": "0x600000ull", "PLAT_PLIC_NDEV": "96", "PLAT_MAX_IRQ": "95",
        "PLAT_UART_PADDR": "0x10000000ull", "PLAT_UART_IRQ": "10",
        "PLAT_KERNEL_PHYS_BASE": "0x80200000ull",
        "KERNEL_ELF_BASE": "LARCH_UL(0xffffffff80200000)",
        "KERNEL_ELF_PADDR_BASE": "LARCH_UL(0x80200000)",
        "KERNEL_OFFSET": "LARCH_UL(0xffffffff00000000)", "PADDR_TOP": "LARCH_UL(0x3f80000000)",
    },
    "spike": {
        "PLAT_AVAIL_REGIONS": "{ { 0x80200000ull, 0x17ff00000ull } }",
        "PLAT_TIMER_FREQUENCY": "10000000ull", "PLAT_CLINT_PADDR": "0x2000000ull",
        "PLAT_HAVE_PLIC": "0", "PLAT_MAX_IRQ": "0", "PLAT_HAVE_UART": "0",
        "KERNEL_ELF_BASE": "LARCH_UL(0xffffffff80200000)",
    },
}
MAX_IRQ = {"qemu-riscv-virt": "95", "spike": "0"}


def main():
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for plat, expect in EXPECT.items():
            cfg = os.path.join(ROOT, "config", plat)
            dts = os.path.join(tmp, plat + ".dts")
            with open(dts, "w") as fh:
                fh.write(open(os.path.join(cfg, plat + ".dts")).read())
                fh.write(open(os.path.join(ROOT, "config", "opensbi.dts")).read())
            dtb = os.path.join(tmp, plat + ".dtb")
            subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb, dts], check=True)
            hdr, off, lds = (os.path.join(tmp, plat + s) for s in (".h", "_off.h", ".lds"))
            subprocess.run([PY, os.path.join(ROOT, "tools", "gen_platform.py"), dtb, "--plat",
                            plat, "--max-irq", MAX_IRQ[plat], "--header", hdr], check=True)
            subprocess.run([PY, os.path.join(ROOT, "linker", "gen_linker.py"), "--dtb", dtb,
                            "--plat", plat, "--pptr-base", "0xFFFFFFC000000000",
                            "--pptr-top", "0xFFFFFFFF80000000", "--kdev-base",
                            "0xFFFFFFFFC0000000", "--lds", lds, "--header", off], check=True)
            text = open(hdr).read() + open(off).read()
            defs = dict(re.findall(r"#define (\w+)\s+(.+)", text))
            for key, want in expect.items():
                got = defs.get(key, "").strip()
                if got == want:
                    passed += 1
                else:
                    failed += 1
                    print(f"FAIL {plat}: {key} = {got!r}, expected {want!r}")
            script = open(lds).read()
            order = [script.find("\n    " + s) for s in (
                ".boot.text .", ".boot.rodata .", ".boot.data .", ".boot.bss .", "ki_boot_end",
                ".text .", ".rodata .", ".data .", ".bss .", "ki_end")]
            if all(o >= 0 for o in order) and order == sorted(order):
                passed += 1
            else:
                failed += 1
                print(f"FAIL {plat}: linker script sections out of order: {order}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
