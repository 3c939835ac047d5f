//! The C reproducers of the PyPy bugs the `hpy` crate cannot work around
//! (`tests/conformance/reproducers`): each must show its bug on PyPy and
//! behave correctly on CPython 3.11, in every mode.

use crate::pythons::{Implementation, Venv};
use std::path::Path;
use std::process::Command;

/// Runs `run.py` with PyPy and with CPython 3.11 (when tested) in each mode:
/// the summary rows, and whether all passed.
pub fn check(root: &Path, venvs: &[Venv], modes: &[String]) -> (Vec<(String, String, String)>, bool) {
    let script = root.join("tests/conformance/reproducers/run.py");
    let mut rows = Vec::new();
    let mut ok = true;
    for venv in venvs.iter().filter(|v| v.implementation == Implementation::PyPy || v.version == "3.11") {
        let build = root.join("target/reproducers").join(venv.label().replace(' ', "-"));
        for mode in modes {
            let status = Command::new(&venv.python)
                .arg(&script)
                .args(["--mode", mode, "--build-dir"])
                .arg(&build)
                .status();
            let passed = status.is_ok_and(|s| s.success());
            ok &= passed;
            let result = if passed { "reproducers: passed" } else { "reproducers: FAILED" };
            rows.push((venv.label(), mode.clone(), result.to_string()));
        }
    }
    (rows, ok)
}
