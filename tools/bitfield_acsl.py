#!/usr/bin/python3
"""Bitfield accessors with ACSL contracts, and the side lemmas those contracts need.

    bitfield_acsl.py [--values-only] IN.pbf OUT.h OUT.smt2 [bitfield_gen.py options]

Runs tools/bitfield_gen.py on a preprocessed description (the same .pbf the build
generates its header from) and puts an ACSL contract in front of every accessor, from
the same parsed description (docs/ASSURANCE.md, `make prove`). The C is exactly what
bitfield_gen.py writes for the build; only comments are added, and tools/prove.py
checks that by comparing the two headers with the comments taken out.

Every contract has two kinds of postcondition:

- `ensures`, bit by bit: bit j of the result (or of the word written) is bit k of an
  argument, of the old word, or a constant, for every one of the 64 bits. Frama-C's WP
  proves these against the C (its Qed simplifier decides them). Except for the
  sign-extending getters of pointer fields, whose signed conversions Qed does not
  decide bit by bit: their bits are admitted and proved in OUT.smt2 from the C
  expression as GCC defines it.

- `admit ensures`, on values: a getter returns the field's value (logic function
  bf_P_F, a pointer field shifted and sign-extended), a setter's field reads back as
  the value written and every other field of that word reads as before, a
  constructor's fields read back. Callers (the MDB proofs) use these. SMT solvers do
  not prove such identities on WP's integer model of C's bit operations, so WP takes
  them as given, and OUT.smt2 proves each of them separately: for each accessor, its
  bit-by-bit postconditions and its preconditions imply each of its value
  postconditions, over 64-bit bit-vectors (z3). Every term in these formulas stays
  in [0, 2^64), where ACSL's integer operations and the bit-vector ones agree; both
  renderings come from the one expression tree below.

--values-only leaves the bit-by-bit postconditions out: the header callers' proofs
(the MDB link operations) are run against, so their goals carry only the value facts
they use. Leaving out postconditions only weakens what a caller may assume.
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bitfield_gen  # noqa: E402


# --- expressions, rendered as ACSL and as SMT-LIB bit-vectors -------------------------
# ("var", name) ("const", n) ("shr", e, k) ("shl", e, k) ("and", e, n) ("add", e, n)
# ("ite_lt", e, n, a, b): e < n ? a : b; ("call", logic name, [args], definition)
# predicates: ("eq", a, b) ("le", a, b) ("all", [p]) ("any", [p]) ("low0", e, k): the k
# low bits of e are zero; ("bit", a, j, b, k): bit j of a is bit k of b;
# ("bitc", a, j, c): bit j of a is c

def var(n):
    return ("var", n)


def const(n):
    return ("const", n)


def raw(f, w):
    e = ("shr", w, f.lo) if f.lo else w
    return ("and", e, bitfield_gen.mask(f.width))


def value(f, w):
    """The field's value: its bits; a pointer shifted and sign-extended."""
    r = raw(f, w)
    if not f.is_ptr:
        return r
    s = ("shl", r, f.align) if f.align else r
    top = f.width + f.align
    if top == 64:
        return s
    return ("ite_lt", s, 1 << (top - 1), s, ("add", s, (1 << 64) - (1 << top)))


def fits(f, v):
    """The precondition bitfield_gen.py asserts: the value fits the field."""
    if f.is_ptr:
        top = f.width + f.align
        conds = []
        if top < 64:
            conds.append(("any", [("le", v, const((1 << (top - 1)) - 1)),
                                  ("le", const((1 << 64) - (1 << (top - 1))), v)]))
        if f.align:
            conds.append(("low0", v, f.align))
        return ("all", conds) if conds else None
    if f.width == 64:
        return None
    return ("le", v, const(bitfield_gen.mask(f.width)))


def hx(n):
    return f"0x{n:x}"


class Acsl:
    def __init__(self, names):
        self.names = names      # variable name -> ACSL text

    def e(self, x):
        k = x[0]
        if k == "var":
            return self.names[x[1]]
        if k == "const":
            return hx(x[1])
        if k == "shr":
            return f"({self.e(x[1])} >> {x[2]})"
        if k == "shl":
            return f"({self.e(x[1])} << {x[2]})"
        if k == "and":
            return f"({self.e(x[1])} & {hx(x[2])})"
        if k == "add":
            return f"({self.e(x[1])} + {hx(x[2])})"
        if k == "ite_lt":
            return f"({self.e(x[1])} < {hx(x[2])} ? {self.e(x[3])} : {self.e(x[4])})"
        if k == "call":
            return f"{x[1]}({', '.join(self.e(a) for a in x[2])})"
        raise ValueError(x)

    @staticmethod
    def bit(e, j):
        return f"(({e} >> {j}) & 1)" if j else f"({e} & 1)"

    def p(self, x):
        k = x[0]
        if k == "eq":
            return f"{self.e(x[1])} == {self.e(x[2])}"
        if k == "le":
            return f"{self.e(x[1])} <= {self.e(x[2])}"
        if k == "all":
            return " && ".join(f"({self.p(c)})" if c[0] == "any" else self.p(c) for c in x[1])
        if k == "any":
            return " || ".join(self.p(c) for c in x[1])
        if k == "low0":
            return f"{self.e(x[1])} % {hx(1 << x[2])} == 0"
        if k == "bit":
            return f"{self.bit(self.e(x[1]), x[2])} == {self.bit(self.e(x[3]), x[4])}"
        if k == "bitc":
            return f"{self.bit(self.e(x[1]), x[2])} == {x[3]}"
        raise ValueError(x)


class Smt:
    """The same expressions over (_ BitVec 64); variable names are SMT constants."""

    @staticmethod
    def c(n):
        return f"(_ bv{n} 64)"

    def e(self, x):
        k = x[0]
        if k == "var":
            return x[1]
        if k == "const":
            return self.c(x[1])
        if k == "shr":
            return f"(bvlshr {self.e(x[1])} {self.c(x[2])})"
        if k == "shl":
            return f"(bvshl {self.e(x[1])} {self.c(x[2])})"
        if k == "and":
            return f"(bvand {self.e(x[1])} {self.c(x[2])})"
        if k == "add":
            return f"(bvadd {self.e(x[1])} {self.c(x[2])})"
        if k == "ite_lt":
            return (f"(ite (bvult {self.e(x[1])} {self.c(x[2])}) "
                    f"{self.e(x[3])} {self.e(x[4])})")
        if k == "call":
            return self.e(x[3])     # a logic function: its definition
        if k == "sext":             # the C getter's sign extension (bitfield_gen.read)
            return f"(bvashr (bvshl {self.e(x[1])} {self.c(x[2])}) {self.c(x[2])})"
        raise ValueError(x)

    def p(self, x):
        k = x[0]
        if k == "eq":
            return f"(= {self.e(x[1])} {self.e(x[2])})"
        if k == "le":
            return f"(bvule {self.e(x[1])} {self.e(x[2])})"
        if k == "all":
            return "(and true " + " ".join(self.p(c) for c in x[1]) + ")"
        if k == "any":
            return "(or false " + " ".join(self.p(c) for c in x[1]) + ")"
        if k == "low0":
            return f"(= ((_ extract {x[2] - 1} 0) {self.e(x[1])}) (_ bv0 {x[2]}))"
        if k == "bit":
            return (f"(= ((_ extract {x[2]} {x[2]}) {self.e(x[1])}) "
                    f"((_ extract {x[4]} {x[4]}) {self.e(x[3])}))")
        if k == "bitc":
            return f"(= ((_ extract {x[2]} {x[2]}) {self.e(x[1])}) #b{x[3]})"
        raise ValueError(x)


# --- what each accessor computes, bit by bit --------------------------------------------

def field_bits(f, new, src, j):
    """Bit j (inside f) of the word after storing value src into f."""
    return ("bit", new, j, src, j - f.lo + (f.align or 0))


def get_bits(f, res, w):
    """Bit by bit, the value a getter returns from word w."""
    facts = []
    a = f.align or 0
    top = f.width + a
    for j in range(64):
        if j < a:
            facts.append(("bitc", res, j, 0))
        elif j < top:
            facts.append(("bit", res, j, w, f.lo + j - a))
        elif f.is_ptr:
            facts.append(("bit", res, j, w, f.hi))       # sign extension
        else:
            facts.append(("bitc", res, j, 0))
    return facts


def names(ptr, words, extra=()):
    """ACSL text of the variables: old/new/read words, the result, the arguments."""
    n = {"res": "\\result"}
    for k in range(words):
        if ptr:
            n[f"o{k}"] = f"\\old(p->words[{k}])"
            n[f"n{k}"] = f"p->words[{k}]"
            n[f"x{k}"] = f"p->words[{k}]"
        else:
            n[f"o{k}"] = f"x.words[{k}]"
            n[f"n{k}"] = f"\\result.words[{k}]"
            n[f"x{k}"] = f"x.words[{k}]"
    n["obj_x"] = "*p" if ptr else "x"
    n["obj_old"] = "\\old(*p)" if ptr else "x"
    n["obj_new"] = "*p" if ptr else "\\result"
    for e in extra:
        n[e] = e
    return n


class Contracts:
    """Contracts and side lemmas for every accessor of one parsed description."""

    def __init__(self, blocks, unions):
        self.contracts = {}     # C function name -> list of clauses
        self.logic = {}         # type name -> logic definitions
        self.lemmas = []        # (function, label, premises, conclusion)
        for b in blocks:
            self.kind(b.name, f"{b.name}_t", b.words, b.fields, None, None)
            self.cheap(b)
        for u in unions:
            tname = f"{u.name}_t"
            self.logic[tname] = [self.field_logic(u.name, tname, u.tag)]
            for ptr in (False, True):
                self.getter(u.name, u.tag, ptr)
            for m in u.members:
                self.kind(f"{u.name}_{m.name}", tname, u.words, m.fields, u, m.tag_value)

    @staticmethod
    def field_logic(prefix, tname, f):
        body = Acsl({"w": f"x.words[{f.word}]"}).e(value(f, var("w")))
        return f"logic integer bf_{prefix}_{f.name}({tname} x) = {body};"

    @staticmethod
    def lcall(prefix, f, obj, w):
        """bf_prefix_f(obj), whose definition over obj's word w is value(f, w)."""
        return ("call", f"bf_{prefix}_{f.name}", [var(obj)], value(f, w))

    def emit(self, fname, reqs, assigns, bits, eqs, admits, n, extra=()):
        """reqs, eqs, admits: [(label, predicate)]; bits: bit facts (one ensures)."""
        a = Acsl(n)
        # preconditions speak of the state before the call, without \old
        pre = dict(n, obj_old=n["obj_x"])
        pre.update({k: n["x" + k[1:]] for k in n if k[0] == "o" and k[1:].isdigit()})
        ar = Acsl(pre)
        out = [f"requires {lab}: {ar.p(p)};" if lab else f"requires {p};" for lab, p in reqs]
        out.append(f"assigns {assigns};")
        if bits:
            out.append("ensures bits: " + a.p(("all", bits)) + ";")
        for lab, p in eqs:
            out.append(f"ensures {lab}: {a.p(p)};")
        out += list(extra)
        for lab, p in admits:
            out.append(f"admit ensures {lab}: {a.p(p)};")
            prem = [p for _, p in reqs if isinstance(p, tuple)] + bits
            self.lemmas.append((fname, lab, prem, p))
        self.contracts[fname] = out

    @staticmethod
    def tag_req(union, tag_value, obj, wprefix):
        if union is None:
            return []
        t = union.tag
        return [("tag", ("eq", Contracts.lcall(union.name, t, obj, var(f"{wprefix}{t.word}")),
                         const(tag_value)))]

    def getter(self, prefix, f, ptr, union=None, tag_value=None):
        fname = f"{prefix}_{'ptr_' if ptr else ''}get_{f.name}"
        words = max(f.word, union.tag.word if union else 0) + 1
        reqs = ([("", "\\valid_read(p)")] if ptr else []) + \
            self.tag_req(union, tag_value, "obj_x", "x")
        w = var(f"x{f.word}")
        bits = get_bits(f, var("res"), w)
        value_eq = ("value", ("eq", var("res"), self.lcall(prefix, f, "obj_x", w)))
        top = f.width + (f.align or 0)
        if not f.is_ptr or top == 64:
            self.emit(fname, reqs, "\\nothing", bits, [], [value_eq], names(ptr, words))
            return
        # A sign-extending getter: C's (uint64_t)((int64_t)(v << s) >> s), which WP
        # models through signed conversions Qed does not decide bit by bit. Its bits are
        # admitted too, and proved in OUT.smt2 from that expression as GCC defines it
        # (two's complement conversion, arithmetic right shift).
        self.emit(fname, reqs, "\\nothing", [], [], [value_eq], names(ptr, words))
        r = raw(f, w)
        c_expr = ("sext", ("shl", r, f.align) if f.align else r, 64 - top)
        self.lemmas[-1] = (fname, "value", [("eq", var("res"), c_expr)], value_eq[1])
        a = Acsl(names(ptr, words))
        self.contracts[fname].insert(-1, "admit ensures bits: " + a.p(("all", bits)) + ";")
        self.lemmas.append((fname, "bits", [("eq", var("res"), c_expr)], ("all", bits)))

    def kind(self, prefix, tname, words, fields, union, tag_value):
        defs = self.logic.setdefault(tname, [])
        for f in fields:
            defs.append(self.field_logic(prefix, tname, f))
        tag = union.tag if union else None
        all_fields = fields + ([tag] if tag else [])

        # constructors: every bit of every word
        fit_reqs = [(f"fits_{f.name}", c) for f in fields for c in [fits(f, var(f.name))] if c]
        bits = []
        for k in range(words):
            w = var(f"n{k}")
            for j in range(64):
                owner = next((f for f in all_fields if f.word == k and f.lo <= j <= f.hi), None)
                if owner is None:
                    bits.append(("bitc", w, j, 0))
                elif owner is tag:
                    bits.append(("bitc", w, j, (tag_value >> (j - tag.lo)) & 1))
                else:
                    bits.append(field_bits(owner, w, var(owner.name), j))
        admits = [(f"get_{f.name}", ("eq", self.lcall(prefix, f, "obj_new", var(f"n{f.word}")),
                                     var(f.name))) for f in fields]
        if tag is not None:
            admits.append(("get_tag", ("eq", self.lcall(union.name, tag, "obj_new",
                                                        var(f"n{tag.word}")),
                                       const(tag_value))))
        argn = [f.name for f in fields]
        self.emit(f"{prefix}_new", fit_reqs, "\\nothing", bits, [], admits,
                  names(False, words, argn))
        self.emit(f"{prefix}_ptr_new", [("", "\\valid(p)")] + fit_reqs, "*p", bits, [],
                  admits, names(True, words, argn))

        for f in fields:
            W = f.word
            nw, ow = var(f"n{W}"), var(f"o{W}")
            for ptr in (False, True):
                self.getter(prefix, f, ptr, union, tag_value)
                reqs = ([("", "\\valid(p)")] if ptr else []) + \
                    self.tag_req(union, tag_value, "obj_old", "o")
                fit = fits(f, var("v"))
                if fit:
                    reqs.append(("fits", fit))
                bits = [field_bits(f, nw, var("v"), j) if f.lo <= j <= f.hi
                        else ("bit", nw, j, ow, j) for j in range(64)]
                eqs = [(f"word{k}", ("eq", var(f"n{k}"), var(f"o{k}")))
                       for k in range(words) if k != W]
                admits = [("get", ("eq", self.lcall(prefix, f, "obj_new", nw), var("v")))]
                for g in all_fields:
                    if g is not f and g.word == W:
                        gp = union.name if g is tag else prefix
                        admits.append((f"keep_{g.name}",
                                       ("eq", self.lcall(gp, g, "obj_new", nw),
                                        self.lcall(gp, g, "obj_old", ow))))
                fname = f"{prefix}_{'ptr_' if ptr else ''}set_{f.name}"
                self.emit(fname, reqs, f"p->words[{W}]" if ptr else "\\nothing", bits, eqs,
                          admits, names(ptr, words, ["v"]))
            if f.width == 1 and not f.is_ptr and union is not None:
                self.is_bit(f"{prefix}_is_{f.name}", prefix, f, False, union, tag_value)

    def is_bit(self, fname, prefix, f, ptr, union=None, tag_value=None):
        """P_is_F: whether a one-bit field is set, as an int."""
        words = max(f.word, union.tag.word if union else 0) + 1
        reqs = ([("", "\\valid_read(p)")] if ptr else []) + \
            self.tag_req(union, tag_value, "obj_x", "x")
        n = names(ptr, words)
        w = var(f"x{f.word}")
        a = Acsl(n)
        # WP proves both: the result is the bit, and so the one-bit field's value
        self.emit(fname, reqs, "\\nothing", [], [], [], n, extra=[
            f"ensures bit: \\result == {a.bit(n[f'x{f.word}'], f.lo)};",
            f"ensures value: \\result == {a.e(self.lcall(prefix, f, 'obj_x', w))};"])

    def cheap(self, b):
        """Blocks' no-read (_np), two-field (mset) and one-bit (is_) forms."""
        by_word = {}
        for f in b.fields:
            by_word.setdefault(f.word, []).append(f)
        for f in b.fields:
            alone = len(by_word[f.word]) == 1
            W = f.word
            nw = var(f"n{W}")
            bits = []
            for j in range(64):
                if alone and f.is_ptr and f.align == 0 and f.lo == 0:
                    bits.append(("bit", nw, j, var("v"), j))        # stored unmasked
                elif alone and not f.is_ptr:
                    bits.append(("bit", nw, j, var("v"), j - f.lo) if j >= f.lo
                                else ("bitc", nw, j, 0))
                elif f.lo <= j <= f.hi:
                    bits.append(field_bits(f, nw, var("v"), j))
                else:
                    bits.append(("bitc", nw, j, 0))
            reqs = [("", "\\valid(p)")]
            fit = fits(f, var("v"))
            if fit:
                reqs.append(("fits", fit))
            eqs = [(f"word{k}", ("eq", var(f"n{k}"), var(f"o{k}")))
                   for k in range(b.words) if k != W]
            admits = [("get", ("eq", self.lcall(b.name, f, "obj_new", nw), var("v")))]
            admits += [(f"zero_{g.name}", ("eq", self.lcall(b.name, g, "obj_new", nw), const(0)))
                       for g in by_word[W] if g is not f]
            self.emit(f"{b.name}_ptr_set_{f.name}_np", reqs, f"p->words[{W}]", bits, eqs,
                      admits, names(True, b.words, ["v"]))
            if f.width == 1 and not f.is_ptr:
                self.is_bit(f"{b.name}_is_{f.name}", b.name, f, False)
                self.is_bit(f"{b.name}_ptr_is_{f.name}", b.name, f, True)
        for W, fields in sorted(by_word.items()):
            whole = len(fields) == 2
            for i, f1 in enumerate(fields):
                for f2 in fields[i + 1:]:
                    nw, ow = var(f"n{W}"), var(f"o{W}")
                    bits = []
                    for j in range(64):
                        if f1.lo <= j <= f1.hi:
                            bits.append(field_bits(f1, nw, var("v1"), j))
                        elif f2.lo <= j <= f2.hi:
                            bits.append(field_bits(f2, nw, var("v2"), j))
                        elif whole:
                            bits.append(("bitc", nw, j, 0))
                        else:
                            bits.append(("bit", nw, j, ow, j))
                    reqs = [("", "\\valid(p)")]
                    for lab, f, v in (("fits1", f1, "v1"), ("fits2", f2, "v2")):
                        fit = fits(f, var(v))
                        if fit:
                            reqs.append((lab, fit))
                    eqs = [(f"word{k}", ("eq", var(f"n{k}"), var(f"o{k}")))
                           for k in range(b.words) if k != W]
                    admits = [("get1", ("eq", self.lcall(b.name, f1, "obj_new", nw), var("v1"))),
                              ("get2", ("eq", self.lcall(b.name, f2, "obj_new", nw), var("v2")))]
                    for g in fields:
                        if g is not f1 and g is not f2:
                            admits.append((f"keep_{g.name}",
                                           ("eq", self.lcall(b.name, g, "obj_new", nw),
                                            self.lcall(b.name, g, "obj_old", ow))))
                    self.emit(f"{b.name}_ptr_mset_{f1.name}_{f2.name}", reqs,
                              f"p->words[{W}]", bits, eqs, admits,
                              names(True, b.words, ["v1", "v2"]))


# --- output ---------------------------------------------------------------------------

FUNC_RE = re.compile(r"^static inline .*\b(\w+)\(")
TYPEDEF_RE = re.compile(r"^typedef struct \w+ \{.*\} (\w+);$")


def annotate(header, c, values_only=False):
    out = []
    seen = set()
    for line in header.splitlines():
        m = FUNC_RE.match(line)
        if m:
            if m[1] not in c.contracts:
                raise bitfield_gen.BitfieldError(f"no contract for {m[1]}")
            clauses = c.contracts[m[1]]
            if values_only:
                clauses = [k for k in clauses if not k.startswith(("ensures bits:",
                                                                   "admit ensures bits:"))]
            out.append("/*@ " + "\n    ".join(clauses) + " */")
            seen.add(m[1])
        out.append(line)
        t = TYPEDEF_RE.match(line)
        if t and t[1] in c.logic:
            out.append("/*@ " + "\n    ".join(c.logic[t[1]]) + " */")
    missing = set(c.contracts) - seen
    if missing:
        raise bitfield_gen.BitfieldError(
            "contracts for accessors not in the header: " + ", ".join(sorted(missing)))
    return "\n".join(out) + "\n"


def smt(c):
    """One z3 script: for each admitted postcondition, its premises and its negation
    (each check-sat must answer unsat)."""
    s = Smt()
    out = ["; Generated by tools/bitfield_acsl.py: each value postcondition WP admits,",
           "; from its accessor's bit-by-bit postconditions and preconditions.",
           "(set-logic QF_BV)"]
    ident = re.compile(r"(?<![\w#])([a-zA-Z_]\w*)")
    for fname, lab, prem, concl in c.lemmas:
        body = [s.p(p) for p in prem]
        goal = s.p(concl)
        decls = set()
        for t in body + [goal]:
            decls.update(n for n in ident.findall(t) if n not in SMT_WORDS)
        out.append(f"(push 1)(echo \"{fname} {lab}\")")
        out += [f"(declare-const {n} (_ BitVec 64))" for n in sorted(decls)]
        out += [f"(assert {t})" for t in body]
        out.append(f"(assert (not {goal}))")
        out.append("(check-sat)(pop 1)")
    return "\n".join(out) + "\n"


SMT_WORDS = {"and", "or", "not", "true", "false", "ite", "bvlshr", "bvshl", "bvand", "bvashr",
             "bvadd", "bvult", "bvule", "extract", "_"} | {f"bv{i}" for i in range(65)}


def main():
    argv = sys.argv[1:]
    if len(argv) < 3:
        sys.exit(__doc__)
    values_only = "--values-only" in argv
    if values_only:
        argv.remove("--values-only")
    inp, outp, smtp = argv[0], argv[1], argv[2]
    sys.argv = [sys.argv[0], inp, outp] + argv[3:]
    bitfield_gen.main()
    with open(inp) as fh:
        blocks, unions = bitfield_gen.parse(fh.read(), inp)
    with open(outp) as fh:
        header = fh.read()
    try:
        c = Contracts(blocks, unions)
        text = annotate(header, c, values_only)
    except bitfield_gen.BitfieldError as err:
        sys.exit(f"bitfield_acsl: {err}")
    with open(outp, "w") as fh:
        fh.write(text)
    with open(smtp, "w") as fh:
        fh.write(smt(c))


if __name__ == "__main__":
    main()
