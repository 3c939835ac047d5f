"""Builds the four implementations into one folder, `<out>/ext`:

- `bench_rust_hpy.hpy0.so`: `ext/rust_hpy`, cargo release profile;
- `bench_rust_hpy.cpython-*.so`: the same crate with `--features
  hpy/cpython-abi` (HPy's CPython ABI: the C API called directly);
- `bench_pyo3.cpython-*.so`: `ext/pyo3`, the same profile;
- `bench_c_hpy.hpy0.so`: `ext/c_hpy`, universal ABI through hpy.devel;
- `bench_c_hpy.cpython-*.so`: the same source with `--hpy-abi=cpython`
  (hpy.devel defines `HPY_ABI_CPYTHON`: `hpy.h` becomes inline C API calls,
  and its helpers, such as the argument parser, are compiled in);
- `bench_capi.cpython-*.so`: `ext/c_api`, through setuptools.

The two `.cpython-*.so` HPy modules share their names with the universal
ones; they are told apart by suffix (`columns.load`), never loaded in the
same process.

The CPython-ABI Rust module gets the `pyo3-ffi` version of this workspace's
lock (0.30, through PyO3), not the root workspace's: `hpy-sys` accepts both.

Both C modules get the interpreter's C flags with -O2 last, and hpy.devel
compiles its runtime helpers into the C HPy module with the same flags.
"""

import os
import shutil
import subprocess
import sys
import sysconfig


def run(cmd, cwd, env=None):
    print("+", " ".join(str(c) for c in cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=sys.stderr)


def cargo_env(python):
    """The environment PyO3 needs: the interpreter to build for, and an
    extension module (which does not link libpython)."""
    env = dict(os.environ)
    env["PYO3_PYTHON"] = str(python)
    env["PYO3_BUILD_EXTENSION_MODULE"] = "1"
    return env


def build(bench_dir, out):
    ext = out / "ext"
    if ext.exists():
        shutil.rmtree(ext)
    ext.mkdir(parents=True)
    cargo = os.environ.get("CARGO", "cargo")
    run(
        [cargo, "build", "--release", "-p", "bench_rust_hpy", "-p", "bench_pyo3"],
        cwd=bench_dir,
        env=cargo_env(sys.executable),
    )
    release = bench_dir / "target" / "release"
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    shutil.copy(release / "libbench_rust_hpy.so", ext / "bench_rust_hpy.hpy0.so")
    shutil.copy(release / "libbench_pyo3.so", ext / f"bench_pyo3{suffix}")
    # The same crate in the CPython ABI (cargo keeps both builds of hpy apart:
    # only the final library is overwritten, so it is copied in between).
    run(
        [cargo, "build", "--release", "-p", "bench_rust_hpy", "--features", "hpy/cpython-abi"],
        cwd=bench_dir,
        env=cargo_env(sys.executable),
    )
    shutil.copy(release / "libbench_rust_hpy.so", ext / f"bench_rust_hpy{suffix}")
    for source, abi, tmp in (
        ("c_hpy", ["--hpy-abi=universal"], "c_hpy"),
        ("c_hpy", ["--hpy-abi=cpython"], "c_hpy_cpython"),
        ("c_api", [], "c_api"),
    ):
        base = out / "tmp" / tmp
        run(
            [sys.executable, "setup.py", "--quiet", *abi, "build", "--build-base", base, "--force"],
            cwd=bench_dir / "ext" / source,
        )
        for library in base.glob("lib*/*.so"):
            shutil.copy(library, ext / library.name)
    return ext
