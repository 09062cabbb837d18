#!/usr/bin/env python3
"""The module graph of src/: which module uses which (by `use crate::…`, `crate::…` paths and
`super::…`), the cycles in it, lines per folder, and which step imports a later one.

    python3 tools/module_graph.py [SRC]        # SRC defaults to src
"""
import os, re, sys
from collections import defaultdict

SRC = sys.argv[1] if len(sys.argv) > 1 else "src"
# The flow: a module may use its own step and the ones before it, never a later one.
ORDER = ["root", "library", "reply", "lint", "legacy", "edge"]
# Inside the reply, the same: answers are checked, then rendered (the plan asks the engine
# which blocks are in), then parsed into paragraphs, guarded and put in a format. The
# folder's own mod.rs (the Composer) drives them all.
REPLY_ORDER = ["answers", "render", "plan", "paragraphs", "guard", "output"]

def module_of(path):
    rel = os.path.relpath(path, SRC)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    return "::".join(rel)

modules = {}
for d, _, files in os.walk(SRC):
    for f in files:
        if f.endswith(".rs"):
            p = os.path.join(d, f)
            modules[module_of(p)] = p

def resolve(parts):
    """The longest module prefix of a path."""
    for n in range(len(parts), 0, -1):
        m = "::".join(parts[:n])
        if m in modules:
            return m
    return ""

def strip_tests(text):
    i = text.find("#[cfg(test)]\nmod tests")
    return text if i < 0 else text[:i]

edges = defaultdict(set)
for m, p in modules.items():
    text = strip_tests(open(p).read())
    # Paths inside `use crate::{a, b::c}` groups are expanded one level.
    for grp in re.finditer(r"crate::\{([^}]*)\}", text):
        for item in grp.group(1).split(","):
            item = item.strip().split(" as ")[0]
            if item:
                t = resolve(item.split("::"))
                if t and t != m:
                    edges[m].add(t)
    for path in re.findall(r"crate::((?:[a-z_][a-z0-9_]*::)*[a-z_][a-z0-9_]*)", text):
        t = resolve(path.split("::"))
        if t and t != m:
            edges[m].add(t)
    # `super::` is relative to the module the text is in: the file's, or an inline
    # `mod name { … }` in it (as `platform` in clipboard/system.rs).
    here = m.split("::") if m else []
    inline = []
    for found in re.finditer(r"(?m)^mod [a-z_]+ \{", text):
        depth, i = 0, found.end() - 1
        while i < len(text):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            if depth == 0:
                break
            i += 1
        inline.append((found.start(), i))
    def relative(start, ups, path):
        # Inside an inline module the first `super` is the file's own module.
        inside = any(a < start < b for a, b in inline)
        ups -= 1 if inside else 0
        base = here[: len(here) - ups] if 0 < ups <= len(here) else (here if ups == 0 else [])
        t = resolve(base + path.split("::"))
        if t and t != m:
            edges[m].add(t)
    for found in re.finditer(r"((?:super::)+)((?:[a-z_][a-z0-9_]*::)*[A-Za-z_][A-Za-z0-9_]*)", text):
        relative(found.start(), found.group(1).count("super::"), found.group(2))
    # `use super::{a, b::c}` groups, expanded one level like `crate::{…}` above.
    for grp in re.finditer(r"((?:super::)+)\{([^}]*)\}", text):
        for item in grp.group(2).split(","):
            item = item.strip().split(" as ")[0]
            if item and item != "self":
                relative(grp.start(), grp.group(1).count("super::"), item)

# A module's use of its own child modules by their bare names (`blocks::lint(…)`).
for m, p in modules.items():
    if not (p.endswith("mod.rs") or p.endswith("lib.rs")):
        continue
    text = strip_tests(open(p).read())
    prefix = (m + "::") if m else ""
    for child in [c for c in modules if c.startswith(prefix) and c.count("::") == prefix.count("::") and c != m]:
        name = child.split("::")[-1]
        if re.search(r"(?<![\w:])" + name + r"::", text) or re.search(r"use " + name + r"::", text):
            edges[m].add(child)

def step(m):
    top = m.split("::")[0] if m else "root"
    return top if top in ORDER else "root"

# Tarjan's strongly connected components.
index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
def visit(v):
    index[v] = low[v] = counter[0]; counter[0] += 1
    stack.append(v); on.add(v)
    for w in edges[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1:
            sccs.append(sorted(comp))
sys.setrecursionlimit(10000)
for v in modules:
    if v not in index:
        visit(v)

lines, code = defaultdict(int), defaultdict(int)
for m, p in modules.items():
    text = open(p).read()
    folder = os.path.dirname(os.path.relpath(p, SRC)) or "."
    lines[folder] += sum(1 for l in text.splitlines() if l.strip())
    i = text.find("#[cfg(test)]")
    code[folder] += sum(1 for l in (text if i < 0 else text[:i]).splitlines() if l.strip())
print("non-blank lines per folder (all / without unit tests):")
for f in sorted(lines):
    print(f"  {f:24} {lines[f]:6} {code[f]:6}")
print(f"  {'total':24} {sum(lines.values()):6} {sum(code.values()):6}")
names = defaultdict(list)
for m in modules:
    names[m.split("::")[-1] if m else "lib"].append(m or "crate")
dup = {n: ms for n, ms in names.items() if len(ms) > 1}
print(f"module names used twice: {dup if dup else 'none'}")
print(f"cycles (strongly connected modules): {len(sccs)}")
for c in sccs:
    print("  " + " <-> ".join(c))
def reply_step(m):
    parts = m.split("::")
    return REPLY_ORDER.index(parts[1]) if len(parts) > 1 and parts[0] == "reply" and parts[1] in REPLY_ORDER else None

def later(a, b):
    if ORDER.index(step(b)) != ORDER.index(step(a)):
        return ORDER.index(step(b)) > ORDER.index(step(a))
    ra, rb = reply_step(a), reply_step(b)
    return ra is not None and rb is not None and rb > ra

back = sorted((a, b) for a in edges for b in edges[a] if later(a, b))
print(f"imports from an earlier step of a later one: {len(back)}")
for a, b in back:
    print(f"  {a} -> {b}")
