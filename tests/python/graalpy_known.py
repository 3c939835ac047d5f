"""Known differences of GraalPy 24.2.2's HPy that the `hpy` crate cannot work
around, by test id (`file::test` for every parametrization, or
`file::test[param]`), applied by `conftest.py` on GraalPy only.

- `crashes(mode)`: tests that end the GraalPy process (skipped, with the bug);
- `bugs(mode)`: tests that fail because of a GraalPy bug (strict xfail).

docs/runtimes.md describes each bug; tests/conformance/reproducers holds C
reproducers where one could be written.
"""

SMALL_STACK = (
    "a thread with a 512 KiB stack is too small for GraalPy's interpreter: RecursionError in "
    "threading, a NULL handle from HPy_Type (universal), SIGABRT (debug)"
)

CRASHES = {
    "test_api_calls.py::test_calls_and_tuples_with_many_arguments": SMALL_STACK,
}

BUGS = {}

DEBUG_CRASHES = {}
DEBUG_BUGS = {}
TRACE_CRASHES = {}
TRACE_BUGS = {}


def crashes(mode):
    extra = {"debug": DEBUG_CRASHES, "trace": TRACE_CRASHES}.get(mode, {})
    return {**CRASHES, **extra}


def bugs(mode):
    extra = {"debug": DEBUG_BUGS, "trace": TRACE_BUGS}.get(mode, {})
    return {**BUGS, **extra}
