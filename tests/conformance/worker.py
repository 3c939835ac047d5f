"""Runs conformance cases in this process, for ``runner.py``.

Usage: ``python worker.py FD`` with the case ids as a JSON list on stdin and
``HPY`` set to the mode. Before each case it writes ``["start", id]`` to the
file descriptor FD (and a ``@@case id`` line to stderr), after it
``["done", id, outcome, message]``; so when the process dies, the runner
knows which case killed it. C-level output to stdout goes to stderr.
In debug mode each case runs inside ``hpy.debug.LeakDetector``; open
handles at its end are part of its outcome.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from harness import HarnessError, RaisedOnReturn, normalize  # noqa: E402


def report(channel, *item):
    channel.write(json.dumps(item) + "\n")
    channel.flush()


def run_case(case, debug):
    detector = None
    if debug:
        from hpy.debug import LeakDetector

        detector = LeakDetector()
        detector.start()
    try:
        outcome, message = case.body()
    except HarnessError:
        raise
    except RaisedOnReturn as exc:
        cause = exc.__cause__
        outcome, message = f"raises {type(cause).__name__} as the call returns", normalize(str(cause))
    except Exception as exc:
        outcome, message = f"raises {type(exc).__name__}", normalize(str(exc))
        if not case.scripted:
            # `execute` catches everything `conformance.run` raises: this
            # exception skipped the except clause of the frame that called.
            outcome += " past the caller's except clause"
    if detector is not None:
        from hpy.debug.leakdetector import HPyLeakError

        try:
            detector.stop()
        except HPyLeakError as leak:
            outcome += f"; leaks {len(leak.leaks)} handle(s)"
    return outcome, message


def leak_detector_works(conformance):
    """Leaks one handle on purpose (moved to a call that does not close it)
    and checks that LeakDetector reports it, so that "no leak" means
    something; the handle is closed afterwards."""
    from hpy.debug import LeakDetector
    from hpy.debug.leakdetector import HPyLeakError

    detector = LeakDetector()
    detector.start()
    conformance.run([("HPy_Dup", [("v", 5)], None), ("HPy_Is", [("m", (0, -1)), ("v", 5)], None)])
    try:
        detector.stop()
    except HPyLeakError as leak:
        return len(leak.leaks) == 1
    return False


def main():
    channel = os.fdopen(int(sys.argv[1]), "w")
    ids = json.loads(sys.stdin.read())
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    mode = os.environ.get("HPY", "universal")

    import conformance
    import hpy.universal
    from cases import by_id

    name, abi_version, layout = conformance.context()
    report(channel, "info", {
        "implementation": sys.implementation.name,
        "python": "%d.%d.%d" % sys.version_info[:3],
        "hpy": hpy.universal.get_version()[0],
        "context": name,
        "layout": layout,
    })
    if mode == "debug" and not leak_detector_works(conformance):
        report(channel, "harness", "(startup)", "LeakDetector did not see a handle left open on purpose")
        return 3
    cases = by_id()
    for case_id in ids:
        sys.stderr.write(f"\n@@case {case_id}\n")
        sys.stderr.flush()
        report(channel, "start", case_id)
        try:
            outcome, message = run_case(cases[case_id], mode == "debug")
        except HarnessError as exc:
            report(channel, "harness", case_id, str(exc))
            return 3
        report(channel, "done", case_id, outcome, message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
