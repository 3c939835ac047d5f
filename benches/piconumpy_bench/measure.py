"""Wall time and instructions per Runge-Kutta step.

Wall time: one long-lived worker process per implementation (so that
PyPy's JIT sees one implementation only), all pinned to the same CPU. A
sample is one call of `slide(sleds, STEPS)`, the number of sleds chosen
for each implementation so that a sample takes about `sample_seconds`.
Warm-up rounds come first and are not counted (PyPy's JIT compiles the
loops during them; CPython's caches and allocator settle); the sample
sizes are then chosen again, since a JIT changes them. Then, in each
round, every implementation takes one sample, in an order rotated from
round to round, so that the drift of a shared machine reaches all alike.
The figure is the median over rounds of the time per step (one step of
one sled: four derivatives and about twenty array operations).

Instructions (CPython only, `valgrind --tool=callgrind`): the counts of
slide(S, N) and slide(S, 0), each between two calls of a marker function
(`--dump-before`), subtracted and divided by S × N. Deterministic, unlike
wall time on a loaded machine.
"""

import json
import os
import re
import statistics
import subprocess
import sys

from .worker import MARKER_FUNCTION

# Steps per sled in a wall-time sample (the sleds are calibrated).
STEPS = 100


class Worker:
    def __init__(self, bench_dir, python, ext_dir, key):
        self.process = subprocess.Popen(
            [str(python), "-m", "piconumpy_bench.worker", str(ext_dir), key, "serve"],
            cwd=bench_dir, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )

    def time(self, sleds):
        """Seconds per step of one sled, over a sample of `sleds` sleds."""
        self.process.stdin.write(json.dumps({"sleds": sleds, "steps": STEPS}) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())["seconds"] / (sleds * STEPS)

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def sleds_for(worker, sample_seconds):
    """The number of sleds that makes a sample last about `sample_seconds`."""
    per_step = min(worker.time(1) for _ in range(3))
    return max(1, round(sample_seconds / (per_step * STEPS)))


def wall_time(bench_dir, python, ext_dir, keys, rounds, warmup, sample_seconds, label):
    """{key: (median, first, samples)}, in seconds per step: `first` is
    the very first sample (one sled), before any warm-up."""
    workers = {k: Worker(bench_dir, python, ext_dir, k) for k in keys}
    try:
        first = {k: w.time(1) for k, w in workers.items()}
        sleds = {k: sleds_for(w, sample_seconds) for k, w in workers.items()}
        samples = {k: [] for k in keys}
        for r in range(-warmup, rounds):
            if r == 0:
                sleds = {k: sleds_for(w, sample_seconds) for k, w in workers.items()}
            order = keys[r % len(keys):] + keys[:r % len(keys)]
            for k in order:
                seconds = workers[k].time(sleds[k])
                if r >= 0:
                    samples[k].append(seconds)
            what = f"round {r + 1}/{rounds}" if r >= 0 else f"warm-up round {r + warmup + 1}/{warmup}"
            print(f"piconumpy, {label}: {what}", file=sys.stderr, flush=True)
    finally:
        for w in workers.values():
            w.close()
    return {k: (statistics.median(samples[k]), first[k], samples[k]) for k in keys}


TOTALS = re.compile(rb"^(?:totals|summary):\s*(\d+)", re.MULTILINE)


def total(path):
    return int(TOTALS.search(path.read_bytes()).group(1))


def instructions(bench_dir, ext_dir, out, key, sleds, steps):
    """Instructions per step of one sled under callgrind, on this CPython;
    the profile of slide(sleds, steps) stays in `<out>/callgrind/<key>.out`."""
    folder = out / "callgrind"
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / f"{key}.run"
    for old in folder.glob(f"{key}.*"):
        old.unlink()
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    env.pop("HPY", None)
    cmd = [
        "valgrind", "--tool=callgrind", f"--callgrind-out-file={base}",
        f"--dump-before={MARKER_FUNCTION}", "--compress-strings=no",
        sys.executable, "-m", "piconumpy_bench.worker", str(ext_dir), key, "callgrind", str(sleds), str(steps),
    ]
    subprocess.run(cmd, cwd=bench_dir, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Part 1: start-up and warm-up; part 2: slide(S, N); part 3: slide(S, 0).
    with_steps, without = folder / f"{key}.run.2", folder / f"{key}.run.3"
    count = (total(with_steps) - total(without)) / (sleds * steps)
    with_steps.rename(folder / f"{key}.out")
    for part in folder.glob(f"{key}.run*"):
        part.unlink()
    print(f"piconumpy, callgrind: {key} done", file=sys.stderr, flush=True)
    return count
