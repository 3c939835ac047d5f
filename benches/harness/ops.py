"""The measured operations: what each one sets up and the statement that the
timed loop runs once per iteration.

The loop is compiled as `for _ in repeat(None, n): <statement>` inside a
function whose parameters are the set-up names, so every name is a local
and the loop allocates nothing (`range` would create an int per iteration):
its own cost is small and the same in every column (the `loop` row measures
it alone).
"""

import itertools
from dataclasses import dataclass


@dataclass(frozen=True)
class Op:
    key: str
    title: str
    statement: str


def setup(m):
    """The names the statements use, for module `m`."""
    values = [float(i) for i in range(100)]
    return {
        "m": m,
        "noargs": m.noargs,
        "onearg": m.onearg,
        "add": m.add,
        "kwargs": m.kwargs,
        "make_list": m.make_list,
        "Point": m.Point,
        "p": m.Point(1.0, 2.0),
        "a": m.Array(values),
        "b": m.Array(values),
        "x": "an object",
    }


OPS = [
    Op("loop", "the loop alone (in every row)", "pass"),
    Op("noargs", "`noargs()`", "noargs()"),
    Op("onearg", "`onearg(x)`", "onearg(x)"),
    Op("add", "`add(1, 2)`: two ints parsed and added", "add(1, 2)"),
    Op("kwargs", "`kwargs(1, b=2, c=3)`", "kwargs(1, b=2, c=3)"),
    Op("alloc", "`Point(1.0, 2.0)`: allocate", "Point(1.0, 2.0)"),
    Op("method", "`p.norm2()`: method", "p.norm2()"),
    Op("getter", "`p.x`: getter", "p.x"),
    Op("member", "`p.y`: member", "p.y"),
    Op("len", "`len(p)`: slot", "len(p)"),
    Op("getitem", "`p[1]`: slot", "p[1]"),
    Op("binop", "`p + p`: number slot", "p + p"),
    Op("list100", "`make_list()`: 100 ints", "make_list()"),
    Op("kernel", "`(a + b).sum()`: 100 floats", "(a + b).sum()"),
]

BY_KEY = {op.key: op for op in OPS}


def make_loop(op, names):
    """The loop function of `op`: `loop(n)` runs the statement `n` times."""
    params = ", ".join(names)
    source = f"def loop(n, {params}):\n    for _ in repeat(None, n):\n        {op.statement}\n"
    scope = {"repeat": itertools.repeat}
    exec(compile(source, f"<{op.key}>", "exec"), scope)
    loop = scope["loop"]
    values = list(names.values())
    return lambda n: loop(n, *values)
