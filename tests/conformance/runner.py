"""Runs every conformance case on one interpreter in one HPy mode.

Usage: ``python runner.py --python PYTHON --mode MODE --out FILE [--only TEXT]
[--skip IDS.json]``.

The cases run in a worker process (``worker.py``) with ``HPY=MODE``. When the
worker dies, the case it had started is recorded as a crash (the signal or
exit status and the first line it wrote to stderr, e.g. the fatal-error
message, as its message), and a new worker goes on with the next case; a case that takes
too long is recorded as a hang. The results go to FILE as JSON:
``{"info": {...}, "cases": {id: [outcome, message]}}``. Exit status 0, or
1 on a harness error (a case the extension cannot run).
"""

import argparse
import json
import os
import selectors
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from cases import all_cases  # noqa: E402
from harness import normalize  # noqa: E402

#: Seconds a case may take before it counts as hung.
TIMEOUT = 60
#: Seconds a worker may take to start and import the extension (GraalPy,
#: without a JIT on a loaded machine, takes minutes).
STARTUP_TIMEOUT = 600


def crash_description(status):
    """How the worker died: the signal's name or the exit status. It goes
    into the message, not the outcome: a crash is a crash, and undefined
    behaviour may die by another signal from one run to the next."""
    if status < 0:
        try:
            return signal.Signals(-status).name
        except ValueError:
            return f"signal {-status}"
    return f"exit status {status}"


def crash(status, line):
    return ["crash", f"{crash_description(status)}: {line}" if line else crash_description(status)]


def first_line(stderr_text, case_id):
    """What the worker wrote to stderr during case ``case_id``: its first
    ``Fatal ...`` line (``Fatal Python error: ...``, ``Fatal RPython error:
    ...``), or else its first line."""
    marker = f"@@case {case_id}\n"
    segment = stderr_text.rsplit(marker, 1)[-1] if marker in stderr_text else stderr_text
    lines = [line.strip() for line in segment.splitlines() if line.strip()]
    chosen = next((line for line in lines if line.startswith("Fatal")), lines[0] if lines else "")
    return normalize(chosen)[:200]


def run_worker(python, mode, ids, results, info):
    """Runs cases until the list ends or the worker dies; returns the ids
    left to run, or raises SystemExit on a harness error."""
    env = dict(os.environ, HPY=mode, PYTHONHASHSEED="0")
    env.pop("HPY_LOG", None)
    read_end, write_end = os.pipe()
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as stderr, \
            tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.Popen(
            [os.path.abspath(python), os.path.join(HERE, "worker.py"), str(write_end)],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=stderr,
            pass_fds=(write_end,), env=env, cwd=cwd,
        )
        os.close(write_end)
        proc.stdin.write(json.dumps(ids).encode())
        proc.stdin.close()
        current, done = None, set()
        selector = selectors.DefaultSelector()
        channel = os.fdopen(read_end, "r")
        selector.register(channel, selectors.EVENT_READ)
        hung, started = False, False
        while True:
            if not selector.select(TIMEOUT if started else STARTUP_TIMEOUT):
                hung = True
                proc.kill()
                break
            line = channel.readline()
            if not line:
                break
            item = json.loads(line)
            started = True
            if item[0] == "info":
                info.update(item[1])
            elif item[0] == "start":
                current = item[1]
            elif item[0] == "done":
                results[item[1]] = [item[2], item[3]]
                done.add(item[1])
                current = None
            elif item[0] == "harness":
                proc.wait()
                raise SystemExit(f"harness error in case {item[1]}: {item[2]}")
        selector.close()
        channel.close()
        status = proc.wait()
        stderr.seek(0)
        text = stderr.read()
    if current is None:
        if status != 0 and len(done) < len(ids):
            # Died outside any case (importing the module): every case left fails alike.
            for case_id in ids:
                if case_id not in done:
                    results[case_id] = ["crash before the case", crash(status, first_line(text, ""))[1]]
        return []
    results[current] = ["hang", ""] if hung else crash(status, first_line(text, current))
    return ids[ids.index(current) + 1:]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--python", required=True)
    parser.add_argument("--mode", required=True, choices=["universal", "debug", "trace"])
    parser.add_argument("--out", required=True)
    parser.add_argument("--only", help="run only the cases whose id contains this text")
    parser.add_argument("--skip", help="a file with a JSON list of case ids not to run (cases known to "
                                       "crash this runtime, whose restarts cost minutes on GraalPy)")
    options = parser.parse_args()
    skip = set()
    if options.skip:
        with open(options.skip, encoding="utf-8") as f:
            skip = set(json.load(f))
    ids = [c.id for c in all_cases() if (options.only is None or options.only in c.id) and c.id not in skip]
    results, info = {}, {}
    remaining = ids
    while remaining:
        remaining = run_worker(options.python, options.mode, remaining, results, info)
    with open(options.out, "w", encoding="utf-8") as f:
        json.dump({"info": info, "mode": options.mode, "cases": results}, f, indent=0, sort_keys=True,
                  ensure_ascii=False)
    crashes = sum(1 for outcome, _ in results.values() if outcome.startswith(("crash", "hang")))
    print(f"{len(results)} cases, {crashes} crashed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
