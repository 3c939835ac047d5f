"""Run tests/python on GraalPy in as few processes as a crash allows.

    python3 run_resilient.py GRAALPY MODE OUT.tsv [PYTEST_ARG...]

Runs `GRAALPY -m pytest -v` with HPY=MODE on every tests/python/test_*.py
file. When the process dies (no closing pytest summary line, or an exit
status other than 0 or 1 -- GraalPy itself exits with 1 on an internal
error --, or a run longer than GRAALPY_RUN_TIMEOUT seconds, default 1500), the test it was in
(the last test id that -v printed without an outcome) is recorded as a crash
and pytest starts again with every test that has a result deselected. Test
ids come from GraalPy's own output (they may differ from CPython's).
PYTEST_ARGs (for example --deselect ID) are passed on to every run;
GRAALPY_FILES (space-separated file names) limits the run to those files.
Failures seen only in crashed runs (which print no failure messages) are run
once more by themselves for their messages. Writes per-test results to OUT.tsv, each run's output to OUT.tsv.runN.log,
and prints per-file totals with the first failure.
`run_resilient.py --summarize MODE OUT.tsv` prints the totals so far from
the run logs of a run that was stopped.
"""

import glob
import os
import re
import subprocess
import sys
import time

TIMEOUT = int(os.environ.get("GRAALPY_RUN_TIMEOUT", "1500"))
HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.normpath(os.path.join(HERE, "..", "python"))
OUTCOME = re.compile(r"^(test_\S+\.py::.*?) (PASSED|FAILED|SKIPPED|ERROR|XFAIL|XPASS)\b")
STARTED = re.compile(r"^(test_\S+\.py::.*?) ?$")
FINISHED = re.compile(r"^=+ .*\bin [0-9.]+s\b.*=+$")
SUMMARY = re.compile(r"^(FAILED|ERROR) (test_\S+\.py::.*?)(?: - (.*))?$")


def text(data):
    return data.decode(errors="replace") if isinstance(data, bytes) else (data or "")


def run_once(graalpy, env, files, done, extra):
    args = [graalpy, "-m", "pytest", "-v", "-p", "no:cacheprovider", "-rfE",
            "-o", "console_output_style=classic", *extra]
    for test_id in done:
        args += ["--deselect", test_id]
    try:
        proc = subprocess.run(args + files, cwd=TESTS, env=env, capture_output=True,
                              text=True, errors="replace", check=False, timeout=TIMEOUT)
        return proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as e:
        return "timeout", text(e.stdout), text(e.stderr)


def main(graalpy, mode, out_path, *extra):
    files = sorted(os.path.basename(f) for f in glob.glob(os.path.join(TESTS, "test_*.py")))
    if os.environ.get("GRAALPY_FILES"):
        files = os.environ["GRAALPY_FILES"].split()
    env = dict(os.environ, HPY=mode)
    results, messages, order = {}, {}, []
    for run in range(1, 40):
        start = time.time()
        status, out, err = run_once(graalpy, env, files, list(results), list(extra))
        with open(f"{out_path}.run{run}.log", "w") as f:
            f.write(out + "\n--- stderr ---\n" + err)
        unfinished = None
        finished = False
        for line in out.splitlines():
            if FINISHED.match(line):
                finished = True
            if m := OUTCOME.match(line):
                if m.group(1) not in results:
                    order.append(m.group(1))
                results[m.group(1)] = m.group(2)
            elif m := STARTED.match(line):
                unfinished = m.group(1)
            if m := SUMMARY.match(line):
                if m.group(3):
                    messages.setdefault(m.group(2), m.group(3))
        print(f"run {run}: exit {status}, {time.time() - start:.0f} s, {len(results)} results so far",
              flush=True)
        if finished and status in (0, 1):
            break
        if unfinished is None or unfinished in results:
            tail = [l for l in (out + err).splitlines() if l.strip()][-3:]
            print(f"  died outside a test: {' | '.join(tail)[:300]}", flush=True)
            break
        order.append(unfinished)
        results[unfinished] = f"CRASH({status})"
        tail = [l for l in (out + err).splitlines() if l.strip() and not l.startswith("\tat ")]
        messages[unfinished] = " | ".join(tail[-2:])[:300]
        print(f"  crash in {unfinished}", flush=True)
    failed = [i for i in order if results[i] in ("FAILED", "ERROR") and i not in messages]
    if failed:  # crashed runs print no failure messages: ask once more
        args = [graalpy, "-m", "pytest", "-v", "-p", "no:cacheprovider", "-rfE", "--tb=short",
                "-o", "console_output_style=classic", *extra, *failed]
        try:
            proc = subprocess.run(args, cwd=TESTS, env=env, capture_output=True, text=True,
                                  errors="replace", check=False, timeout=TIMEOUT)
            out = proc.stdout
        except subprocess.TimeoutExpired as e:
            out = text(e.stdout)
        with open(f"{out_path}.failures.log", "w") as f:
            f.write(out)
        for line in out.splitlines():
            if (m := SUMMARY.match(line)) and m.group(3):
                messages.setdefault(m.group(2), m.group(3))
    with open(out_path, "w") as f:
        for test_id in order:
            f.write(f"{mode}\t{test_id}\t{results[test_id]}\t{messages.get(test_id, '')}\n")
    for name in files:
        ids = [i for i in order if i.startswith(name + "::")]
        counts = {}
        for i in ids:
            counts[results[i]] = counts.get(results[i], 0) + 1
        bad = [i for i in ids if results[i] not in ("PASSED", "SKIPPED")]
        first = f"{bad[0].split('::', 1)[1]}: {messages.get(bad[0], '')[:200]}" if bad else ""
        print(f"{mode}\t{name}\t{counts}\t{first}")


def summarize(mode, out_path):
    """Per-file totals from the run logs of an unfinished (killed) run."""
    results, messages, order, run = {}, {}, [], 1
    while os.path.exists(f"{out_path}.run{run}.log"):
        out = open(f"{out_path}.run{run}.log", errors="replace").read().split("\n--- stderr ---\n")[0]
        unfinished, finished = None, False
        for line in out.splitlines():
            finished = finished or bool(FINISHED.match(line))
            if m := OUTCOME.match(line):
                if m.group(1) not in results:
                    order.append(m.group(1))
                results[m.group(1)] = m.group(2)
            elif m := STARTED.match(line):
                unfinished = m.group(1)
            if (m := SUMMARY.match(line)) and m.group(3):
                messages.setdefault(m.group(2), m.group(3))
        if not finished and unfinished and unfinished not in results:
            order.append(unfinished)
            results[unfinished] = "CRASH" if os.path.exists(f"{out_path}.run{run + 1}.log") else "RUNNING/KILLED"
        run += 1
    files = sorted({i.split("::")[0] for i in order})
    for name in files:
        ids = [i for i in order if i.startswith(name + "::")]
        counts = {}
        for i in ids:
            counts[results[i]] = counts.get(results[i], 0) + 1
        bad = [f"{i.split('::', 1)[1]} {results[i]}" for i in ids if results[i] not in ("PASSED", "SKIPPED")]
        print(f"{mode}\t{name}\t{counts}\t{'; '.join(bad)[:400]}")


if __name__ == "__main__":
    if sys.argv[1] == "--summarize":
        summarize(*sys.argv[2:4])
    else:
        main(*sys.argv[1:])
