"""Instructions per operation under callgrind.

One run of `valgrind --tool=callgrind` per column: the worker (worker.py)
loads the column's module and, for each operation, warms its loop up, then
runs it N times and 0 times, calling a marker function before, between and
after. `--dump-before=<marker>` makes callgrind write the counts since the
previous marker to a file of its own, so each loop has its exact count; the
difference of the N and 0 loops, divided by N, is the cost of one
iteration (the marker's and the loop call's own cost cancel out).

Counts are deterministic: fixed hash seed, no bytecode written, and the
same code path every time. The profile of each N-iteration loop stays in
`<out>/callgrind/<column>.<op>.out` for `callgrind_annotate` (names are not
compressed, so that each part is readable on its own).
"""

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from .worker import MARKER_FUNCTION

TOTALS = re.compile(rb"^(?:totals|summary):\s*(\d+)", re.MULTILINE)


def env():
    e = dict(os.environ)
    e.pop("HPY", None)
    e["PYTHONHASHSEED"] = "0"
    e["PYTHONDONTWRITEBYTECODE"] = "1"
    return e


def total(path):
    return int(TOTALS.search(path.read_bytes()).group(1))


def run_column(bench_dir, ext_dir, out_dir, column, ops, n):
    """{op: instructions per iteration} for one column."""
    base = out_dir / f"{column}.out"
    for old in out_dir.glob(f"{column}.*"):
        old.unlink()
    cmd = [
        "valgrind", "--tool=callgrind", f"--callgrind-out-file={base}",
        f"--dump-before={MARKER_FUNCTION}", "--compress-strings=no",
        sys.executable, "-m", "harness.worker", str(ext_dir), column, "callgrind", str(n), *ops,
    ]
    subprocess.run(cmd, cwd=bench_dir, env=env(), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Part 1 is the start-up; then three parts per operation: its N loop,
    # its 0 loop, the next operation's warm-up.
    result = {}
    for i, op in enumerate(ops):
        with_n = out_dir / f"{column}.out.{3 * i + 2}"
        with_0 = out_dir / f"{column}.out.{3 * i + 3}"
        result[op] = (total(with_n) - total(with_0)) / n
        with_n.rename(out_dir / f"{column}.{op}.out")
    for part in out_dir.glob(f"{column}.out*"):
        part.unlink()
    print(f"callgrind: {column} done", file=sys.stderr, flush=True)
    return result


def measure(bench_dir, ext_dir, out, columns, ops, n):
    """{(column, op): instructions per iteration}."""
    out_dir = out / "callgrind"
    out_dir.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        per_column = list(pool.map(lambda c: run_column(bench_dir, ext_dir, out_dir, c, ops, n), columns))
    return {(c, o): counts[o] for c, counts in zip(columns, per_column) for o in ops}
