//! The C reproducers of the PyPy and GraalPy bugs the `hpy` crate cannot
//! work around (`tests/conformance/reproducers`): each must show its bug on
//! the runtime it names and behave correctly on CPython 3.11, in every mode
//! it lists.

use crate::pythons::{Implementation, Venv};
use std::path::Path;
use std::process::Command;

/// Runs `run.py` with PyPy, GraalPy and CPython 3.11 (when tested), once per
/// interpreter for all `modes` (a GraalPy process takes tens of seconds to
/// start): the summary rows, one per mode, and whether all passed.
pub fn check(root: &Path, venvs: &[Venv], modes: &[String]) -> (Vec<(String, String, String)>, bool) {
    let script = root.join("tests/conformance/reproducers/run.py");
    let mut rows = Vec::new();
    let mut ok = true;
    for venv in venvs.iter().filter(|v| v.implementation != Implementation::CPython || v.version == "3.11") {
        let build = root.join("target/reproducers").join(venv.label().replace(' ', "-"));
        let mut command = Command::new(&venv.python);
        command.arg(&script).arg("--build-dir").arg(&build);
        for mode in modes {
            command.args(["--mode", mode]);
        }
        let started = std::time::Instant::now();
        let output = command.stderr(std::process::Stdio::inherit()).output();
        let (passed, stdout) = match &output {
            Ok(out) => (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned()),
            Err(e) => (false, format!("FAIL cannot run {}: {e}", script.display())),
        };
        print!("{stdout}");
        eprintln!("+ [{}] reproducers in {:.0?}", venv.label(), started.elapsed());
        ok &= passed;
        for mode in modes {
            let tag = format!("[{mode}]");
            let failed = !passed
                && (output.is_err()
                    || stdout.lines().any(|l| l.starts_with("FAIL") && l.contains(&tag))
                    || !stdout.lines().any(|l| l.starts_with("FAIL")));
            let result = if failed { "reproducers: FAILED" } else { "reproducers: passed" };
            rows.push((venv.label(), mode.clone(), result.to_string()));
        }
    }
    (rows, ok)
}
