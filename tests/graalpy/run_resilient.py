"""Run tests/python on GraalPy in one process, restarting after a crash.

    python3 run_resilient.py GRAALPY MODE OUT.tsv [TEST_IDS_FILE]

Runs pytest under GRAALPY (a launcher from fetch.sh) with HPY=MODE in
tests/python. If the process dies (exit status other than 0 or 1), the first
test without a result is recorded as a crash and the run restarts with the
tests still left; a run that outlives GRAALPY_RUN_TIMEOUT seconds (default
1500) counts as a crash of its first unfinished test. TEST_IDS_FILE lists the test ids in collection order (one
per line, relative to tests/python); without it they are collected by the
CPython running this script, which needs pytest. Writes per-test results to
OUT.tsv and prints per-file totals.
"""

import os
import re
import subprocess
import sys
import time

TIMEOUT = int(os.environ.get("GRAALPY_RUN_TIMEOUT", "1500"))
HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.normpath(os.path.join(HERE, "..", "python"))
LINE = re.compile(r"^(\S+::\S.*?) (PASSED|FAILED|SKIPPED|ERROR|XFAIL|XPASS)\b")
SUMMARY = re.compile(r"^(FAILED|ERROR) (\S+::\S+?)(?: - (.*))?$")


def collect():
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=TESTS, capture_output=True, text=True, check=False,
    ).stdout
    return [line.strip() for line in out.splitlines() if "::" in line]


def main(graalpy, mode, out_path, ids_file=None):
    ids = [l.strip() for l in open(ids_file)] if ids_file else collect()
    results, messages, runs = {}, {}, 0
    env = dict(os.environ, HPY=mode)
    while True:
        left = [i for i in ids if i not in results]
        if not left:
            break
        runs += 1
        start = time.time()
        try:
            proc = subprocess.run(
                [graalpy, "-m", "pytest", "-v", "-p", "no:cacheprovider", "-rfE",
                 "-o", "console_output_style=classic", *left],
                cwd=TESTS, env=env, capture_output=True, text=True, errors="replace", check=False,
                timeout=TIMEOUT,
            )
        except subprocess.TimeoutExpired as e:  # a hang: treated like a crash
            def text(b):
                return b.decode(errors="replace") if isinstance(b, bytes) else (b or "")
            proc = subprocess.CompletedProcess(e.cmd, "timeout", text(e.stdout), text(e.stderr))
        log = f"{out_path}.run{runs}.log"
        with open(log, "w") as f:
            f.write(proc.stdout + proc.stderr)
        for line in proc.stdout.splitlines():
            m = LINE.match(line)
            if m and m.group(1) in left:
                results[m.group(1)] = m.group(2)
            s = SUMMARY.match(line)
            if s and s.group(3):
                messages.setdefault(s.group(2), s.group(3))
        elapsed = time.time() - start
        print(f"run {runs}: {len(left)} tests, exit {proc.returncode}, {elapsed:.0f} s", flush=True)
        if proc.returncode not in (0, 1):
            pending = [i for i in left if i not in results]
            if not pending:
                break
            results[pending[0]] = f"CRASH(exit {proc.returncode})"
            tail = [l for l in (proc.stdout + proc.stderr).splitlines() if l.strip() and not l.startswith("\tat ")]
            messages[pending[0]] = " | ".join(tail[-3:])[:300]
            print(f"  crash at {pending[0]}", flush=True)
        elif any(i not in results for i in left):
            for i in left:
                results.setdefault(i, "NOT RUN")
    with open(out_path, "w") as f:
        for i in ids:
            f.write(f"{mode}\t{i}\t{results.get(i, 'NOT RUN')}\t{messages.get(i, '')}\n")
    per_file = {}
    for i in ids:
        name = i.split("::")[0]
        per_file.setdefault(name, []).append(results.get(i, "NOT RUN"))
    for name, outcomes in per_file.items():
        counts = {o: outcomes.count(o) for o in sorted(set(outcomes))}
        first = next((i for i in ids if i.startswith(name + "::") and results.get(i) not in ("PASSED", "SKIPPED")), "")
        print(f"{mode}\t{name}\t{counts}\t{first.split('::')[-1]} {messages.get(first, '')[:160]}")


if __name__ == "__main__":
    main(*sys.argv[1:])
