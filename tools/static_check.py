#!/usr/bin/python3
"""Static analysis of the kernel sources of one configured build (`make check`).

    static_check.py --build DIR --tool analyzer|clang-tidy|cppcheck

DIR is a kernel build configured with CMAKE_EXPORT_COMPILE_COMMANDS=ON whose generated
headers exist (build the kernel.elf target first). Every kernel translation unit is
checked with the flags it is compiled with. Exit status 1 if any tool reports anything.

- analyzer: GCC's -fanalyzer, warnings as errors. One checker is off:
  -Wanalyzer-use-of-uninitialized-value, which GCC 12 reports for every struct a
  function in another translation unit returns (lookupCap's, deriveCap's, ...): it
  takes the caller's return slot as never written. See docs/ASSURANCE.md.
- clang-tidy: the checks in the repository's .clang-tidy, for a riscv64 target.
- cppcheck: warnings, portability and performance, for this configuration's macros.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def kernel_units(build):
    with open(os.path.join(build, "compile_commands.json")) as fh:
        db = json.load(fh)
    units = []
    for entry in db:
        args = shlex.split(entry["command"])
        if "kernel.elf.dir" not in entry.get("output", entry["command"]):
            continue
        if not entry["file"].endswith(".c"):
            continue
        units.append((entry["file"], args, entry["directory"]))
    if not units:
        sys.exit("static_check: no kernel sources in %s/compile_commands.json" % build)
    return sorted(units)


def includes_and_defines(args):
    return [a for a in args if a.startswith("-I") or a.startswith("-D")]


def run(cmd, cwd):
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    return proc.returncode, proc.stdout


def analyzer(units):
    bad = 0
    for src, args, cwd in units:
        cmd = []
        skip = False
        for a in args:
            if skip:
                skip = False
                continue
            if a in ("-o", "-MF", "-MT"):
                skip = True
                continue
            if a == "-MD":
                continue
            cmd.append(a)
        cmd += ["-fanalyzer", "-Wno-analyzer-use-of-uninitialized-value", "-o", os.devnull]
        rc, out = run(cmd, cwd)
        if rc != 0 or "warning:" in out:
            bad += 1
            print(out)
    return bad


def clang_tidy(units):
    bad = 0
    for src, args, cwd in units:
        # findings in the kernel's own files only: not libsel4's ABI headers or the
        # generated config header, whose formats are seL4's
        cmd = ["clang-tidy", "--quiet", "--config-file=" + os.path.join(ROOT, ".clang-tidy"),
               "--header-filter=^" + ROOT + "/(src|arch|plat|include)/", src, "--", "--target=riscv64-unknown-elf", "-march=rv64imac", "-mabi=lp64",
               "-ffreestanding", "-std=c11"] + includes_and_defines(args)
        rc, out = run(cmd, cwd)
        lines = [l for l in out.splitlines() if "warning:" in l or "error:" in l]
        if rc != 0 or lines:
            bad += 1
            print(out)
    return bad


def cppcheck(units):
    _, args, cwd = units[0]
    cmd = ["cppcheck", "--quiet", "--error-exitcode=1", "--std=c11", "--inline-suppr",
           "--enable=warning,portability,performance", "--suppress=missingIncludeSystem",
           "-D__riscv", "-D__riscv_xlen=64", "-D__GNUC__"] + includes_and_defines(args)
    cmd += [src for src, _, _ in units]
    rc, out = run(cmd, cwd)
    if rc != 0 or out.strip():
        print(out)
        return 1
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--tool", required=True, choices=("analyzer", "clang-tidy", "cppcheck"))
    opts = ap.parse_args()
    units = kernel_units(opts.build)
    bad = {"analyzer": analyzer, "clang-tidy": clang_tidy, "cppcheck": cppcheck}[opts.tool](units)
    print("%s: %d translation units, %s" % (opts.tool, len(units),
                                           "clean" if not bad else "%d with findings" % bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
