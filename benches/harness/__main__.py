"""`python -m harness [options]`, from `benches/`: build, measure, report.

Run through `cargo xtask bench`, which prepares a venv with the
requirements and passes its options on.
"""

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from . import build, buildcost, callgrind, columns, ops, pypy, report, walltime

BENCH_DIR = Path(__file__).resolve().parent.parent


def parse(argv):
    p = argparse.ArgumentParser(prog="cargo xtask bench", description=__doc__)
    p.add_argument("--quick", action="store_true",
                   help="a smoke run: few iterations and rounds, no build cost; "
                        "writes target/bench/RESULTS.quick.md, not RESULTS.md")
    p.add_argument("--ops", help="comma-separated operation keys (default: all)")
    p.add_argument("--columns", help="comma-separated column keys (default: all)")
    p.add_argument("--no-callgrind", action="store_true")
    p.add_argument("--no-walltime", action="store_true")
    p.add_argument("--no-buildcost", action="store_true")
    p.add_argument("--iterations", type=int, help="callgrind loop count N (default 10000)")
    p.add_argument("--rounds", type=int, help="wall-time rounds (default 30)")
    p.add_argument("--out", type=Path, help="the report (default: benches/RESULTS.md)")
    p.add_argument("--pypy", type=Path, help="PyPy's python: adds the PyPy columns (wall time)")
    p.add_argument("--graalpy", type=Path,
                   help="GraalPy's launcher: adds the GraalPy column of the piconumpy benchmark (wall time)")
    p.add_argument("--piconumpy", action="store_true",
                   help="run the piconumpy benchmark instead (a Runge-Kutta workload: pure Python, "
                        "C API, C HPy, Rust HPy, on CPython, PyPy and GraalPy); writes RESULTS-piconumpy.md")
    p.add_argument("--note", help="a line for the report (the piconumpy one), such as the machine's load")
    return p.parse_args(argv)


def main(argv):
    args = parse(argv)
    if args.piconumpy:
        from piconumpy_bench import bench

        bench.main(BENCH_DIR, args)
        return
    keys = [c.key for c in columns.COLUMNS]
    cpython_keys = [c.key for c in columns.COLUMNS if not c.pypy]
    chosen = args.columns.split(",") if args.columns else keys
    chosen_columns = [c for c in chosen if c in cpython_keys]
    pypy_columns = [c for c in chosen if c not in cpython_keys and args.pypy]
    chosen_ops = args.ops.split(",") if args.ops else [o.key for o in ops.OPS]
    for c in chosen:
        if c not in columns.BY_KEY:
            sys.exit(f"unknown column {c}; the columns are {', '.join(keys)}")
    for o in chosen_ops:
        if o not in ops.BY_KEY:
            sys.exit(f"unknown operation {o}; the operations are {', '.join(ops.BY_KEY)}")
    n = args.iterations or (200 if args.quick else 10000)
    rounds = args.rounds or (3 if args.quick else 30)
    sample = 0.002 if args.quick else 0.02
    out = BENCH_DIR / "target" / "bench"
    report_path = args.out or (out / "RESULTS.quick.md" if args.quick else BENCH_DIR / "RESULTS.md")
    root = BENCH_DIR.parent

    if not args.no_callgrind and shutil.which("valgrind") is None:
        sys.exit("valgrind is not on PATH (apt-get install valgrind), or pass --no-callgrind")

    ext = build.build(BENCH_DIR, out)
    for c in chosen_columns:  # every column computes the same results
        subprocess.run([sys.executable, "-m", "harness.worker", str(ext), c, "check"],
                       cwd=BENCH_DIR, check=True)
    instructions = wall = costs = None
    if not args.no_callgrind and chosen_columns:
        instructions = callgrind.measure(BENCH_DIR, ext, out, chosen_columns, chosen_ops, n)
    if not args.no_walltime and chosen_columns:
        wall = walltime.measure(BENCH_DIR, ext, out, chosen_columns, chosen_ops, rounds, sample)
    pypy_wall = None
    if pypy_columns:
        pypy_ext = pypy.build(BENCH_DIR, out, args.pypy, ext)
        for c in pypy_columns:
            subprocess.run([str(args.pypy), "-m", "harness.worker", str(pypy_ext), c, "check"],
                           cwd=BENCH_DIR, check=True)
        if not args.no_walltime:
            warmup = 2 if args.quick else 10
            pypy_wall = walltime.measure(BENCH_DIR, pypy_ext, out, pypy_columns, chosen_ops, rounds, sample,
                                         python=args.pypy, warmup=warmup)
    if not (args.no_buildcost or args.quick):
        costs = buildcost.measure(root, BENCH_DIR, out)
    settings = (f"callgrind N = {n}; wall time: {rounds} rounds of samples of about "
                f"{sample * 1000:.0f} ms")
    text = report.render(instructions, wall, costs, chosen_columns, chosen_ops, settings,
                         pypy_wall, pypy_columns, args.pypy)
    report.write(report_path, text)
    print(f"\nwritten to {report_path}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
