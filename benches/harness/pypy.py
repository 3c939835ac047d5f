"""The PyPy columns: the same operations on PyPy 7.3.19, in its own worker
processes, timed in wall time (callgrind means little under a JIT).

- `bench_rust_hpy.hpy0.so`: the very binary of the CPython columns;
- `bench_c_hpy.hpy0.so`: `ext/c_hpy` compiled against PyPy's own HPy
  headers (with hpy 0.9.0's helper sources: PyPy ships none), as a C HPy
  extension must be to run on PyPy (a build against the 0.9.0 headers
  calls the wrong context slots there);
- `bench_capi.<EXT_SUFFIX>`: `ext/c_api` against PyPy's C API headers
  (cpyext), from Debian's pypy3-dev;
- `bench_pyo3.<EXT_SUFFIX>`: `ext/pyo3` built for PyPy (cpyext).
"""

import os
import shutil
import subprocess
from pathlib import Path

from .build import cargo_env, run

# The C compiler flags of both C modules: those setuptools gives the CPython
# columns' modules come from the interpreter; here, the same optimization.
CFLAGS = ["-O2", "-fPIC", "-shared", "-fno-strict-aliasing", "-DNDEBUG"]


def query(python, code):
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def build(bench_dir, out, pypy, cpython_ext):
    """Builds the PyPy modules into `<out>/ext-pypy`; `pypy` is its python."""
    ext = out / "ext-pypy"
    if ext.exists():
        shutil.rmtree(ext)
    ext.mkdir(parents=True)
    suffix = query(pypy, "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
    base = Path(query(pypy, "import sys; print(sys.base_prefix)"))
    hpy_include = Path(query(pypy, "import importlib.util as u; "
                                   "print(u.find_spec('hpy').submodule_search_locations[0])")) / "devel" / "include"
    capi_include = base / "include" / Path(query(pypy, "import sysconfig; print(sysconfig.get_config_var('INCLUDEPY'))")).name
    import hpy.devel  # the CPython side's hpy==0.9.0: its helper sources

    helpers = hpy.devel.HPyDevel().get_extra_sources()
    cc = os.environ.get("CC", "cc")
    shutil.copy(cpython_ext / "bench_rust_hpy.hpy0.so", ext / "bench_rust_hpy.hpy0.so")
    run([cc, *CFLAGS, "-DHPY_ABI_UNIVERSAL", "-I", hpy_include,
         bench_dir / "ext" / "c_hpy" / "bench_c_hpy.c", *helpers, "-o", ext / "bench_c_hpy.hpy0.so"], cwd=bench_dir)
    run([cc, *CFLAGS, "-I", capi_include, bench_dir / "ext" / "c_api" / "bench_capi.c",
         "-o", ext / f"bench_capi{suffix}"], cwd=bench_dir)
    target = bench_dir / "target" / "pypy"
    cargo = os.environ.get("CARGO", "cargo")
    run([cargo, "build", "--release", "-p", "bench_pyo3", "--target-dir", target], cwd=bench_dir, env=cargo_env(pypy))
    shutil.copy(target / "release" / "libbench_pyo3.so", ext / f"bench_pyo3{suffix}")
    return ext
