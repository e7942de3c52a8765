#!/usr/bin/python3
"""Boot a Larch image under QEMU, stream and log the console, and judge the run.

The run passes when a pass line appears (and no fail line); it fails on a fail line,
on QEMU exiting first, or at the timeout. QEMU is stopped as soon as the verdict is
known: on spike, Debian's OpenSBI cannot power the machine off.
Exit status: 0 pass, 1 fail, 2 timeout.
"""

import argparse
import os
import selectors
import signal
import subprocess
import sys
import time

DEFAULT_BIOS = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.elf"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--machine", required=True, choices=["virt", "spike"])
    ap.add_argument("--memory", required=True, help="MiB, as the board's device tree says")
    ap.add_argument("--image", required=True)
    ap.add_argument("--bios", default=DEFAULT_BIOS)
    ap.add_argument("--log")
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--icount", action="store_true", help="one instruction per cycle")
    ap.add_argument("--pass-line", action="append")
    ap.add_argument("--fail-line", action="append", help="in addition to the usual ones")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--gdbserver", nargs="?", const=1234, type=int, metavar="PORT",
                    help="start halted with QEMU's GDB stub on PORT (1234); no timeout")
    ap.add_argument("--extra-qemu-args", default="", help="appended to QEMU's command line")
    args = ap.parse_args()
    pass_lines = args.pass_line or ["All is well in the universe"]
    fail_lines = ["Test suite failed", "KERNEL PANIC", "Kernel panic"] + (args.fail_line or [])

    cmd = ["qemu-system-riscv64", "-machine", args.machine, "-cpu", "rv64", "-nographic",
           "-m", f"{args.memory}M", "-bios", args.bios, "-kernel", args.image,
           "-monitor", "none", "-serial", "stdio", "-nic", "none"]
    if args.icount:
        cmd += ["-icount", "shift=0"]
    if args.gdbserver:
        cmd += ["-gdb", f"tcp::{args.gdbserver}", "-S"]
        args.timeout = float("inf")
        print(f"QEMU waits for GDB on port {args.gdbserver} (docs/DEBUGGING.md): "
              f"gdb-multiarch -ex 'target remote :{args.gdbserver}' <elf>", file=sys.stderr)
    cmd += args.extra_qemu_args.split()
    log = open(args.log, "wb") if args.log else None
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)

    def stop():
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()

    def out(data):
        if log:
            log.write(data)
            log.flush()
        if not args.quiet:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()

    verdict = None
    deadline = time.monotonic() + args.timeout
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    line = b""
    drain_until = None
    try:
        while True:
            now = time.monotonic()
            if drain_until is not None and now >= drain_until:
                break
            if now >= deadline:
                msg = f"\nTIMEOUT after {args.timeout:.0f} s\n".encode()
                out(msg)
                if args.quiet:
                    sys.stdout.buffer.write(msg)
                verdict = 2
                break
            wait = min(deadline, drain_until or deadline) - now
            if not sel.select(timeout=min(wait, 0.5)):
                if proc.poll() is not None:
                    break
                continue
            data = os.read(proc.stdout.fileno(), 4096)
            if not data:
                break
            out(data)
            line += data
            *complete, line = line.split(b"\n")
            for text in complete:
                s = text.decode(errors="replace")
                if verdict is None and any(f in s for f in fail_lines):
                    verdict = 1
                    drain_until = time.monotonic() + 0.5
                elif verdict is None and any(p in s for p in pass_lines):
                    verdict = 0
                    drain_until = time.monotonic() + 0.5
    except KeyboardInterrupt:
        verdict = 1
    finally:
        stop()
        if log:
            log.close()
    if verdict is None:
        verdict = 1
        print("QEMU exited without a verdict line", file=sys.stderr)
    if args.quiet and verdict != 0 and args.log:
        # show the end of the console for a failing run
        with open(args.log, "rb") as fh:
            tail = fh.read()[-4000:]
        sys.stdout.buffer.write(tail)
    sys.exit(verdict)


if __name__ == "__main__":
    main()
