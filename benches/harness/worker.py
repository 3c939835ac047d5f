"""One column's process: loads its module and runs operations.

    python -m harness.worker EXT_DIR COLUMN callgrind N OP...
        for each OP: its loop WARMUP times, a marker, the loop N times, a
        marker, the loop 0 times, a marker; then exits at once (callgrind
        dumps a profile at every marker: see callgrind.py);
    python -m harness.worker EXT_DIR COLUMN check
        checks that the operations give the expected results;
    python -m harness.worker EXT_DIR COLUMN serve
        answers timing requests, one JSON object a line on stdin:
        {"op": KEY, "loops": N} -> {"seconds": time of the N iterations}.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

from . import columns, ops

WARMUP = 200


def loops_for(module):
    names = ops.setup(module)
    return {op.key: ops.make_loop(op, names) for op in ops.OPS}


def check(module):
    """The operations give the same results in every column."""
    names = ops.setup(module)
    p = names["p"]
    got = (
        module.noargs(), module.onearg(5), module.add(1, 2), module.kwargs(1, b=2, c=3),
        module.make_list(), p.norm2(), p.x, p.y, len(p), p[1], (p + p).x,
        (names["a"] + names["b"]).sum(),
    )
    expected = (None, 5, 3, 6, list(range(100)), 5.0, 1.0, 2.0, 2, 2.0, 2.0, 9900.0)
    if got != expected:
        raise SystemExit(f"wrong results: {got}")
    # A leak makes an operation look cheap in instructions (nothing is
    # freed): the allocating operations must not grow the process. (Not on
    # PyPy, whose garbage collector grows its heap as it sees fit, and whose
    # columns are not counted in instructions.)
    if sys.implementation.name == "pypy":
        return
    loops = loops_for(module)
    for key in ("alloc", "binop", "list100", "kernel"):
        loops[key](1000)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        loops[key](50_000)
        grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        if grown > 8 * 1024:  # KiB
            raise SystemExit(f"{key} leaks: the process grew by {grown} KiB in 50,000 iterations")


# The marker: `sys.getswitchinterval()` is the only caller of this C
# function of the interpreter, and a cheap one.
MARKER_FUNCTION = "_PyEval_GetSwitchInterval"
marker = sys.getswitchinterval


def callgrind(module, n, keys):
    loops = loops_for(module)
    for key in keys:
        loop = loops[key]
        loop(WARMUP)
        marker()
        loop(n)
        marker()
        loop(0)
        marker()
    sys.stdout.flush()
    os._exit(0)  # no interpreter shutdown: nothing to count after the last marker


def serve(module):
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
    loops = loops_for(module)
    for line in sys.stdin:
        request = json.loads(line)
        loop = loops[request["op"]]
        n = request["loops"]
        start = time.perf_counter()
        loop(n)
        seconds = time.perf_counter() - start
        print(json.dumps({"seconds": seconds}), flush=True)


def main(argv):
    ext_dir, key, mode, *rest = argv
    module = columns.load(columns.BY_KEY[key], Path(ext_dir))
    if mode == "callgrind":
        callgrind(module, int(rest[0]), rest[1:])
    elif mode == "check":
        check(module)
    else:
        serve(module)


if __name__ == "__main__":
    main(sys.argv[1:])
