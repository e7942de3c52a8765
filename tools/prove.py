#!/usr/bin/python3
"""Machine-checked proofs with Frama-C's WP (`make prove`, docs/ASSURANCE.md).

    prove.py --build DIR [--out DIR] [--timeout S] [--jobs N]

DIR is a configured kernel build whose generated headers exist (the Makefile builds
larch_platform_gen, kernel_bf_gen and sel4_generated), configured with
CMAKE_EXPORT_COMPILE_COMMANDS=ON. Three parts, each counted:

1. Bitfield accessors: for each .bf description (the kernel's structures.bf, libsel4's
   shared_types.bf and faults.bf) tools/bitfield_acsl.py regenerates the build's
   header from the build's own preprocessed .pbf with an ACSL contract on every
   accessor. The header with the contracts taken out must be the build's header, byte
   for byte. WP then proves every contract (bit-by-bit postconditions) and every
   runtime-error guard (-wp-rte) of every accessor.
2. The value postconditions those contracts admit: z3 proves each from its accessor's
   bit-by-bit postconditions (bit-vector SMT script written by bitfield_acsl.py).
3. The MDB link operations (tools/prove/mdb_link.c: mdbLinkAfter and mdbUnlink from
   include/object/mdb.h): WP proves their contracts and runtime-error guards, with the
   accessors' value postconditions as what the calls give.

Prints goals proved / total per part; exit status 1 if any goal is not proved.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOLS = os.path.join(ROOT, "tools")


def kernel_flags(build):
    """-I and -D of the kernel's own compile of src/object/mdb.c."""
    with open(os.path.join(build, "compile_commands.json")) as fh:
        db = json.load(fh)
    for e in db:
        if e["file"].endswith("src/object/mdb.c"):
            return [a for a in shlex.split(e["command"]) if a.startswith(("-I", "-D"))]
    sys.exit("prove: src/object/mdb.c is not in compile_commands.json")


# (name, .pbf in the build, the build's generated header, bitfield_gen.py arguments)
def descriptions(build):
    sel4 = ["--word-type", "seL4_Word", "--assert", "SEL4_BF_ASSERT",
            "--include", "sel4/simple_types.h"]
    return [
        ("structures", "structures_gen.pbf", "gen_headers/object/structures_gen.h", []),
        ("shared_types", "libsel4/shared_types_gen.pbf",
         "libsel4/gen/include/sel4/shared_types_gen.h", sel4),
        ("faults", "libsel4/faults_gen.pbf",
         "libsel4/gen/arch_include/sel4/arch/faults_gen.h", sel4),
    ]


ACSL_RE = re.compile(r"^/\*@.*?\*/\n", re.S | re.M)


def run(cmd, env=None, log=None):
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    if log:
        with open(log, "w") as fh:
            fh.write(proc.stdout)
    return proc.returncode, proc.stdout


def wp_count(text):
    m = re.findall(r"Proved goals:\s+(\d+) / (\d+)", text)
    if not m:
        return None
    return int(m[-1][0]), int(m[-1][1])


def unproved(text):
    return [g for g in re.findall(r"Goal (\S+) : (?!Valid)", text)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--out")
    ap.add_argument("--timeout", type=int, default=20, help="seconds per prover goal")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    out = os.path.abspath(args.out or os.path.join(build, "prove"))
    os.makedirs(out, exist_ok=True)

    env = dict(os.environ, WHY3CONFIG=os.path.join(out, "why3.conf"))
    if not os.path.exists(env["WHY3CONFIG"]):
        rc, text = run(["why3", "config", "detect"], env=env)
        if rc:
            sys.exit("prove: why3 config detect failed:\n" + text)
    flags = kernel_flags(build)
    wp = ["frama-c", "-c11", "-machdep", "gcc_x86_64", "-wp", "-wp-rte",
          "-wp-prover", "z3", "-wp-timeout", str(args.timeout), "-wp-par", str(args.jobs)]
    results = []        # (part, proved, total)
    failed = []
    started = time.time()

    for name, pbf, header, bfargs in descriptions(build):
        pbf, header = os.path.join(build, pbf), os.path.join(build, header)
        guard = re.sub(r"\W", "_", header).upper()
        for variant, extra in (("", []), ("-values", ["--values-only"])):
            d = os.path.join(out, f"acsl{variant}", name)
            os.makedirs(d, exist_ok=True)
            gen = os.path.join(d, os.path.basename(header))
            rc, text = run([sys.executable, os.path.join(TOOLS, "bitfield_acsl.py")] + extra +
                           [pbf, gen, os.path.join(d, name + ".smt2"), "--guard", guard] +
                           bfargs)
            if rc:
                sys.exit(f"prove: bitfield_acsl.py failed on {pbf}:\n{text}")
            with open(gen) as fh, open(header) as orig:
                if ACSL_RE.sub("", fh.read()) != orig.read():
                    sys.exit(f"prove: {gen} without its contracts is not {header}")

        d = os.path.join(out, "acsl", name)
        gen = os.path.join(d, os.path.basename(header))
        # 1. WP on every accessor of the header
        unit = os.path.join(d, f"prove_{name}.c")
        with open(unit, "w") as fh:
            if "--assert" in bfargs:
                # as libsel4's shared_types.h defines it; the contracts' preconditions
                # are the assertions
                fh.write(f"#define {bfargs[bfargs.index('--assert') + 1]}(x) ((void)0)\n")
            fh.write(f'#include "{gen}"\n')
        log = os.path.join(out, f"wp-{name}.log")
        rc, text = run(wp + ["-cpp-extra-args=" + " ".join(flags), unit], env=env, log=log)
        count = wp_count(text)
        if rc or count is None:
            sys.exit(f"prove: frama-c failed on {name} (see {log}):\n" + text[-3000:])
        results.append((f"bitfield accessors, {name} (WP)", *count))
        failed += unproved(text)
        # 2. the admitted value postconditions, over bit-vectors
        smt = os.path.join(d, name + ".smt2")
        rc, text = run(["z3", "-smt2", f"-T:{max(60, args.timeout)}", smt],
                       log=os.path.join(out, f"z3-{name}.log"))
        lines = text.split("\n")
        answers = [(lines[i - 1], l) for i, l in enumerate(lines) if l in ("sat", "unsat",
                                                                           "unknown", "timeout")]
        total = open(smt).read().count("(check-sat)")
        good = sum(1 for _, a in answers if a == "unsat")
        failed += [f"{what} ({a})" for what, a in answers if a != "unsat"]
        if len(answers) != total:
            failed.append(f"{smt}: {total - len(answers)} checks without an answer")
        results.append((f"bitfield value lemmas, {name} (z3 bit-vectors)", good, total))

    # 3. the MDB link operations, against the values-only kernel header
    log = os.path.join(out, "wp-mdb.log")
    inc = "-I" + os.path.join(out, "acsl-values", "structures")
    # the header is included as <object/structures_gen.h>: give it that path
    objdir = os.path.join(out, "acsl-values", "structures", "object")
    os.makedirs(objdir, exist_ok=True)
    os.replace(os.path.join(out, "acsl-values", "structures", "structures_gen.h"),
               os.path.join(objdir, "structures_gen.h"))
    rc, text = run(wp + ["-wp-fct", "mdbLinkAfter,mdbUnlink",
                         "-cpp-extra-args=" + " ".join([inc] + flags +
                                                       ["-include", "kernel/gen_config.h"]),
                         os.path.join(TOOLS, "prove", "mdb_link.c")], env=env, log=log)
    count = wp_count(text)
    if rc or count is None:
        sys.exit(f"prove: frama-c failed on the MDB operations (see {log}):\n" + text[-3000:])
    results.append(("MDB link operations mdbLinkAfter, mdbUnlink (WP)", *count))
    failed += unproved(text)

    width = max(len(r[0]) for r in results)
    for part, good, total in results:
        print(f"{part:<{width}}  {good:5} / {total:<5}")
    good = sum(r[1] for r in results)
    total = sum(r[2] for r in results)
    print(f"{'total':<{width}}  {good:5} / {total:<5}  ({time.time() - started:.0f} s; logs in {out})")
    for f in failed:
        print("NOT PROVED:", f)
    return 1 if failed or good != total else 0


if __name__ == "__main__":
    sys.exit(main())
