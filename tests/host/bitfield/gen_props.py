#!/usr/bin/python3
"""Write a randomised property test of the C that tools/bitfield_gen.py generates.

The test is driven by the generator's own parse of the (preprocessed) description, so
every block, union member and field the .bf file has -- including ones added later --
is covered without editing the test. For each of them, over random values:

  - B_new(values) stores exactly the bits the layout says (a model of the words built
    from the parsed field positions), every getter and ptr-getter returns its value,
    and a union's tag reads back;
  - every setter and ptr-setter changes its own field and no other bit;
  - setters and constructors refuse (assert) values that do not fit: bits above a
    plain field's width, misaligned or non-canonical pointers;
  - union member accessors refuse a value of another member.

Usage: gen_props.py IN.pbf HEADER.h OUT.c [--word-type T --assert MACRO]
The program prints its seed; LARCH_TEST_SEED=<n> (or argv[1]) replays it and
LARCH_TEST_ITERS sets the iterations per kind.
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True     # keep the source tree clean
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "tools"))
import bitfield_gen  # noqa: E402


def c_field_table(name, fields):
    rows = []
    for f in fields:
        align = f.align if f.is_ptr else -1
        rows.append(f"    {{ \"{f.name}\", {f.word}, {f.lo}, {f.width}, {align} }},")
    return [f"static const struct fdesc {name}[] = {{"] + (rows or ["    { 0, 0, 0, 0, 0 },"]) + ["};"]


def emit_kind(out, kind, tname, prefix, words, fields, tag, tag_value, others):
    """One test function for a block or a union member."""
    W = "bfw_t"
    n = len(fields)
    fn = f"test_{prefix}"
    out += c_field_table(f"F_{prefix}", fields)
    out.append(f"static void {fn}(unsigned long iters)")
    out.append("{")
    out.append(f"    const struct fdesc *fd = F_{prefix};")
    out.append(f"    enum {{ NF = {n}, NW = {words} }};")
    out.append(f"    {W} v[NF + 1], w[NF + 1];")
    out.append("    (void)v;")
    out.append("    (void)w;")
    out.append("    for (unsigned long it = 0; it < iters; it++) {")
    out.append("        for (int i = 0; i < NF; i++) { v[i] = rnd_value(&fd[i]); w[i] = rnd_value(&fd[i]); }")
    args = ", ".join(f"v[{i}]" for i in range(n))
    out.append(f"        {tname}_t x = {prefix}_new({args});")
    out.append("        check_asserts(0, \"" + prefix + "_new\");")
    # model of the words
    out.append(f"        uint64_t m[NW] = {{ 0 }};")
    if tag is not None:
        out.append(f"        m[{tag.word}] |= (uint64_t){tag_value}ull << {tag.lo};")
    out.append("        for (int i = 0; i < NF; i++) model_store(m, &fd[i], v[i]);")
    out.append("        for (int k = 0; k < NW; k++) CHECKW(x.words[k] == m[k], \"%s: word %d is %#llx, layout says %#llx\", \""
               + prefix + "\", k, (unsigned long long)x.words[k], (unsigned long long)m[k]);")
    if tag is not None:
        out.append(f"        CHECKW({tname}_get_{tag.name}(x) == {tag_value}, \"%s: tag\", \"{prefix}\");")
        out.append(f"        CHECKW({tname}_ptr_get_{tag.name}(&x) == {tag_value}, \"%s: ptr tag\", \"{prefix}\");")
    for i, f in enumerate(fields):
        out.append(f"        CHECKW({prefix}_get_{f.name}(x) == v[{i}] && {prefix}_ptr_get_{f.name}(&x) == v[{i}], "
                   f"\"%s.%s: got %#llx, stored %#llx\", \"{prefix}\", \"{f.name}\", "
                   f"(unsigned long long){prefix}_get_{f.name}(x), (unsigned long long)v[{i}]);")
    # setters, in a random order, alternating plain and ptr forms
    if n:
        out.append("        int order[NF];")
        out.append("        for (int i = 0; i < NF; i++) order[i] = i;")
        out.append("        for (int i = NF - 1; i > 0; i--) { int j = (int)rnd_below(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }")
        out.append("        for (int k = 0; k < NF; k++) {")
        out.append("            int i = order[k];")
        out.append(f"            {tname}_t before = x;")
        out.append("            switch (i) {")
        for i, f in enumerate(fields):
            out.append(f"            case {i}: if (rnd_below(2)) x = {prefix}_set_{f.name}(x, w[{i}]); "
                       f"else {prefix}_ptr_set_{f.name}(&x, w[{i}]); break;")
        out.append("            }")
        out.append("            check_asserts(0, \"" + prefix + " setter\");")
        out.append("            uint64_t fm[NW] = { 0 };")
        out.append("            model_store_mask(fm, &fd[i]);")
        out.append("            for (int q = 0; q < NW; q++) CHECKW((x.words[q] & ~fm[q]) == (before.words[q] & ~fm[q]), "
                   "\"%s.%s: setter changed other bits of word %d\", \"" + prefix + "\", fd[i].name, q);")
        out.append("            v[i] = w[i];")
        out.append("        }")
        for i, f in enumerate(fields):
            out.append(f"        CHECKW({prefix}_get_{f.name}(x) == v[{i}], \"%s.%s after setters\", \"{prefix}\", \"{f.name}\");")
        # out-of-range values must be refused
        out.append("        for (int i = 0; i < NF; i++) {")
        out.append(f"            {W} bad;")
        out.append("            if (!rnd_bad_value(&fd[i], &bad)) continue;")
        out.append(f"            {tname}_t y = x;")
        out.append("            switch (i) {")
        for i, f in enumerate(fields):
            out.append(f"            case {i}: if (rnd_below(2)) y = {prefix}_set_{f.name}(y, bad); "
                       f"else {prefix}_ptr_set_{f.name}(&y, bad); break;")
        out.append("            }")
        out.append("            check_asserts(1, \"" + prefix + " setter with a value that does not fit\");")
        out.append("            (void)y;")
        out.append("        }")
    # accessors on another member of the union must assert
    if others and n:
        o_prefix, o_fields = others[0]
        oargs = ", ".join("0" for _ in o_fields)
        out.append(f"        {tname}_t other = {o_prefix}_new({oargs});")
        out.append("        check_asserts(0, \"other member\");")
        f = fields[0]
        out.append(f"        (void){prefix}_get_{f.name}(other);")
        out.append(f"        check_asserts(1, \"{prefix}_get_{f.name} on a {o_prefix}\");")
    out.append("    }")
    out.append("}")
    out.append("")
    return fn


PRELUDE = r'''
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static unsigned long bf_asserts, checks;
static uint64_t seed, rng;

#define BF_TEST_ASSERT(x) do { if (!(x)) { bf_asserts++; } } while (0)

static uint64_t rnd(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint64_t rnd_below(uint64_t n)
{
    return rnd() % n;
}

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
#include <stdarg.h>
static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nreplay with LARCH_TEST_SEED=%llu\n", (unsigned long long)seed);
    exit(1);
}

#define CHECKW(c, ...) do { checks++; if (!(c)) fail(__VA_ARGS__); } while (0)

static void check_asserts(int expect, const char *what)
{
    checks++;
    if ((bf_asserts != 0) != (expect != 0)) {
        fail("%s: %s", what, expect ? "no assertion" : "unexpected assertion");
    }
    bf_asserts = 0;
}

struct fdesc {
    const char *name;
    int word, lo, width, align;     /* align < 0: plain field */
};

static uint64_t mask(int width)
{
    return width >= 64 ? ~0ull : (1ull << width) - 1;
}

/* a value the field can hold, as a caller writes it: edges and random bits */
static uint64_t rnd_value(const struct fdesc *f)
{
    uint64_t raw;
    switch (rnd_below(6)) {
    case 0: raw = 0; break;
    case 1: raw = ~0ull; break;
    case 2: raw = 1ull << rnd_below(64); break;
    default: raw = rnd(); break;
    }
    raw &= mask(f->width);
    if (f->align < 0) {
        return raw;
    }
    /* a pointer: the stored bits, shifted by the alignment, sign-extended from the top */
    int top = f->width + f->align;
    uint64_t v = raw << f->align;
    if (top < 64) {
        v = (uint64_t)((int64_t)(v << (64 - top)) >> (64 - top));
    }
    return v;
}

/* a value the field cannot hold, if there is one */
static int rnd_bad_value(const struct fdesc *f, uint64_t *bad)
{
    uint64_t good = rnd_value(f);
    if (f->align < 0) {
        if (f->width >= 64) {
            return 0;
        }
        *bad = good | (1ull << (f->width + rnd_below(64 - f->width)));
        return 1;
    }
    int top = f->width + f->align;
    if (f->align > 0 && rnd_below(2)) {
        *bad = good | (1ull << rnd_below(f->align));     /* misaligned */
        return 1;
    }
    if (top >= 64) {
        if (f->align == 0) {
            return 0;
        }
        *bad = good | (1ull << rnd_below(f->align));
        return 1;
    }
    *bad = good ^ (1ull << (top + rnd_below(64 - top)));  /* not sign-extended */
    return 1;
}

static void model_store(uint64_t *m, const struct fdesc *f, uint64_t v)
{
    uint64_t bits = f->align < 0 ? v : v >> f->align;
    m[f->word] |= (bits & mask(f->width)) << f->lo;
}

static void model_store_mask(uint64_t *m, const struct fdesc *f)
{
    m[f->word] |= mask(f->width) << f->lo;
}
'''


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("header")
    ap.add_argument("output")
    ap.add_argument("--word-type", default="uint64_t")
    ap.add_argument("--assert", dest="assert_macro", default="BF_ASSERT")
    args = ap.parse_args()
    with open(args.input) as fh:
        blocks, unions = bitfield_gen.parse(fh.read(), args.input)

    out = ["/* Generated by tests/host/bitfield/gen_props.py. Do not edit. */", PRELUDE]
    if args.word_type != "uint64_t":
        out.append(f"typedef uint64_t {args.word_type};")
    out.append(f"typedef {args.word_type} bfw_t;")
    out.append(f"#define {args.assert_macro}(x) BF_TEST_ASSERT(x)")
    out.append(f'#include "{os.path.abspath(args.header)}"')
    out.append("")
    fns = []
    for b in blocks:
        fns.append(emit_kind(out, "block", b.name, b.name, b.words, b.fields, None, None, []))
    for u in unions:
        members = [(f"{u.name}_{m.name}", m.fields) for m in u.members]
        for m in u.members:
            others = [(p, fs) for p, fs in members if p != f"{u.name}_{m.name}"]
            fns.append(emit_kind(out, "member", u.name, f"{u.name}_{m.name}", u.words, m.fields,
                                 u.tag, m.tag_value, others[:1]))
    nfields = sum(len(b.fields) for b in blocks) + sum(len(m.fields) for u in unions for m in u.members)
    out.append("int main(int argc, char **argv)")
    out.append("{")
    out.append("    const char *s = argc > 1 ? argv[1] : getenv(\"LARCH_TEST_SEED\");")
    out.append("    if (s && *s) {")
    out.append("        seed = strtoull(s, NULL, 0);")
    out.append("    } else {")
    out.append("        FILE *f = fopen(\"/dev/urandom\", \"rb\");")
    out.append("        if (!f || fread(&seed, sizeof(seed), 1, f) != 1) seed = (uint64_t)(uintptr_t)&s;")
    out.append("        if (f) fclose(f);")
    out.append("    }")
    out.append("    rng = seed;")
    out.append("    const char *it = getenv(\"LARCH_TEST_ITERS\");")
    out.append("    unsigned long iters = it && *it ? strtoul(it, NULL, 0) : 10000;")
    name = "host-san-bitfield-" + os.path.basename(os.path.dirname(os.path.abspath(args.output)))[4:]
    out.append(f"    printf(\"{name}: seed %llu (replay: LARCH_TEST_SEED=%llu), "
               f"{len(fns)} blocks and union members, {nfields} fields, %lu iterations each\\n\", "
               "(unsigned long long)seed, (unsigned long long)seed, iters);")
    for fn in fns:
        out.append(f"    {fn}(iters);")
    out.append("    printf(\"%lu checks passed\\n\", checks);")
    out.append("    return 0;")
    out.append("}")
    with open(args.output, "w") as fh:
        fh.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
