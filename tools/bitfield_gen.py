#!/usr/bin/python3
"""Generate C accessors for packed bitfield structures.

Larch describes every packed kernel structure (caps, MDB nodes, thread states, PTEs,
message words...) once, in a small text format, and this tool writes the C. Kernel
code never shifts those bits by hand.

Format (after C preprocessing, so #if/#ifdef on CONFIG_* work):

    block NAME WORDS
        FIELD  wW[HI:LO]                 plain field: word W, bits HI..LO
        FIELD  wW[HI:LO]  ptr ALIGN      pointer: holds value bits [width+ALIGN-1:ALIGN],
                                         read back sign-extended (canonical addresses)
    end

    union NAME WORDS TAGFIELD wW[HI:LO]
        member NAME TAGVALUE
            FIELD ...
        end
    end

Generated names follow seL4's bitfield conventions: B_new(fields in file order),
B_ptr_new, B_get_F, B_set_F, B_ptr_get_F, B_ptr_set_F; for a union U with member M: U_M_new,
U_M_get_F, ..., U_get_TAG, U_ptr_get_TAG and enum U_tag { U_M = value }.

Blocks also get the cheap forms hot paths use (docs/BITFIELDS.md): B_ptr_set_F_np (store
F's word outright, zeroing the word's other fields: no read), B_ptr_mset_F1_F2 (two fields
of one word in one read-modify-write, or a plain store when they are the whole word) and,
for one-bit fields, B_is_F / B_ptr_is_F (a single bit test; union members get U_M_is_F).
"""

import argparse
import re
import sys

FIELD_RE = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+w(?P<word>\d+)\[(?P<hi>\d+):(?P<lo>\d+)\]"
    r"(?:\s+ptr\s+(?P<align>\d+))?$")


class BitfieldError(Exception):
    pass


class Field:
    def __init__(self, name, word, hi, lo, align, where):
        self.name, self.word, self.hi, self.lo = name, word, hi, lo
        self.align = align  # None for plain fields
        self.where = where

    @property
    def width(self):
        return self.hi - self.lo + 1

    @property
    def is_ptr(self):
        return self.align is not None


class Block:
    def __init__(self, name, words, where):
        self.name, self.words, self.where = name, words, where
        self.fields = []
        self.tag_value = None   # set for union members

    def add(self, field, tag=None):
        if field.word >= self.words:
            raise BitfieldError(f"{field.where}: {self.name}.{field.name} is in word "
                                f"{field.word} of a {self.words}-word block")
        if not (0 <= field.lo <= field.hi <= 63):
            raise BitfieldError(f"{field.where}: bad bit range for {field.name}")
        if field.is_ptr and field.width + field.align > 64:
            raise BitfieldError(f"{field.where}: pointer {field.name} is wider than a word")
        for other in self.fields + ([tag] if tag else []):
            if other.name == field.name:
                raise BitfieldError(f"{field.where}: duplicate field {field.name}")
            if other.word == field.word and not (field.hi < other.lo or other.hi < field.lo):
                raise BitfieldError(f"{field.where}: {field.name} overlaps {other.name}")
        self.fields.append(field)


class Union:
    def __init__(self, name, words, tag, where):
        self.name, self.words, self.tag, self.where = name, words, tag, where
        self.members = []


def parse(text, filename):
    blocks, unions = [], []
    stack = []  # open block/union/member
    for lineno, raw in enumerate(text.splitlines(), 1):
        where = f"{filename}:{lineno}"
        line = raw.split("//")[0].strip()
        if not line or line.startswith("#"):
            continue  # blank, or a cpp linemarker
        words = line.split()
        if words[0] == "block" and not stack:
            if len(words) != 3:
                raise BitfieldError(f"{where}: expected 'block NAME WORDS'")
            b = Block(words[1], int(words[2]), where)
            blocks.append(b)
            stack.append(b)
        elif words[0] == "union" and not stack:
            if len(words) != 5:
                raise BitfieldError(f"{where}: expected 'union NAME WORDS TAG wW[HI:LO]'")
            m = FIELD_RE.match(f"{words[3]} {words[4]}")
            if not m:
                raise BitfieldError(f"{where}: bad tag field")
            tag = Field(words[3], int(m["word"]), int(m["hi"]), int(m["lo"]), None, where)
            u = Union(words[1], int(words[2]), tag, where)
            unions.append(u)
            stack.append(u)
        elif words[0] == "member" and stack and isinstance(stack[-1], Union):
            if len(words) != 3:
                raise BitfieldError(f"{where}: expected 'member NAME TAGVALUE'")
            u = stack[-1]
            b = Block(words[1], u.words, where)
            b.tag_value = int(words[2], 0)
            if b.tag_value >= (1 << u.tag.width):
                raise BitfieldError(f"{where}: tag {b.tag_value} does not fit {u.tag.name}")
            if any(m.tag_value == b.tag_value or m.name == b.name for m in u.members):
                raise BitfieldError(f"{where}: duplicate member or tag value")
            u.members.append(b)
            stack.append(b)
        elif words[0] == "end":
            if not stack:
                raise BitfieldError(f"{where}: 'end' without a block")
            stack.pop()
        elif stack and isinstance(stack[-1], Block):
            m = FIELD_RE.match(" ".join(words))
            if not m:
                raise BitfieldError(f"{where}: cannot parse field '{line}'")
            align = int(m["align"]) if m["align"] is not None else None
            f = Field(m["name"], int(m["word"]), int(m["hi"]), int(m["lo"]), align, where)
            b = stack[-1]
            tag = next((u.tag for u in unions if b in u.members), None)
            b.add(f, tag)
        else:
            raise BitfieldError(f"{where}: unexpected '{line}'")
    if stack:
        raise BitfieldError(f"{filename}: unterminated block {stack[-1].name}")
    return blocks, unions


def mask(width):
    return (1 << width) - 1


class Emitter:
    def __init__(self, word, assert_macro):
        self.w, self.A = word, assert_macro
        self.out = []

    def emit(self, s=""):
        self.out.append(s)

    def stored(self, f, v):
        """Expression for the bits of value v as stored in the word (unshifted)."""
        if f.is_ptr:
            return f"(({v} >> {f.align}) & 0x{mask(f.width):x}ull)"
        return f"({v} & 0x{mask(f.width):x}ull)"

    def fits(self, f, v):
        if f.is_ptr:
            top = f.width + f.align
            lowmask = mask(f.align)
            # canonical: bits above top-1 equal bit top-1; aligned: low bits zero
            if top == 64:
                canon = "1"
            else:
                canon = (f"((({self.w})((int64_t)({v} << {64 - top}) >> {64 - top})) == {v})")
            return f"({canon} && (({v} & 0x{lowmask:x}ull) == 0))"
        if f.width == 64:
            return "1"
        return f"(({v} & ~0x{mask(f.width):x}ull) == 0)"

    def read(self, f, expr):
        raw = f"(({expr}.words[{f.word}] >> {f.lo}) & 0x{mask(f.width):x}ull)"
        if not f.is_ptr:
            return raw
        top = f.width + f.align
        v = f"({raw} << {f.align})"
        if top == 64:
            return v
        return f"(({self.w})((int64_t)({v} << {64 - top}) >> {64 - top}))"

    def field_accessors(self, prefix, tname, f, tag_check):
        w = self.w
        m = f"0x{mask(f.width) << f.lo:x}ull"
        self.emit(f"static inline {w} __attribute__((unused)) {prefix}_get_{f.name}({tname} x)")
        self.emit("{")
        if tag_check:
            self.emit(f"    {self.A}({tag_check('x')});")
        self.emit(f"    return {self.read(f, 'x')};")
        self.emit("}")
        self.emit(f"static inline {tname} __attribute__((unused)) "
                  f"{prefix}_set_{f.name}({tname} x, {w} v)")
        self.emit("{")
        if tag_check:
            self.emit(f"    {self.A}({tag_check('x')});")
        self.emit(f"    {self.A}({self.fits(f, 'v')});")
        self.emit(f"    x.words[{f.word}] = (x.words[{f.word}] & ~{m}) | "
                  f"({self.stored(f, 'v')} << {f.lo});")
        self.emit("    return x;")
        self.emit("}")
        self.emit(f"static inline {w} __attribute__((unused)) "
                  f"{prefix}_ptr_get_{f.name}({tname} *p)")
        self.emit("{")
        if tag_check:
            self.emit(f"    {self.A}({tag_check('(*p)')});")
        self.emit(f"    return {self.read(f, '(*p)')};")
        self.emit("}")
        self.emit(f"static inline void __attribute__((unused)) "
                  f"{prefix}_ptr_set_{f.name}({tname} *p, {w} v)")
        self.emit("{")
        if tag_check:
            self.emit(f"    {self.A}({tag_check('(*p)')});")
        self.emit(f"    {self.A}({self.fits(f, 'v')});")
        self.emit(f"    p->words[{f.word}] = (p->words[{f.word}] & ~{m}) | "
                  f"({self.stored(f, 'v')} << {f.lo});")
        self.emit("}")

    def constructor(self, prefix, tname, words, fields, tag=None, tag_value=None):
        args = ", ".join(f"{self.w} {f.name}" for f in fields) or "void"
        self.emit(f"static inline {tname} __attribute__((unused)) {prefix}_new({args})")
        self.emit("{")
        self.emit(f"    {tname} x = {{ .words = {{ 0 }} }};")
        for f in fields:
            self.emit(f"    {self.A}({self.fits(f, f.name)});")
        if tag is not None:
            self.emit(f"    x.words[{tag.word}] |= (({self.w}){tag_value}ull & "
                      f"0x{mask(tag.width):x}ull) << {tag.lo};")
        for f in fields:
            self.emit(f"    x.words[{f.word}] |= {self.stored(f, f.name)} << {f.lo};")
        self.emit("    return x;")
        self.emit("}")
        pargs = ", ".join([f"{tname} *p"] + [f"{self.w} {f.name}" for f in fields])
        self.emit(f"static inline void __attribute__((unused)) {prefix}_ptr_new({pargs})")
        call = ", ".join(f.name for f in fields)
        self.emit(f"{{\n    *p = {prefix}_new({call});\n}}")

    def np_value(self, f, v, alone):
        """F's word after storing v into F and zero into every other field of it."""
        if alone and f.is_ptr and f.align == 0 and f.lo == 0:
            # a canonical value reads back the same from its unmasked bits
            return v
        if alone and not f.is_ptr:
            return f"({v} << {f.lo})"
        return f"({self.stored(f, v)} << {f.lo})"

    def cheap_accessors(self, b):
        """The no-read, two-field and one-bit forms (blocks only: a union's tag shares
        its words with the members' fields)."""
        tname = f"{b.name}_t"
        by_word = {}
        for f in b.fields:
            by_word.setdefault(f.word, []).append(f)
        for f in b.fields:
            alone = len(by_word[f.word]) == 1
            self.emit(f"static inline void __attribute__((unused)) "
                      f"{b.name}_ptr_set_{f.name}_np({tname} *p, {self.w} v)")
            self.emit("{")
            self.emit(f"    {self.A}({self.fits(f, 'v')});")
            self.emit(f"    p->words[{f.word}] = {self.np_value(f, 'v', alone)};")
            self.emit("}")
            if f.width == 1 and not f.is_ptr:
                self.emit(f"static inline int __attribute__((unused)) "
                          f"{b.name}_is_{f.name}({tname} x)")
                self.emit(f"{{\n    return (x.words[{f.word}] & (1ull << {f.lo})) != 0;\n}}")
                self.emit(f"static inline int __attribute__((unused)) "
                          f"{b.name}_ptr_is_{f.name}({tname} *p)")
                self.emit(f"{{\n    return (p->words[{f.word}] & (1ull << {f.lo})) != 0;\n}}")
        for word, fields in sorted(by_word.items()):
            for i, f1 in enumerate(fields):
                for f2 in fields[i + 1:]:
                    whole = len(fields) == 2
                    self.emit(f"static inline void __attribute__((unused)) "
                              f"{b.name}_ptr_mset_{f1.name}_{f2.name}({tname} *p, "
                              f"{self.w} v1, {self.w} v2)")
                    self.emit("{")
                    self.emit(f"    {self.A}({self.fits(f1, 'v1')});")
                    self.emit(f"    {self.A}({self.fits(f2, 'v2')});")
                    bits = (f"({self.stored(f1, 'v1')} << {f1.lo}) | "
                            f"({self.stored(f2, 'v2')} << {f2.lo})")
                    if whole:
                        self.emit(f"    p->words[{word}] = {bits};")
                    else:
                        m = (mask(f1.width) << f1.lo) | (mask(f2.width) << f2.lo)
                        self.emit(f"    p->words[{word}] = (p->words[{word}] & ~0x{m:x}ull) | "
                                  f"{bits};")
                    self.emit("}")

    def block(self, b):
        tname = f"{b.name}_t"
        self.emit(f"typedef struct {b.name} {{ {self.w} words[{b.words}]; }} {tname};")
        self.constructor(b.name, tname, b.words, b.fields)
        for f in b.fields:
            self.field_accessors(b.name, tname, f, None)
        self.cheap_accessors(b)
        self.emit()

    def union(self, u):
        tname = f"{u.name}_t"
        self.emit(f"typedef struct {u.name} {{ {self.w} words[{u.words}]; }} {tname};")
        self.emit(f"enum {u.name}_tag {{")
        for m in u.members:
            self.emit(f"    {u.name}_{m.name} = {m.tag_value},")
        self.emit("};")
        self.emit(f"typedef enum {u.name}_tag {u.name}_tag_t;")
        t = u.tag
        self.emit(f"static inline {self.w} __attribute__((unused)) "
                  f"{u.name}_get_{t.name}({tname} x)")
        self.emit(f"{{\n    return {self.read(t, 'x')};\n}}")
        self.emit(f"static inline {self.w} __attribute__((unused)) "
                  f"{u.name}_ptr_get_{t.name}({tname} *p)")
        self.emit(f"{{\n    return {self.read(t, '(*p)')};\n}}")
        for m in u.members:
            prefix = f"{u.name}_{m.name}"

            def check(x, m=m):
                return f"{self.read(t, x)} == {m.tag_value}"
            self.constructor(prefix, tname, u.words, m.fields, t, m.tag_value)
            for f in m.fields:
                self.field_accessors(prefix, tname, f, check)
                if f.width == 1 and not f.is_ptr:
                    self.emit(f"static inline int __attribute__((unused)) "
                              f"{prefix}_is_{f.name}({tname} x)")
                    self.emit(f"{{\n    {self.A}({check('x')});\n"
                              f"    return (x.words[{f.word}] & (1ull << {f.lo})) != 0;\n}}")
        self.emit()


def generate_header(blocks, unions, args):
    e = Emitter(args.word_type, args.assert_macro)
    guard = args.guard or re.sub(r"\W", "_", args.output).upper()
    e.emit("/* Generated by tools/bitfield_gen.py. Do not edit. */")
    e.emit(f"#ifndef {guard}\n#define {guard}\n")
    # libsel4's headers must build without a C library (-nostdinc user code): they name
    # their word type through <sel4/simple_types.h> and need no <stdint.h>.
    if args.word_type.endswith("_t") and args.word_type.startswith("uint"):
        e.emit("#include <stdint.h>")
    for inc in args.include:
        e.emit(f"#include <{inc}>")
    if args.assert_macro == "BF_ASSERT":
        e.emit("#ifndef BF_ASSERT\n#define BF_ASSERT(x) ((void)0)\n#endif")
    e.emit()
    for b in blocks:
        e.block(b)
    for u in unions:
        e.union(u)
    e.emit(f"#endif /* {guard} */")
    return "\n".join(e.out) + "\n"


def test_values(f):
    """Extreme values a field must carry: as the caller writes them."""
    if f.is_ptr:
        top = f.width + f.align
        vals = [0, ((1 << (top - 1)) - 1) & ~mask(f.align), 1 << f.align]
        neg = (1 << 64) - (1 << (top - 1))       # most negative canonical value
        vals += [neg, (1 << 64) - (1 << f.align)]
        return vals
    vals = [0, mask(f.width), 1 << (f.width - 1), 0x5555555555555555 & mask(f.width),
            0xaaaaaaaaaaaaaaaa & mask(f.width)]
    return vals


def generate_tests(blocks, unions, args):
    w = args.word_type
    out = ["/* Generated by tools/bitfield_gen.py --emit-tests. Do not edit. */",
           "#include <stdio.h>", "#include <stdlib.h>", "#include <stdint.h>"]
    if w != "uint64_t":
        out.append(f"typedef uint64_t {w};")
    out += ["static int bf_failed;",
            "#define BF_ASSERT(x) do { if (!(x)) { printf(\"assert: %s\\n\", #x); "
            "bf_failed++; } } while (0)",
            f"#define {args.assert_macro}(x) BF_ASSERT(x)" if args.assert_macro != "BF_ASSERT"
            else "",
            f'#include "{args.header_name}"', "",
            "static unsigned long passed, failed;",
            "static void check(int ok, const char *what)",
            "{ if (ok && !bf_failed) { passed++; } else { failed++; "
            "printf(\"FAIL: %s\\n\", what); } bf_failed = 0; }", "",
            "int main(void)", "{"]
    def kinds():
        for b in blocks:
            yield b.name, b.name, b.fields
        for u in unions:
            for m in u.members:
                yield f"{u.name}_{m.name}", u.name, m.fields
    for prefix, tname, fields in kinds():
        for f in fields:
            for v in test_values(f):
                lit = f"0x{v:x}ull"
                others = [g for g in fields if g is not f]
                args_ = ", ".join(lit if g is f else "0" for g in fields)
                what = f"{prefix}.{f.name}={lit}"
                out.append("    {")
                out.append(f"        {tname}_t x = {prefix}_new({args_});")
                out.append(f"        int ok = {prefix}_get_{f.name}(x) == ({w}){lit};")
                for g in others:
                    out.append(f"        ok = ok && {prefix}_get_{g.name}(x) == 0;")
                # set on a value whose other fields are all ones (or extreme)
                fill = ", ".join(
                    "0" if g is f else f"0x{test_values(g)[1]:x}ull" for g in fields)
                out.append(f"        {tname}_t y = {prefix}_new({fill});")
                out.append(f"        y = {prefix}_set_{f.name}(y, ({w}){lit});")
                out.append(f"        ok = ok && {prefix}_get_{f.name}(y) == ({w}){lit};")
                for g in others:
                    out.append(f"        ok = ok && {prefix}_get_{g.name}(y) == "
                               f"({w})0x{test_values(g)[1]:x}ull;")
                if f.width == 1 and not f.is_ptr:
                    out.append(f"        ok = ok && {prefix}_is_{f.name}(y) == ({v} != 0);")
                out.append(f"        {prefix}_ptr_set_{f.name}(&y, 0);")
                out.append(f"        ok = ok && {prefix}_ptr_get_{f.name}(&y) == 0;")
                out.append(f"        check(ok, \"{what}\");")
                out.append("    }")
    # the cheap forms of blocks: _np zeroes only its word's other fields, mset keeps
    # every other field, is_ agrees with get
    for b in blocks:
        by_word = {}
        for f in b.fields:
            by_word.setdefault(f.word, []).append(f)
        full = ", ".join(f"0x{test_values(g)[1]:x}ull" for g in b.fields)
        for f in b.fields:
            for v in test_values(f):
                lit = f"0x{v:x}ull"
                out.append("    {")
                out.append(f"        {b.name}_t y = {b.name}_new({full});")
                out.append(f"        {b.name}_ptr_set_{f.name}_np(&y, ({w}){lit});")
                out.append(f"        int ok = {b.name}_get_{f.name}(y) == ({w}){lit};")
                for g in b.fields:
                    if g is f:
                        continue
                    want = "0" if g.word == f.word else f"0x{test_values(g)[1]:x}ull"
                    out.append(f"        ok = ok && {b.name}_get_{g.name}(y) == ({w}){want};")
                if f.width == 1 and not f.is_ptr:
                    out.append(f"        ok = ok && {b.name}_ptr_is_{f.name}(&y) == "
                               f"({v} != 0) && {b.name}_is_{f.name}(y) == ({v} != 0);")
                out.append(f"        check(ok, \"{b.name}.{f.name}_np={lit}\");")
                out.append("    }")
        for word, fields in sorted(by_word.items()):
            for i, f1 in enumerate(fields):
                for f2 in fields[i + 1:]:
                    for v1, v2 in zip(test_values(f1), reversed(test_values(f2))):
                        out.append("    {")
                        out.append(f"        {b.name}_t y = {b.name}_new({full});")
                        out.append(f"        {b.name}_ptr_mset_{f1.name}_{f2.name}(&y, "
                                   f"({w})0x{v1:x}ull, ({w})0x{v2:x}ull);")
                        out.append(f"        int ok = {b.name}_get_{f1.name}(y) == "
                                   f"({w})0x{v1:x}ull && {b.name}_get_{f2.name}(y) == "
                                   f"({w})0x{v2:x}ull;")
                        for g in b.fields:
                            if g is f1 or g is f2:
                                continue
                            out.append(f"        ok = ok && {b.name}_get_{g.name}(y) == "
                                       f"({w})0x{test_values(g)[1]:x}ull;")
                        out.append(f"        check(ok, \"{b.name}.mset_{f1.name}_{f2.name}\");")
                        out.append("    }")
    out += ['    printf("%lu passed, %lu failed\\n", passed, failed);',
            "    return failed != 0;", "}"]
    return "\n".join(l for l in out if l is not None) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--word-type", default="uint64_t")
    ap.add_argument("--assert", dest="assert_macro", default="BF_ASSERT")
    ap.add_argument("--guard")
    ap.add_argument("--include", action="append", default=[])
    ap.add_argument("--emit-tests", metavar="OUT.c")
    args = ap.parse_args()
    with open(args.input) as fh:
        text = fh.read()
    try:
        blocks, unions = parse(text, args.input)
    except BitfieldError as err:
        sys.exit(f"bitfield_gen: {err}")
    header = generate_header(blocks, unions, args)
    with open(args.output, "w") as fh:
        fh.write(header)
    if args.emit_tests:
        import os
        args.header_name = os.path.abspath(args.output)
        with open(args.emit_tests, "w") as fh:
            fh.write(generate_tests(blocks, unions, args))


if __name__ == "__main__":
    main()
