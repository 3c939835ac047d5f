"""Wall time per operation: interleaved, median of many samples.

One long-lived worker process per column (so modules in universal and debug
mode never share a process), pinned to one CPU. Each sample times a loop of
`loops` iterations, calibrated per column and operation so that a sample
takes about `sample_seconds`. Samples are taken in rounds: each round times
every operation in every column, in an order rotated from round to round,
so that slow drift of the machine (frequency, other load) reaches every
column alike. The figure is the median over the rounds.

The samples are also saved as pyperf files (`<out>/wall-<column>.json`):
`python -m pyperf stats` or `compare_to` read them.
"""

import json
import statistics
import subprocess
import sys


class Worker:
    def __init__(self, bench_dir, ext_dir, column, python=sys.executable):
        self.process = subprocess.Popen(
            [str(python), "-m", "harness.worker", str(ext_dir), column, "serve"],
            cwd=bench_dir, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )

    def time(self, op, loops):
        self.process.stdin.write(json.dumps({"op": op, "loops": loops}) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())["seconds"]

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def calibrate(worker, op, sample_seconds):
    loops = 1
    while True:
        if worker.time(op, loops) >= sample_seconds / 4:
            return max(1, int(loops * sample_seconds / worker.time(op, loops)))
        loops *= 4


def measure(bench_dir, ext_dir, out, columns, ops, rounds, sample_seconds, python=sys.executable, warmup=0):
    """{(column, op): median seconds per iteration}. `warmup` rounds are run
    first and not counted (a JIT compiles the loops during them)."""
    workers = {c: Worker(bench_dir, ext_dir, c, python) for c in columns}
    try:
        loops = {(c, o): calibrate(workers[c], o, sample_seconds) for c in columns for o in ops}
        samples = {key: [] for key in loops}
        for r in range(-warmup, rounds):
            for o in ops:
                order = columns[r % len(columns):] + columns[:r % len(columns)]
                for c in order:
                    n = loops[(c, o)]
                    seconds = workers[c].time(o, n) / n
                    if r >= 0:
                        samples[(c, o)].append(seconds)
            what = f"round {r + 1}/{rounds}" if r >= 0 else f"warm-up round {r + warmup + 1}/{warmup}"
            print(f"wall time: {what}", file=sys.stderr, flush=True)
    finally:
        for w in workers.values():
            w.close()
    save_pyperf(out, columns, ops, samples, loops)
    return {key: statistics.median(values) for key, values in samples.items()}


def save_pyperf(out, columns, ops, samples, loops):
    try:
        import pyperf
    except ImportError:
        return
    for c in columns:
        benchmarks = []
        for o in ops:
            metadata = {"name": o, "loops": loops[(c, o)], "unit": "second"}
            run = pyperf.Run(samples[(c, o)], metadata=metadata, collect_metadata=False)
            benchmarks.append(pyperf.Benchmark([run]))
        pyperf.BenchmarkSuite(benchmarks).dump(str(out / f"wall-{c}.json"), replace=True)
