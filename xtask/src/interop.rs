//! The PyObject interop checks of the CPython ABI, run with its stage of
//! `cargo xtask test`: the compile-fail tests of the interop API
//! (`hpy/tests/ui-cpython-abi`) and `examples/pyo3-interop`, a PyO3 class and
//! hpy functions sharing objects, with its test file.
//!
//! The example is a workspace of its own (PyO3 and the `cpython-abi`
//! feature stay out of the main lock) built into `target/pyo3-interop`. It
//! runs on one interpreter, the newest CPython of the run: PyO3 0.30 needs
//! 3.9+, and each interpreter would rebuild PyO3. The others are reported
//! as SKIPPED.

use crate::cpython_abi::{MODE, prepare, sysconfig};
use crate::pythons::Interpreter;
use crate::run;
use std::path::Path;
use std::process::Command;

/// The label of the example's rows.
const EXAMPLE: &str = "pyo3-interop";

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// The compile-fail tests of the interop API, built against `interpreter`.
fn compile_fail(root: &Path, interpreter: &Interpreter) -> Result<(), String> {
    let mut test = cargo();
    test.current_dir(root)
        .args(["test", "--quiet", "-p", "hpy", "--features", "cpython-abi", "--test", "compile_fail"])
        .env("PYO3_PYTHON", &interpreter.path);
    run::checked(&mut test).map_err(|e| format!("FAILED ({e})"))
}

/// Builds the example for `interpreter`, installs it into its CPython-ABI
/// venv and runs the example's test file there.
fn example(root: &Path, interpreter: &Interpreter, cwd: &Path) -> Result<(), String> {
    let python = prepare(&root.join("target/hpy-venvs"), interpreter)?;
    let dir = root.join("examples").join(EXAMPLE);
    let target = root.join("target").join(EXAMPLE);
    let mut build = cargo();
    build
        .current_dir(&dir)
        .args(["build", "--quiet", "--locked"])
        .env("CARGO_TARGET_DIR", &target)
        .env("PYO3_PYTHON", &interpreter.path)
        .env("PYO3_BUILD_EXTENSION_MODULE", "1");
    run::checked(&mut build)?;
    let suffix = sysconfig(&python, "sysconfig.get_config_var('EXT_SUFFIX')")?;
    let site = sysconfig(&python, "sysconfig.get_path('platlib')")?;
    let built = target.join("debug/libpyo3_interop.so");
    let installed = Path::new(&site).join(format!("pyo3_interop{suffix}"));
    std::fs::copy(&built, &installed)
        .map_err(|e| format!("{} -> {}: {e}", built.display(), installed.display()))?;
    let mut pytest = Command::new(&python);
    pytest
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(dir.join("test_pyo3_interop.py"))
        .current_dir(cwd);
    run::checked(&mut pytest).map_err(|e| format!("FAILED ({e})"))
}

/// Both checks on the newest of `interpreters`: the summary rows, and
/// whether one failed.
pub fn run(root: &Path, interpreters: &[Interpreter], cwd: &Path) -> (Vec<(String, String, String)>, bool) {
    let minor =
        |i: &Interpreter| i.version.split('.').nth(1).and_then(|m| m.parse::<u32>().ok()).unwrap_or(0);
    let Some(newest) = interpreters.iter().filter(|i| minor(i) >= 9).max_by_key(|i| minor(i)) else {
        return (Vec::new(), false);
    };
    let mut rows = Vec::new();
    let label = format!("CPython {}", newest.version);
    let checks = compile_fail(root, newest).map(|()| "passed (interop compile-fail tests)".to_string());
    let example = example(root, newest, cwd).map(|()| format!("passed (examples/{EXAMPLE})"));
    let failed = checks.is_err() || example.is_err();
    rows.push((label.clone(), format!("{MODE} interop"), checks.unwrap_or_else(|e| e)));
    rows.push((label, format!("{MODE} {EXAMPLE}"), example.unwrap_or_else(|e| e)));
    for other in interpreters.iter().filter(|i| i.version != newest.version) {
        rows.push((
            format!("CPython {}", other.version),
            format!("{MODE} {EXAMPLE}"),
            format!(
                "SKIPPED (run on CPython {} only: PyO3 0.30 needs 3.9+, and each version rebuilds it)",
                newest.version
            ),
        ));
    }
    (rows, failed)
}
