"""Builds the C reproducers of the PyPy and GraalPy bugs the `hpy` crate
cannot work around, runs each in the given modes in a process of its own,
and checks that it shows the bug on the runtime it names and the correct
behaviour on CPython.

    python run.py --mode debug [--mode trace ...] --build-dir DIR

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

ALL_MODES = ["universal", "debug", "trace"]

# name: (modes it is checked in, Python code printing the observation,
#        expected per implementation). The expectation is a string, or
#        (string, modes) where a runtime is checked in fewer modes (each
#        GraalPy process takes tens of seconds to start). A reproducer runs
#        on CPython and on the runtimes it names; "crash" stands for a
#        process that died.
REPRODUCERS = {
    "nested_calls_in_debug_mode": (
        ["debug"],
        "print(m.outer(lambda: m.inner()))",
        {"cpython": "2", "pypy": "crash", "graalpy": "crash"},
    ),
    "trace_mode_misses_methods": (
        ["trace"],
        "print(m.context_name() == m.T().context_name())",
        {"cpython": "True", "pypy": "False"},
    ),
    "python_subclass_with_destroy": (
        ALL_MODES,
        "import gc\nclass S(m.T): pass\ns = S()\ndel s\nfor _ in range(3): gc.collect()\nprint('collected')",
        {"cpython": "collected", "pypy": "crash"},
    ),
    "builtin_shape_payload": (
        ["universal", "trace"],
        "print(m.Celsius(2.5).payload_is_reachable())",
        {"cpython": "True", "pypy": "crash"},
    ),
    "unraisable_object": (
        ALL_MODES,
        "import sys\nseen = []\nsys.unraisablehook = seen.append\nobj = object()\n"
        "m.report(obj)\nprint(seen[0].object is obj)",
        {"cpython": "True", "pypy": "False"},
    ),
    "builtin_shape_of_other_types": (
        ALL_MODES,
        "try:\n    print(m.shape(int))\nexcept SystemError:\n    print('SystemError')",
        {"cpython": "-1", "pypy": "0", "graalpy": ("SystemError", ["universal"])},
    ),
    "three_argument_pow": (
        ALL_MODES,
        "try:\n    print(pow(3, m.T(), 5))\nexcept TypeError:\n    print('TypeError')",
        {"cpython": "42", "pypy": "TypeError", "graalpy": ("TypeError", ["universal"])},
    ),
    "text_signature": (
        ALL_MODES,
        "import inspect\nprint(inspect.signature(m.add))",
        {"cpython": "(a, b, /)", "pypy": "(*args, **keywords)", "graalpy": ("(*args)", ["universal"])},
    ),
    "python_subclass_payload": (
        ["universal", "trace"],
        "class S(m.T): pass\nprint(m.T().payload_is_reachable(), S().payload_is_reachable())",
        {"cpython": "True True", "graalpy": ("True False", ["universal"])},
    ),
}


def expectation(name, implementation, mode):
    """What `name` must print on `implementation` in `mode`, or None when
    it is not checked there."""
    modes, _, expected = REPRODUCERS[name]
    value = expected.get(implementation)
    if isinstance(value, tuple):
        value, modes = value
    return value if mode in modes else None

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
    import sysconfig

    package = importlib.util.find_spec("hpy").submodule_search_locations[0]
    devel = os.path.join(package, "devel", "include")
    # GraalPy ships the headers with its Python headers instead.
    return devel if os.path.isdir(devel) else sysconfig.get_path("include")


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
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=600)
    if done.returncode != 0:
        return "crash", (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:]
    return done.stdout.strip().splitlines()[-1], []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", required=True, action="append", choices=["universal", "debug", "trace"])
    parser.add_argument("--build-dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.build_dir, exist_ok=True)
    implementation = sys.implementation.name
    failed = False
    for mode in args.mode:
        for name, (_, code, _) in REPRODUCERS.items():
            expected = expectation(name, implementation, mode)
            if expected is None:
                continue
            got, detail = observe(name, build(name, args.build_dir), mode, code)
            ok = got == expected
            failed |= not ok
            note = "" if ok else f"  (expected {expected!r}; {' '.join(detail)})"
            print(f"{'ok  ' if ok else 'FAIL'} {name} [{mode}]: {got}{note}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
