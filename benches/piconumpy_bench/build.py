"""Builds the two extensions, for CPython (`<out>/ext`), PyPy
(`<out>/ext-pypy`) and GraalPy (`<out>/ext-graalpy`):

- `piconumpy.hpy0.so`: `examples/piconumpy` (in the root workspace), cargo's
  release profile; the very same binary serves both interpreters;
- `piconumpy_capi.<EXT_SUFFIX>`: `ext/piconumpy_capi`, through setuptools
  on CPython (the interpreter's C flags, `-O2` last), and with the C
  compiler against PyPy's C API headers (cpyext) on PyPy, with the flags of
  the other PyPy modules of the benchmarks (`harness/pypy.py`);
- `piconumpy_chpy.hpy0.so`: `ext/piconumpy_chpy`, through hpy.devel on
  CPython, and against PyPy's own HPy headers on PyPy (with hpy 0.9.0's
  helper sources: PyPy ships none), as a C HPy module must be built to run
  there (see `harness/pypy.py`).

On GraalPy 24.2, whose HPy is 0.9.0 with the 0.9.0 context layout, both
universal binaries of CPython serve unchanged (`piconumpy_chpy` as built by
hpy.devel, helpers included); the C API module is compiled against
GraalPy's own C API headers, with the flags of the PyPy build.
"""

import os
import shutil
import sys
import sysconfig
from pathlib import Path

from harness.build import run
from harness.pypy import CFLAGS, query

from .implementations import CAPI_MODULE, CHPY_MODULE, RUST_MODULE


def rust_module(root):
    """Builds examples/piconumpy in release mode; returns the library."""
    cargo = os.environ.get("CARGO", "cargo")
    run([cargo, "build", "--release", "--package", "piconumpy", "--manifest-path", root / "Cargo.toml"], cwd=root)
    target = Path(os.environ.get("CARGO_TARGET_DIR", root / "target"))
    return target / "release" / f"lib{RUST_MODULE}.so"


def fresh(folder):
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


def for_cpython(bench_dir, root, out):
    ext = fresh(out / "ext")
    shutil.copy(rust_module(root), ext / f"{RUST_MODULE}.hpy0.so")
    base = out / "tmp"
    run([sys.executable, "setup.py", "--quiet", "build", "--build-base", base, "--force"],
        cwd=bench_dir / "ext" / CAPI_MODULE)
    [library] = base.glob(f"lib*/{CAPI_MODULE}*.so")
    shutil.copy(library, ext / f"{CAPI_MODULE}{sysconfig.get_config_var('EXT_SUFFIX')}")
    run([sys.executable, "setup.py", "--quiet", "--hpy-abi=universal", "build", "--build-base", base, "--force"],
        cwd=bench_dir / "ext" / CHPY_MODULE)
    [library] = base.glob(f"lib*/{CHPY_MODULE}.hpy0.so")
    shutil.copy(library, ext / library.name)
    return ext


def for_pypy(bench_dir, out, pypy, cpython_ext):
    """`pypy` is PyPy's python; the Rust module is copied from `cpython_ext`."""
    ext = fresh(out / "ext-pypy")
    shutil.copy(cpython_ext / f"{RUST_MODULE}.hpy0.so", ext / f"{RUST_MODULE}.hpy0.so")
    suffix = query(pypy, "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
    base = Path(query(pypy, "import sys; print(sys.base_prefix)"))
    include = query(pypy, "import sysconfig; print(sysconfig.get_config_var('INCLUDEPY'))")
    hpy_include = Path(query(pypy, "import importlib.util as u; "
                                   "print(u.find_spec('hpy').submodule_search_locations[0])")) / "devel" / "include"
    cc = os.environ.get("CC", "cc")
    run([cc, *CFLAGS, "-I", base / "include" / Path(include).name,
         bench_dir / "ext" / CAPI_MODULE / f"{CAPI_MODULE}.c", "-o", ext / f"{CAPI_MODULE}{suffix}"],
        cwd=bench_dir)
    import hpy.devel  # the CPython side's hpy==0.9.0: its helper sources

    helpers = hpy.devel.HPyDevel().get_extra_sources()
    run([cc, *CFLAGS, "-DHPY_ABI_UNIVERSAL", "-I", hpy_include, bench_dir / "ext" / CHPY_MODULE / f"{CHPY_MODULE}.c",
         *helpers, "-o", ext / f"{CHPY_MODULE}.hpy0.so"], cwd=bench_dir)
    return ext


def for_graalpy(bench_dir, out, graalpy, cpython_ext):
    """`graalpy` is GraalPy's launcher; both universal modules are copied
    from `cpython_ext`."""
    ext = fresh(out / "ext-graalpy")
    for name in (RUST_MODULE, CHPY_MODULE):
        shutil.copy(cpython_ext / f"{name}.hpy0.so", ext / f"{name}.hpy0.so")
    # One query: every GraalPy start costs seconds.
    suffix, include = query(graalpy, "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX')); "
                                     "print(sysconfig.get_config_var('INCLUDEPY'))").splitlines()
    cc = os.environ.get("CC", "cc")
    run([cc, *CFLAGS, "-I", include, bench_dir / "ext" / CAPI_MODULE / f"{CAPI_MODULE}.c",
         "-o", ext / f"{CAPI_MODULE}{suffix}"], cwd=bench_dir)
    return ext
