"""What compiling costs users: `examples/hello` (hpy-rs) against
`hello-pyo3` (the same functions with PyO3).

Both build with the release profile of their workspace (the same:
`lto = "thin"`, `codegen-units = 1`), each into a fresh target folder, after
`cargo fetch` so that downloads are not counted. Measured: the clean build
(dependencies included), a rebuild after touching the crate's `lib.rs`, and
the size of the library as built and stripped. The two crates are built in
turn, twice, and each time is the faster of its two builds: the machine may
be shared, and a burst of other work should not decide the comparison.
"""

import os
import shutil
import subprocess
import sys
import time

from .build import cargo_env


def timed(cmd, cwd, env):
    print("+", " ".join(str(c) for c in cmd), file=sys.stderr, flush=True)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=sys.stderr, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def one(workspace, package, crate_dir, out):
    cargo = os.environ.get("CARGO", "cargo")
    target = out / "buildcost" / package
    if target.exists():
        shutil.rmtree(target)
    env = cargo_env(sys.executable)
    env["CARGO_TARGET_DIR"] = str(target)
    manifest = ["--manifest-path", str(workspace / "Cargo.toml")]
    subprocess.run([cargo, "fetch", *manifest], check=True, stdout=sys.stderr)
    build = [cargo, "build", "--release", "--package", package, *manifest]
    clean = timed(build, workspace, env)
    (crate_dir / "src" / "lib.rs").touch()
    rebuild = timed(build, workspace, env)
    library = target / "release" / f"lib{package}.so"
    stripped = out / "buildcost" / f"{package}.stripped.so"
    shutil.copy(library, stripped)
    subprocess.run(["strip", "--strip-all", str(stripped)], check=True)
    return {
        "clean": clean,
        "rebuild": rebuild,
        "size": library.stat().st_size,
        "stripped": stripped.stat().st_size,
    }


def measure(root, bench_dir, out, repeats=2):
    crates = {
        "hpy-rs (examples/hello)": (root, "hello", root / "examples" / "hello"),
        "PyO3 (benches/hello-pyo3)": (bench_dir, "hello_pyo3", bench_dir / "hello-pyo3"),
    }
    runs = {name: [] for name in crates}
    for _ in range(repeats):
        for name, (workspace, package, crate_dir) in crates.items():
            runs[name].append(one(workspace, package, crate_dir, out))
    return {
        name: {
            "clean": min(r["clean"] for r in results),
            "rebuild": min(r["rebuild"] for r in results),
            "size": results[-1]["size"],
            "stripped": results[-1]["stripped"],
        }
        for name, results in runs.items()
    }
