"""Reading a board's facts from its flattened device tree with libfdt.

Shared by tools/gen_platform.py and linker/gen_linker.py.
"""

import libfdt


class Board:
    def __init__(self, path):
        with open(path, "rb") as fh:
            self.fdt = libfdt.Fdt(fh.read())

    # --- generic helpers -------------------------------------------------------------
    def nodes(self):
        """Yield (offset, path) of every node, depth first."""
        off, depth = 0, 0
        stack = [""]
        while True:
            yield off, "/".join(stack) or "/"
            try:
                off, depth = self.fdt.next_node(off, depth)
            except libfdt.FdtException:
                return
            if off < 0 or depth <= 0:
                return
            del stack[depth:]
            stack.append(self.fdt.get_name(off))

    def prop(self, off, name):
        p = self.fdt.getprop(off, name, libfdt.QUIET_NOTFOUND)
        return None if isinstance(p, int) else p

    def cells(self, off, name):
        p = self.prop(off, name)
        if p is None:
            return None
        raw = bytes(p)
        return [int.from_bytes(raw[i:i + 4], "big") for i in range(0, len(raw), 4)]

    def compatible(self, off):
        p = self.prop(off, "compatible")
        return [] if p is None else bytes(p).rstrip(b"\0").decode().split("\0")

    def reg(self, off):
        """(base, size) pairs, assuming #address-cells = #size-cells = 2 (both boards)."""
        c = self.cells(off, "reg") or []
        return [((c[i] << 32) | c[i + 1], (c[i + 2] << 32) | c[i + 3])
                for i in range(0, len(c) - 3, 4)]

    def find_compatible(self, *names):
        for off, path in self.nodes():
            if any(n in self.compatible(off) for n in names):
                return off
        return None

    # --- board facts -----------------------------------------------------------------
    def memory(self):
        regions = []
        for off, path in self.nodes():
            p = self.prop(off, "device_type")
            if p is not None and bytes(p).rstrip(b"\0") == b"memory":
                regions += [(b, b + s) for b, s in self.reg(off)]
        if not regions:
            raise SystemExit("device tree: no /memory node")
        return sorted(regions)

    def reserved(self):
        """Regions under /reserved-memory marked no-map: never usable RAM."""
        out = []
        for off, path in self.nodes():
            if path.startswith("/reserved-memory/") and self.prop(off, "no-map") is not None:
                out += [(b, b + s) for b, s in self.reg(off)]
        return sorted(out)

    def available(self):
        """RAM minus no-map reserved regions, as sorted [start, end) pairs."""
        avail = []
        for start, end in self.memory():
            cur = start
            for rs, re_ in self.reserved():
                if re_ <= cur or rs >= end:
                    continue
                if rs > cur:
                    avail.append((cur, rs))
                cur = max(cur, re_)
            if cur < end:
                avail.append((cur, end))
        return avail

    def timebase(self):
        off = self.fdt.path_offset("/cpus")
        c = self.cells(off, "timebase-frequency")
        if not c:
            raise SystemExit("device tree: /cpus has no timebase-frequency")
        return c[0]

    def phys_base(self):
        """Where the kernel image goes: the start of the lowest available region."""
        return self.available()[0][0]


def finish(status=0):
    """Exit without running interpreter finalisation.

    Debian bookworm's pylibfdt drops a reference to None too many; the interpreter
    then aborts while finalising, after all our work is done. Flushing and leaving
    at once keeps the exit status meaningful.
    """
    import os
    import sys
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
