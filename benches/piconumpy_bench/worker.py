"""One implementation's process: loads it and runs the workload.

    python -m piconumpy_bench.worker EXT_DIR KEY check
        checks that the workload gives the pure-Python results, bit for bit;
    python -m piconumpy_bench.worker EXT_DIR KEY serve
        answers timing requests, one JSON object a line on stdin:
        {"sleds": S, "steps": N} -> {"seconds": time of slide(S, N)};
    python -m piconumpy_bench.worker EXT_DIR KEY callgrind S N
        (under callgrind) a warm-up, then slide(S, N) and slide(S, 0)
        between calls of a marker function, then exits at once.

Run from `benches/`. Each implementation runs in a process of its own, so
that PyPy's JIT compiles the workload for that implementation alone.
"""

import json
import os
import sys
import time
from pathlib import Path

from . import implementations, purepy, workload

# The marker of the callgrind runs: `sys.getswitchinterval()` is the only
# caller of this C function of CPython, and a cheap one.
MARKER_FUNCTION = "_PyEval_GetSwitchInterval"
marker = sys.getswitchinterval

# The check's workload: small, and the same floats in every implementation.
CHECK = {"sleds": 3, "steps": 40, "seed": 7}


def check(module):
    expected = workload.slide(purepy, **CHECK)
    got = workload.slide(module, **CHECK)
    if got != expected:
        raise SystemExit(f"{module.__name__}: the workload's results differ from pure Python's:\n"
                         f"{got}\n{expected}")


def serve(module):
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {max(os.sched_getaffinity(0))})
    for line in sys.stdin:
        request = json.loads(line)
        start = time.perf_counter()
        workload.slide(module, request["sleds"], request["steps"])
        seconds = time.perf_counter() - start
        print(json.dumps({"seconds": seconds}), flush=True)


def callgrind(module, sleds, steps):
    workload.slide(module, 2, 20)
    marker()
    workload.slide(module, sleds, steps)
    marker()
    workload.slide(module, sleds, 0)
    marker()
    sys.stdout.flush()
    os._exit(0)  # no interpreter shutdown: nothing to count after the last marker


def main(argv):
    ext_dir, key, mode, *rest = argv
    module = implementations.load(key, Path(ext_dir))
    if mode == "check":
        check(module)
    elif mode == "serve":
        serve(module)
    elif mode == "callgrind":
        callgrind(module, int(rest[0]), int(rest[1]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
