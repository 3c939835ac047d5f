"""Shared setup for the Python-side tests.

The test runner (`cargo xtask test`) installs the extensions' wheels into a
venv per CPython version and runs this folder once per HPy mode, chosen by
the `HPY` environment variable that `hpy.universal` reads at import time:

- universal: the plain universal ABI;
- debug: every test runs inside `hpy.debug.LeakDetector`, so a handle left
  open by the test fails it (and a misused handle aborts the process);
- trace: every test must make HPy calls, seen by `hpy.trace` (tests that
  only inspect metadata are marked `no_hpy_calls`; on PyPy, whose trace
  mode does not see the calls of methods and slots, it is not checked).

With `HPY_ABI=cpython` the extensions are CPython-ABI builds (`PyInit_<name>`,
no `hpy` package in the venv): the mode is then `cpython-abi`, which has no
debug or trace mode; tests that check for leaks use reference counts there.
"""

import gc
import os
import sys

import pytest

# "universal" (HPy's universal ABI, through the `hpy` package) or "cpython".
ABI = os.environ.get("HPY_ABI", "universal")
MODE = "cpython-abi" if ABI == "cpython" else os.environ.get("HPY", "universal")
PYPY = sys.implementation.name == "pypy"
GRAALPY = sys.implementation.name == "graalpy"
# The name of the HPy context of each mode (`ctx->name`) on this runtime.
CONTEXT_NAMES = {
    "cpython": {
        "universal": "HPy Universal ABI (CPython backend)",
        "debug": "HPy Debug Mode ABI",
        "trace": "HPy Trace Mode ABI",
        "cpython-abi": "HPy CPython ABI",
    },
    "pypy": {
        "universal": "HPy Universal ABI (PyPy backend)",
        "debug": "HPy Debug Mode ABI (PyPy backend)",
        "trace": "HPy Trace Mode ABI (PyPy backend)",
    },
    # GraalPy's debug and trace contexts carry CPython's names.
    "graalpy": {
        "universal": "HPy Universal ABI (GraalVM backend, JNI)",
        "debug": "HPy Debug Mode ABI",
        "trace": "HPy Trace Mode ABI",
    },
}[sys.implementation.name]


def pytest_report_header(config):
    return f"HPy ABI: {ABI}, mode: {MODE}"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "no_hpy_calls: the test makes no HPy call, so trace mode expects none"
    )


@pytest.fixture
def hpy_mode():
    return MODE


@pytest.fixture(autouse=True)
def _check_hpy_mode(request):
    if MODE == "debug":
        from hpy.debug import LeakDetector

        detector = LeakDetector()
        detector.start()
        yield
        detector.stop()  # raises HPyLeakError, failing the test, on a leak
    # PyPy's trace mode gives the methods and slots of HPy types the
    # universal context (docs/runtimes.md): only module functions are
    # traced there, so the check would miss most of what a class test calls.
    elif MODE == "trace" and not PYPY and request.node.get_closest_marker("no_hpy_calls") is None:
        from hpy.trace import get_call_counts

        before = sum(get_call_counts().values())
        yield
        after = sum(get_call_counts().values())
        assert after > before, "trace mode saw no HPy call during this test"
    else:
        yield


def collect():
    """Collects garbage until finalizers have run: PyPy finalizes the
    objects of a cycle over more than one collection."""
    for _ in range(3 if PYPY else 1):
        gc.collect()


def release_pending_views():
    """PyPy releases a buffer view (from `bytes(obj)`, a memoryview) when it
    collects it, not when the view is released; CPython at once."""
    if PYPY:
        collect()


def pypy_bug(reason):
    """Marks a test that fails on PyPy 7.3.19 for a bug of its HPy that the
    `hpy` crate cannot work around (described, with a C reproducer, in
    docs/runtimes.md): an expected failure there, a failure if it passes."""
    return pytest.mark.xfail(PYPY, reason=reason, strict=True)


# PyPy 7.3.19's debug mode gives every call the same context and marks it
# invalid while a call made through it runs Python code: an HPy function
# called from there (a callback, a special method of an argument) aborts
# with "Wrong HPy Context!". Tests that need such nesting are skipped there.
# GraalPy 24.2's debug mode does the same ("Wrong HPy Context!" from
# `_HPy_AsStruct_Object` of an operand, after a nested call into Python).
reenters = pytest.mark.skipif(
    (PYPY or GRAALPY) and MODE == "debug",
    reason="calls HPy from inside an HPy call, which PyPy's and GraalPy's debug modes abort (docs/runtimes.md)",
)


def pytest_collection_modifyitems(config, items):
    """On GraalPy, marks the tests of `graalpy_known.py`: a known GraalPy
    bug is an expected failure (strict: a failure if it passes), a test that
    would end the process is skipped with the bug's name."""
    if not GRAALPY:
        return
    import graalpy_known

    for item in items:
        test_id = item.nodeid.split("/")[-1]
        base = test_id.split("[")[0]
        for key in (test_id, base):
            if reason := graalpy_known.crashes(MODE).get(key):
                item.add_marker(pytest.mark.skip(reason=f"ends the GraalPy process: {reason}"))
                break
            if reason := graalpy_known.bugs(MODE).get(key):
                item.add_marker(pytest.mark.xfail(reason=f"GraalPy bug: {reason}", strict=True))
                break


def same_error(function, *args, **kwargs):
    """Calls `function` and returns (exception type, message) of what it raised."""
    with pytest.raises(BaseException) as info:
        function(*args, **kwargs)
    return type(info.value), str(info.value)
