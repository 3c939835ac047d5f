"""Instructions per operation under callgrind.

For each column and operation, the worker runs under
`valgrind --tool=callgrind` twice, the same way except the loop count: N
and 0 iterations (after the same warm-up). The whole process is counted
(`--collect-atstart=yes`, the default), so the difference of the two totals
is exactly the N iterations; divided by N it is the cost of one. Runs are
deterministic: fixed hash seed, no bytecode written, the count padded to a
fixed width so that even argv is the same size, and the worker leaves with
`os._exit` so that interpreter shutdown is not counted.

The N-iteration profile stays in `<out>/callgrind/` for `callgrind_annotate`.
"""

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

TOTALS = re.compile(rb"^(?:totals|summary):\s*(\d+)", re.MULTILINE)


def env():
    e = dict(os.environ)
    e.pop("HPY", None)
    e["PYTHONHASHSEED"] = "0"
    e["PYTHONDONTWRITEBYTECODE"] = "1"
    return e


def count(bench_dir, ext_dir, out_dir, column, op, n):
    """The total instructions of one worker run."""
    out_file = out_dir / f"{column}.{op}.{n}.out"
    cmd = [
        "valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}",
        sys.executable, "-m", "harness.worker", str(ext_dir), column, "callgrind", op, f"{n:09d}",
    ]
    subprocess.run(cmd, cwd=bench_dir, env=env(), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    total = int(TOTALS.search(out_file.read_bytes()).group(1))
    if n == 0:
        out_file.unlink()
    return total


def measure(bench_dir, ext_dir, out, columns, ops, n):
    """{(column, op): instructions per iteration}."""
    out_dir = out / "callgrind"
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = [(c, o, k) for c in columns for o in ops for k in (n, 0)]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        totals = list(pool.map(lambda j: count(bench_dir, ext_dir, out_dir, *j), jobs))
    by_job = dict(zip(jobs, totals))
    result = {}
    for c in columns:
        for o in ops:
            result[(c, o)] = (by_job[(c, o, n)] - by_job[(c, o, 0)]) / n
        print(f"callgrind: {c} done", file=sys.stderr, flush=True)
    return result
