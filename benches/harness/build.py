"""Builds the four implementations into one folder, `<out>/ext`:

- `bench_rust_hpy.hpy0.so`: `ext/rust_hpy`, cargo release profile;
- `bench_pyo3.cpython-*.so`: `ext/pyo3`, the same profile;
- `bench_c_hpy.hpy0.so`: `ext/c_hpy`, universal ABI through hpy.devel;
- `bench_capi.cpython-*.so`: `ext/c_api`, through setuptools.

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
    for source, abi in (("c_hpy", ["--hpy-abi=universal"]), ("c_api", [])):
        base = out / "tmp" / source
        run(
            [sys.executable, "setup.py", "--quiet", *abi, "build", "--build-base", base, "--force"],
            cwd=bench_dir / "ext" / source,
        )
        for library in base.glob("lib*/*.so"):
            shutil.copy(library, ext / library.name)
    return ext
