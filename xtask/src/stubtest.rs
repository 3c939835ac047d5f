//! mypy's `stubtest` against the installed modules of `examples/` and
//! `tests/extensions/`: the `.pyi` stubs `cargo hpy build` generated from the
//! Rust signatures must agree with what the modules hold at run time. Run on
//! one CPython (3.11 when there is one), whose venv gets a pinned mypy; any
//! error fails the tests, except the entries of `tests/stubtest-allowlist.txt`
//! (each one justified there).

use crate::pythons::Venv;
use crate::run;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The mypy that checks the stubs (pinned: stubtest's checks grow with
/// mypy's versions).
const MYPY: &str = "mypy==2.4.1";

/// The modules whose stubs `wheels` ship: `<module>-stubs/__init__.pyi`, or
/// `<package>/<module>.pyi`.
const LIST_MODULES: &str = r#"
import sys, zipfile
for wheel in sys.argv[1:]:
    for name in zipfile.ZipFile(wheel).namelist():
        if name.endswith("-stubs/__init__.pyi"):
            print(name[: -len("-stubs/__init__.pyi")])
        elif name.endswith(".pyi") and "/" in name and ".data/" not in name:
            print(name[: -len(".pyi")].replace("/", "."))
"#;

/// Installs mypy into `venv` (where the wheels are installed) and runs
/// stubtest on every module; the row for the summary.
pub fn check(root: &Path, venv: &Venv, wheels: &[PathBuf], cwd: &Path) -> Result<String, String> {
    let started = std::time::Instant::now();
    let mut pip = Command::new(&venv.python);
    pip.args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", MYPY]);
    run::checked(&mut pip)?;
    let installed = started.elapsed();
    let listed = run::output(Command::new(&venv.python).arg("-c").arg(LIST_MODULES).args(wheels))?;
    let modules: Vec<&str> = listed.lines().map(str::trim).filter(|m| !m.is_empty()).collect();
    if modules.is_empty() {
        return Err("FAILED (no wheel ships a stub)".into());
    }
    let mut stubtest = Command::new(&venv.python);
    stubtest
        .args(["-m", "mypy.stubtest", "--allowlist"])
        .arg(root.join("tests").join("stubtest-allowlist.txt"))
        .args(&modules)
        .env("HPY", "universal")
        .current_dir(cwd);
    let status = stubtest.status().map_err(|e| e.to_string())?;
    let timing = format!(
        "{} modules, {:.1} s (mypy installed in {:.1} s)",
        modules.len(),
        (started.elapsed() - installed).as_secs_f64(),
        installed.as_secs_f64()
    );
    eprintln!("+ [{}] stubtest: {status} ({timing})", venv.label());
    if status.success() {
        Ok(format!("passed ({timing})"))
    } else {
        Err(format!("FAILED ({status}; {timing})"))
    }
}
