#!/usr/bin/python3
"""make bench's report: tables, sel4bench-shaped JSON and a chart from the bench consoles.

usage: report.py BENCH_BUILD_DIR [--performance docs/PERFORMANCE.md]

Reads every BENCH_BUILD_DIR/<config>/larch-bench-*.log (the console of the benchmark
root task, bench/root/), and for each configuration
  - processes the raw samples as sel4bench's driver does: an overhead must be the same
    in all its runs but the first, its value is the smallest of the first RUNS - 1 runs,
    every sample less it gives Min, Max, Mean, Stddev, Variance, Mode, Median, the
    quartiles;
  - prints a table, with seL4's figure beside each row where docs/PERFORMANCE.md has one;
  - writes BENCH_BUILD_DIR/<config>/results.json in sel4bench's output shape;
and draws BENCH_BUILD_DIR/ipc-chart.svg: Larch's one-way IPC next to seL4's, for the
qemu-riscv-virt configurations.

Console lines (bench/root/): fields separated by "|", samples by ",".
  BENCH|config|<board>|<mcs or non-mcs>|<fastpath or no fastpath>
  BENCH|options|<signal fastpath or not>|<exception fastpath or not>
  BENCH|overhead|<name>|<samples>
  BENCH|ipc|<Function>|<Direction>|<client prio>|<server prio>|<same vspace: true/false>
      |<length>|<overhead name>|<MCS server: passive/active, or ->|<samples>
  BENCH|extra|<name>|<min>|<median>           Larch's own figures, not sel4bench's
  BENCH|app|<app>|<result set>|<overhead name>|<samples>
                                              sel4bench's signal and fault applications
  BENCH|na|<app>|<result set>|<why>           a sel4bench figure not measured yet
Exit status: 0, or 1 when a console is missing, incomplete or unstable.
"""

import argparse
import glob
import json
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PERFORMANCE = os.path.join(HERE, "..", "docs", "PERFORMANCE.md")
SET_NAME = "One way IPC microbenchmarks"
BEGIN_MARK = "<!-- seL4 figures: begin"
END_MARK = "<!-- seL4 figures: end"


class BenchError(Exception):
    pass


# --- statistics, as sel4bench's driver makes them --------------------------------------

def round_half_up(x):
    return math.floor(x + 0.5)


def quantile(s, q):
    pos = q * (len(s) - 1)
    lo = int(pos)
    if lo == len(s) - 1:
        return float(s[lo])
    frac = pos - lo
    return (1 - frac) * s[lo] + frac * s[lo + 1]


def stats(samples):
    s = sorted(samples)
    n = len(s)
    mean = float(round_half_up(sum(s) / n))
    variance = float(round_half_up(sum((x - mean) ** 2 for x in s) / n))
    stddev = math.sqrt(variance * n / (n - 1)) if n > 1 else 0.0
    counts = {}
    for x in s:
        counts[x] = counts.get(x, 0) + 1
    mode = max(sorted(counts), key=lambda v: counts[v])
    return {
        "Min": s[0], "Max": s[-1], "Mean": mean, "Stddev": round(stddev, 3),
        "Variance": variance, "Mode": float(mode),
        "Median": (s[(n - 1) // 2] + s[n // 2]) / 2.0,
        "1st quantile": quantile(s, 0.25), "3rd quantile": quantile(s, 0.75),
        "Samples": n, "Raw results": list(samples),
    }


# --- reading ---------------------------------------------------------------------------

def numbers(field):
    return [int(v) for v in field.split(",")]


def parse_console(path):
    run = {"path": path, "overheads": {}, "rows": [], "extras": [], "na": [], "apps": [],
           "done": False}
    with open(path, "rb") as fh:
        text = fh.read().decode(errors="replace")
    for line in text.splitlines():
        line = line.strip()
        if line == "Benchmarks done":
            run["done"] = True
        if not line.startswith("BENCH|"):
            continue
        f = line.split("|")
        kind = f[1]
        if kind == "config":
            run["board"], run["flavour"], run["fastpath"] = f[2], f[3], f[4]
        elif kind == "options":
            run["options"] = f"{f[2]}, {f[3]}"
        elif kind == "overhead":
            run["overheads"][f[2]] = numbers(f[3])
        elif kind == "ipc":
            run["rows"].append({
                "Function": f[2], "Direction": f[3], "Client Prio": int(f[4]),
                "Server Prio": int(f[5]), "Same vspace?": f[6] == "true",
                "IPC length": int(f[7]), "overhead": f[8], "server": f[9],
                "samples": numbers(f[10])})
        elif kind == "extra":
            run["extras"].append((f[2], int(f[3]), int(f[4])))
        elif kind == "na":
            run["na"].append((f[2], f[3], f[4]))
        elif kind == "app":
            run["apps"].append({"app": f[2], "set": f[3], "overhead": f[4],
                                "samples": numbers(f[5])})
    if not run["done"]:
        raise BenchError(f"{path}: no 'Benchmarks done' (the run failed or did not finish)")
    if "board" not in run or not run["rows"]:
        raise BenchError(f"{path}: no benchmark results")
    return run


def process(run):
    """sel4bench's processing: overheads checked and taken off every sample."""
    overhead = {}
    for name, raw in run["overheads"].items():
        if len(set(raw[1:])) != 1:
            raise BenchError(f"{run['path']}: benchmarking overhead of a {name} is not "
                             f"stable: {raw}")
        overhead[name] = min(raw[:-1])
    run["overhead"] = overhead
    records = []
    for r in run["rows"]:
        rec = {k: r[k] for k in ("Function", "Direction", "Client Prio", "Server Prio",
                                 "Same vspace?", "IPC length")}
        rec.update(stats([x - overhead[r["overhead"]] for x in r["samples"]]))
        records.append(rec)
    run["records"] = records
    sets = [{"Benchmark": SET_NAME, "Results": records, "Iteration": 0}]
    # the signal and fault applications: one result set each, named as sel4bench names it
    for a in run["apps"]:
        a["record"] = stats([x - overhead[a["overhead"]] for x in a["samples"]])
        sets.append({"Benchmark": a["set"], "Application": a["app"],
                     "Results": [a["record"]], "Iteration": 0})
    return sets


def sel4_figures(path):
    """The marked table of docs/PERFORMANCE.md: {(flavour, Function, length): figure}."""
    figures = {}
    if not os.path.exists(path):
        return figures
    inside = False
    with open(path) as fh:
        for line in fh:
            if line.startswith(BEGIN_MARK):
                inside = True
            elif line.startswith(END_MARK):
                break
            elif inside and line.startswith("|"):
                cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
                if len(cells) < 4 or not re.fullmatch(r"\d+", cells[3]):
                    continue
                figures[(cells[0], cells[1], int(cells[2]))] = int(cells[3])
    return figures


def flavour_key(run):
    key = "MCS" if run["flavour"] == "mcs" else "non-MCS"
    return key if run["fastpath"] == "fastpath" else key + ", fastpath off"


def sel4_figure(figures, run, rec):
    """seL4's figure for a row: they are qemu-riscv-virt's, so none for another board."""
    if run["board"] != "qemu-riscv-virt":
        return None
    return figures.get((flavour_key(run), rec["Function"], rec["IPC length"]))


# --- printing --------------------------------------------------------------------------

def fmt(v):
    return f"{v:.0f}" if isinstance(v, float) and v == int(v) else str(v)


DEBIAN_OPENSBI = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.elf"


def firmware(build):
    """The firmware the runs booted with (bench/CMakeLists.txt writes it down)."""
    try:
        with open(os.path.join(build, "firmware.txt")) as fh:
            path = fh.read().strip()
    except OSError:
        return "unknown firmware"
    return "Debian's OpenSBI" if path == DEBIAN_OPENSBI else path


def print_table(name, run, figures, fw):
    mcs = run["flavour"] == "mcs"
    title = (f"{name}: {run['board']}, {'MCS' if mcs else 'non-MCS'}, release, "
             f"{run['fastpath']}")
    if "options" in run:
        title += f", {run['options']}"
    print(f"\n== {title}")
    print("   one-way IPC in instructions (QEMU -icount shift=0), as sel4bench's ipc app: "
          "16 runs of 16, the last of each, less the timing overhead ("
          + ", ".join(f"{k} {v}" for k, v in run["overhead"].items()) + ")")
    cols = ["Function", "Direction", "Prio c/s", "Same vspace", "Len"]
    if mcs:
        cols.append("Server")
    cols += ["Min", "Max", "Mean", "Median", "Stddev", "seL4 16.0.0"]
    lines = []
    for r, rec in zip(run["rows"], run["records"]):
        row = [rec["Function"], rec["Direction"], f"{rec['Client Prio']}/{rec['Server Prio']}",
               "yes" if rec["Same vspace?"] else "no", str(rec["IPC length"])]
        if mcs:
            row.append(r["server"])
        sel4 = sel4_figure(figures, run, rec)
        row += [fmt(rec[k]) for k in ("Min", "Max", "Mean", "Median", "Stddev")]
        row.append(str(sel4) if sel4 is not None else "-")
        lines.append(row)
    widths = [max(len(c), *(len(l[i]) for l in lines)) for i, c in enumerate(cols)]
    left = [c in ("Function", "Direction", "Prio c/s", "Same vspace", "Server") for c in cols]
    for row in [cols] + lines:
        print("   " + "  ".join(c.ljust(w) if left[i] else c.rjust(w)
                                for i, (c, w) in enumerate(zip(row, widths))))
    if mcs:
        print(f"   Rows with an active server reprogram the timer through an SBI call into the "
              f"firmware ({fw}); seL4's figures paid OpenSBI 0.8's (docs/PERFORMANCE.md).")
    for a in run["apps"]:
        rec = a["record"]
        print(f"   {a['app']}: {a['set']}: min {fmt(rec['Min'])}, max {fmt(rec['Max'])}, "
              f"mean {fmt(rec['Mean'])}, median {fmt(rec['Median'])} "
              f"(less the {a['overhead']} overhead {run['overhead'][a['overhead']]})")
    for app, set_name, why in run["na"]:
        print(f"   {app}: {set_name}: n/a ({why})")
    if run["extras"]:
        print("   Larch's own, min/median of 256 calls timed around libsel4: " +
              "; ".join(f"{n} {lo}/{med}" for n, lo, med in run["extras"]))


# --- the chart -------------------------------------------------------------------------

LARCH_COLOUR = "#2f6f9f"
SEL4_COLOUR = "#b0b0b0"


def row_label(rec):
    f = rec["Function"].replace("seL4_", "")
    parts = []
    if rec["IPC length"]:
        parts.append(f"{rec['IPC length']} words")
    if rec["Same vspace?"]:
        parts.append("same vspace")
    return f + (" (" + ", ".join(parts) + ")" if parts else "")


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chart(panels, path, fw):
    """panels: [(title, [(label, larch, sel4 or None)])]. Horizontal grouped bars."""
    label_w, plot_w, right = 230, 520, 50
    bar_h, gap, group_gap = 11, 2, 10
    top = 80
    vmax = max(max(l, s or 0) for _, rows in panels for _, l, s in rows)
    step = 250 if vmax <= 2500 else 500
    xmax = step * math.ceil(vmax / step)
    width = label_w + plot_w + right
    out = []
    y = top
    for title, rows in panels:
        y += 26
        out.append(f'<text x="10" y="{y - 8}" font-weight="bold">{esc(title)}</text>')
        y0 = y
        first = len(out)
        for label, larch, sel4 in rows:
            out.append(f'<text x="{label_w - 8}" y="{y + bar_h + 3}" text-anchor="end">'
                       f'{esc(label)}</text>')
            for value, colour in ((larch, LARCH_COLOUR), (sel4, SEL4_COLOUR)):
                if value is None:
                    out.append(f'<text x="{label_w + 4}" y="{y + bar_h - 2}" fill="#888" '
                               f'font-size="10">no seL4 figure</text>')
                else:
                    w = plot_w * value / xmax
                    out.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" '
                               f'height="{bar_h}" fill="{colour}"/>')
                    out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_h - 2}" '
                               f'font-size="10">{value}</text>')
                y += bar_h + gap
            y += group_gap
        # this panel's grid, behind its bars, and its scale
        grid = []
        for t in range(0, xmax + 1, step):
            x = label_w + plot_w * t / xmax
            grid.append(f'<line x1="{x:.1f}" y1="{y0 - 4}" x2="{x:.1f}" y2="{y}" '
                        f'stroke="#ddd"/>')
            out.append(f'<text x="{x:.1f}" y="{y + 12}" text-anchor="middle" '
                       f'font-size="10" fill="#555">{t}</text>')
        out[first:first] = grid
        y += 22
    height = y + 10
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        '<text x="10" y="20" font-size="14" font-weight="bold">One-way IPC, instructions '
        '(sel4bench ipc method, qemu-riscv-virt, release, QEMU -icount shift=0)</text>',
        f'<rect x="10" y="34" width="12" height="12" fill="{LARCH_COLOUR}"/>'
        '<text x="27" y="45">Larch (make bench)</text>',
        f'<rect x="170" y="34" width="12" height="12" fill="{SEL4_COLOUR}"/>'
        '<text x="187" y="45">seL4 16.0.0 (sel4bench, docs/PERFORMANCE.md)</text>',
        f'<text x="10" y="66" font-size="11" fill="#555">MCS rows with an active server '
        f'(Send, 10 words) include an SBI timer call into the firmware: {esc(fw)} for '
        f'Larch, OpenSBI 0.8 for seL4.</text>',
    ]
    with open(path, "w") as fh:
        fh.write("\n".join(head + out + ["</svg>"]) + "\n")


# --- main ------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("build", help="the make bench build directory (build/bench)")
    ap.add_argument("--performance", default=PERFORMANCE,
                    help="where seL4's figures are (docs/PERFORMANCE.md)")
    args = ap.parse_args()

    figures = sel4_figures(args.performance)
    if not figures:
        print(f"report: no seL4 figures in {args.performance}", file=sys.stderr)
    # qemu-riscv-virt first, then its MCS build, then the other boards
    logs = sorted(glob.glob(os.path.join(args.build, "*", "larch-bench-*.log")),
                  key=lambda p: (not os.path.basename(os.path.dirname(p)).startswith("qemu"),
                                 os.path.dirname(p)))
    if not logs:
        print(f"report: no benchmark consoles under {args.build}", file=sys.stderr)
        return 1
    failed = False
    panels = []
    fw = firmware(args.build)
    for log in logs:
        name = os.path.basename(os.path.dirname(log))
        try:
            run = parse_console(log)
            result = process(run)
        except BenchError as e:
            print(f"report: {e}", file=sys.stderr)
            failed = True
            continue
        out = os.path.join(os.path.dirname(log), "results.json")
        with open(out, "w") as fh:
            json.dump(result, fh, indent=1)
            fh.write("\n")
        print_table(name, run, figures, fw)
        print(f"   JSON: {out}")
        if run["board"] == "qemu-riscv-virt":
            rows = [(row_label(rec), rec["Median"] if rec["Median"] % 1 else int(rec["Median"]),
                     sel4_figure(figures, run, rec))
                    for rec in run["records"]]
            panels.append((f"{flavour_key(run)} (Larch: median)", rows))
    if panels:
        svg = os.path.join(args.build, "ipc-chart.svg")
        chart(panels, svg, fw)
        print(f"\nChart: {svg}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
