//! Project tasks: `cargo xtask codegen [--check]`, `cargo xtask test`.

mod abi;
mod api_scan;
mod bench;
mod codegen;
mod conformance;
mod conformance_data;
mod conformance_doc;
mod coverage;
mod cpython_abi;
mod example;
mod gen_conformance;
mod gen_cpython;
mod gen_hpy;
mod gen_number;
mod gen_probe;
mod gen_shells;
mod gen_sys;
mod gen_trampolines;
mod graalpy;
mod guide;
mod interop;
mod layout;
mod pypy;
mod pythons;
mod reproducers;
mod run;
mod sdist_pypy;
mod stubtest;
mod test_runner;
mod zig_tools;

use std::path::PathBuf;
use std::process::ExitCode;

/// The workspace root (the parent of this crate's folder).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

pub const USAGE: &str = "usage: cargo xtask <command>

commands:
  codegen [--check]   regenerate the files derived from hpy-sys/abi/hpy-0.9.0.abi,
                      then the coverage table (--check: fail if a checked-in
                      copy is out of date)
  coverage [--check]  write docs/api-coverage.md: every function of the HPy context
                      with the safe API items that call it, or why none does
                      (--check: fail if it is out of date)
  conformance [options]
                      run tests/conformance (every HPy context function called raw) on
                      each interpreter in each mode and write docs/runtimes.md from the
                      observations (tests/conformance/observed) and the notes
                      (docs/runtimes-notes.toml); columns whose interpreter is missing
                      are kept as checked in
      --check         only compare: fail if an outcome changed, a difference has no
                      note, or docs/runtimes.md is out of date
      --render        only rewrite docs/runtimes.md from the checked-in observations,
                      notes (docs/runtimes-notes.toml, docs/runtimes-beyond.md) and
                      reproducers (tests/conformance/reproducers)
      --python 3.X    only this interpreter (repeatable); `--python pypy` for PyPy,
                      `--python graalpy` for GraalPy
      --mode MODE     only this mode (repeatable)
  guide               build the user guide (guide/, an mdBook) into target/guide
  example             build examples/hello, install it into a venv with the hpy
                      package and call it from Python in the three HPy modes
  test [options]      run every test: fmt and clippy, cargo test (the guide's
                      examples included), the guide's book, then the Python
                      tests of every extension on each CPython 3.8-3.12 found,
                      on PyPy 7.3.19 (installed under target/pypy) and on
                      GraalPy 24.2.2 (from Maven Central, under target/graalpy),
                      in universal, debug and trace modes; and on each CPython,
                      the extensions the CPython ABI supports, built in that ABI
      --python 3.X    only this version (repeatable); `--python pypy` for PyPy,
                      `--python graalpy` for GraalPy
      --mode MODE     only this mode: universal, debug, trace or cpython-abi
                      (repeatable)
      --no-lint       skip fmt and clippy
      --python-only   skip fmt, clippy and cargo test
  bench [options]     build the benchmark operations four ways (hpy-rs, C with HPy,
                      C with the CPython API, PyO3), measure them with callgrind
                      and wall time, and the same on PyPy 7.3.19 (wall time), and
                      write benches/RESULTS.md (see benches/README.md); needs valgrind
      --python 3.X    the CPython to measure (default 3.11)
      --no-pypy       leave the PyPy columns out
      --quick         a smoke run (writes benches/target/bench/RESULTS.quick.md)
      --piconumpy     instead, the piconumpy benchmark: a Runge-Kutta workload driven
                      from Python with a pure-Python array, a C API extension, a C
                      HPy twin and examples/piconumpy, on CPython, PyPy and GraalPy
                      24.2.2 (wall time; callgrind on CPython), written to
                      benches/RESULTS-piconumpy.md
      --no-graalpy    (with --piconumpy) leave the GraalPy column out
      --help          the harness's other options";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => {
            let check = args.iter().any(|a| a == "--check");
            // The coverage table depends on the generated sources too.
            codegen::run(&root, check).and_then(|()| if check { Ok(()) } else { coverage::run(&root, false) })
        }
        Some("coverage") => coverage::run(&root, args.iter().any(|a| a == "--check")),
        Some("conformance") => conformance::run(&root, &args[1..]),
        Some("test") => test_runner::run(&root, &args[1..]),
        Some("example") => example::run(&root),
        Some("guide") => guide::run(&root),
        Some("bench") => bench::run(&root, &args[1..]),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
