"""`cargo xtask bench --piconumpy`: builds the extensions, checks that
every implementation computes the pure-Python results, measures them on
CPython, PyPy and GraalPy, and writes the report (benches/RESULTS-piconumpy.md)."""

import shutil
import subprocess
import sys

from harness.report import write

from . import build, implementations, measure, report

# Sleds and steps of the callgrind run: 2,000 steps, a few seconds each.
CALLGRIND_SLEDS = 4
CALLGRIND_STEPS = 500


def check(bench_dir, python, ext_dir, keys):
    for key in keys:
        subprocess.run([str(python), "-m", "piconumpy_bench.worker", str(ext_dir), key, "check"],
                       cwd=bench_dir, check=True)


def main(bench_dir, args):
    """`args`: the harness's options (quick, rounds, pypy, out, no_callgrind, note)."""
    keys = [i.key for i in implementations.ALL]
    out = bench_dir / "target" / "bench" / "piconumpy"
    root = bench_dir.parent
    quick = args.quick
    rounds = args.rounds or (3 if quick else 20)
    warmup = 2 if quick else 10
    sample = 0.01 if quick else 0.1
    callgrind = not args.no_callgrind and shutil.which("valgrind") is not None
    if not args.no_callgrind and not callgrind:
        print("valgrind is not on PATH: no instruction counts", file=sys.stderr)

    ext = build.for_cpython(bench_dir, root, out)
    check(bench_dir, sys.executable, ext, keys)
    counts = None
    if callgrind:
        sleds, steps = (2, 50) if quick else (CALLGRIND_SLEDS, CALLGRIND_STEPS)
        counts = {k: measure.instructions(bench_dir, ext, out, k, sleds, steps) for k in keys}
    cpython = measure.wall_time(bench_dir, sys.executable, ext, keys, rounds, warmup, sample, "CPython")
    pypy = None
    if args.pypy:
        pypy_ext = build.for_pypy(bench_dir, out, args.pypy, ext)
        check(bench_dir, args.pypy, pypy_ext, keys)
        pypy = measure.wall_time(bench_dir, args.pypy, pypy_ext, keys, rounds, warmup, sample, "PyPy")
    graalpy = None
    if args.graalpy:
        graalpy_ext = build.for_graalpy(bench_dir, out, args.graalpy, ext)
        check(bench_dir, args.graalpy, graalpy_ext, keys)
        graalpy = measure.wall_time(bench_dir, args.graalpy, graalpy_ext, keys, rounds, warmup, sample, "GraalPy")
    settings = (f"{warmup} warm-up rounds, then {rounds} rounds of samples of about {sample * 1000:.0f} ms "
                f"({measure.STEPS} steps per sled, the sleds calibrated per implementation)")
    if counts:
        settings += f"; callgrind on slide({sleds}, {steps}) minus slide({sleds}, 0)"
    text = report.render(cpython, pypy, counts, settings, args.pypy, args.note, graalpy, args.graalpy)
    path = args.out or (out / "RESULTS-piconumpy.quick.md" if quick else bench_dir / "RESULTS-piconumpy.md")
    write(path, text)
    print(f"\nwritten to {path}", file=sys.stderr)
