"""One column's process: loads its module and runs operations.

    python -m harness.worker EXT_DIR COLUMN callgrind OP N
        runs OP's loop WARMUP times, then N times, and exits at once
        (under callgrind, with N and with 0: the difference is the loop);
    python -m harness.worker EXT_DIR COLUMN serve
        answers timing requests, one JSON object a line on stdin:
        {"op": KEY, "loops": N} -> {"seconds": time of the N iterations}.
"""

import json
import os
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


def callgrind(module, key, n):
    loop = loops_for(module)[key]
    loop(WARMUP)
    loop(n)
    sys.stdout.flush()
    os._exit(0)  # no interpreter shutdown: the same in both runs, and shorter


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
        callgrind(module, rest[0], int(rest[1]))
    elif mode == "check":
        check(module)
    else:
        serve(module)


if __name__ == "__main__":
    main(sys.argv[1:])
