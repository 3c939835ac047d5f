"""Builds the C reproducers of the PyPy bugs the `hpy` crate cannot work
around, runs each in the given mode in a process of its own, and checks
that it shows the bug on PyPy and the correct behaviour on CPython.

    python run.py --mode debug --build-dir DIR [--show]

Each reproducer is a minimal C extension (`<name>.c`, compiled against the
running interpreter's own HPy headers with -DHPY_ABI_UNIVERSAL) and the
Python lines below that exercise it; what they print is the observation.
`docs/runtimes.md` shows the sources and these expectations. Exits 1 when
an observation is not the expected one (a bug fixed, or a new one).
"""

import argparse
import os
import subprocess
import sys

# name: (modes it is checked in, Python code printing the observation,
#        expected on CPython, expected on PyPy). "crash" stands for a
#        process that died.
REPRODUCERS = {
    "nested_calls_in_debug_mode": (
        ["debug"],
        "print(m.outer(lambda: m.inner()))",
        "2",
        "crash",
    ),
    "trace_mode_misses_methods": (
        ["trace"],
        "print(m.context_name() == m.T().context_name())",
        "True",
        "False",
    ),
    "python_subclass_with_destroy": (
        ["universal", "debug", "trace"],
        "import gc\nclass S(m.T): pass\ns = S()\ndel s\nfor _ in range(3): gc.collect()\nprint('collected')",
        "collected",
        "crash",
    ),
    "builtin_shape_payload": (
        ["universal", "trace"],
        "print(m.Celsius(2.5).payload_is_reachable())",
        "True",
        "crash",
    ),
    "unraisable_object": (
        ["universal", "debug", "trace"],
        "import sys\nseen = []\nsys.unraisablehook = seen.append\nobj = object()\n"
        "m.report(obj)\nprint(seen[0].object is obj)",
        "True",
        "False",
    ),
    "builtin_shape_of_other_types": (
        ["universal", "debug", "trace"],
        "print(m.shape(int))",
        "-1",
        "0",
    ),
    "three_argument_pow": (
        ["universal", "debug", "trace"],
        "try:\n    print(pow(3, m.T(), 5))\nexcept TypeError:\n    print('TypeError')",
        "42",
        "TypeError",
    ),
    "text_signature": (
        ["universal", "debug", "trace"],
        "import inspect\nprint(inspect.signature(m.add))",
        "(a, b, /)",
        "(*args, **keywords)",
    ),
}

LOADER = """
import importlib.machinery, os, sys
import hpy.universal as u
path = {path!r}
mode = {{"universal": 0, "debug": 1, "trace": 2}}[{mode!r}]
spec = importlib.machinery.ModuleSpec({name!r}, None, origin=path)
m = u.load({name!r}, path, spec, mode=mode)
"""

HERE = os.path.dirname(os.path.abspath(__file__))


def include_dir():
    # Not through `import hpy.devel`, which needs setuptools.
    import importlib.util

    package = importlib.util.find_spec("hpy").submodule_search_locations[0]
    return os.path.join(package, "devel", "include")


def build(name, build_dir):
    out = os.path.join(build_dir, f"{name}.hpy0.so")
    source = os.path.join(HERE, f"{name}.c")
    if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(source):
        command = [os.environ.get("CC", "cc"), "-shared", "-fPIC", "-O1", "-DHPY_ABI_UNIVERSAL"]
        subprocess.run(command + ["-I", include_dir(), source, "-o", out], check=True)
    return out


def observe(name, path, mode, code):
    script = LOADER.format(path=path, mode=mode, name=name) + code
    env = {k: v for k, v in os.environ.items() if k not in ("HPY", "HPY_LOG")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    if done.returncode != 0:
        return "crash", (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:]
    return done.stdout.strip().splitlines()[-1], []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", required=True, choices=["universal", "debug", "trace"])
    parser.add_argument("--build-dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.build_dir, exist_ok=True)
    pypy = sys.implementation.name == "pypy"
    failed = False
    for name, (modes, code, on_cpython, on_pypy) in REPRODUCERS.items():
        if args.mode not in modes:
            continue
        expected = on_pypy if pypy else on_cpython
        got, detail = observe(name, build(name, args.build_dir), args.mode, code)
        ok = got == expected
        failed |= not ok
        note = "" if ok else f"  (expected {expected!r}; {' '.join(detail)})"
        print(f"{'ok  ' if ok else 'FAIL'} {name} [{args.mode}]: {got}{note}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
