#!/usr/bin/python3
"""Count the kernel instructions of each fastpath entry (trap entry to sret).

Runs a release image under QEMU with -singlestep and an exec trace filtered to the
kernel's addresses, cuts the trace at trap_entry, and reports for each entry kind
(the C function it went through) the most frequent instruction count. Used to measure
the fastpath's budget (docs/PERFORMANCE.md); needs the kernel.elf of the image.

    tools/fastpath_count.py BUILD_DIR [--seconds N]
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile


def symbols(elf):
    out = subprocess.run(["riscv64-unknown-elf-nm", elf], capture_output=True, text=True,
                         check=True).stdout
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            syms[parts[2]] = int(parts[0], 16)
    return syms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--seconds", type=int, default=300)
    ap.add_argument("--machine", default="virt")
    ap.add_argument("--show", help="print the pcs of one entry of this kind")
    ap.add_argument("--top", type=int, default=3, help="how many counts to list per kind")
    ap.add_argument("--length", type=int, help="with --show: the entry of this length")
    args = ap.parse_args()
    elf = os.path.join(args.build, "kernel.elf")
    syms = symbols(elf)
    names = {v: k for k, v in syms.items()}
    entry = syms["trap_entry"]
    kinds = [s for s in ("fastpath_call", "fastpath_reply_recv", "slowpath") if s in syms]
    kind_pc = {syms[k]: k for k in kinds}
    with tempfile.TemporaryDirectory() as tmp:
        trace = os.path.join(tmp, "trace")
        cmd = ["timeout", str(args.seconds), "qemu-system-riscv64", "-machine", args.machine,
               "-cpu", "rv64", "-nographic", "-m", "3072M", "-bios",
               "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.elf",
               "-kernel", os.path.join(args.build, "larch-image"), "-icount", "shift=0",
               "-singlestep", "-d", "exec,nochain", "-dfilter",
               "0xffffffff80000000..0xffffffffffffffff", "-D", trace]
        # stop at the end of the benchmarks (or after --seconds)
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) as proc:
            for line in proc.stdout:
                if b"Benchmarks done" in line:
                    proc.terminate()
        pc_re = re.compile(r"/([0-9a-f]{16})/")
        counts = collections.defaultdict(collections.Counter)
        seq, kind, example = [], None, {}
        with open(trace) as fh:
            for line in fh:
                m = pc_re.search(line)
                if not m:
                    continue
                pc = int(m.group(1), 16)
                if pc == entry and seq:
                    counts[kind or "other"][len(seq)] += 1
                    example.setdefault((kind or "other", len(seq)), seq)
                    seq, kind = [], None
                seq.append(pc)
                if pc in kind_pc:
                    kind = kind_pc[pc] if kind is None else kind + "->" + kind_pc[pc]
    for k, c in sorted(counts.items()):
        if k in ("other", "slowpath"):
            continue
        common = c.most_common(args.top)
        print(f"{k:22} " + "  ".join(f"{n} insns x{times}" for n, times in common))
    if args.show:
        n = args.length or counts[args.show].most_common(1)[0][0]
        # nearest symbol for each pc
        addrs = sorted(names)
        import bisect
        for pc in example[(args.show, n)]:
            i = bisect.bisect_right(addrs, pc) - 1
            print(f"{pc:x} {names[addrs[i]]}+{pc - addrs[i]:#x}")


if __name__ == "__main__":
    main()
