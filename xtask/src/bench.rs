//! `cargo xtask bench`: the benchmarks of `benches/` (a workspace of its
//! own). Prepares a venv with what the harness needs and PyPy (for the PyPy
//! columns; `--no-pypy` leaves them out), then runs the harness (`python -m
//! harness` in `benches/`) with the remaining options; `--piconumpy` runs
//! the piconumpy benchmark instead (`benches/piconumpy_bench`), with a
//! GraalPy column too (`--no-graalpy` leaves it out).

use crate::{graalpy, pypy, pythons, run};
use std::path::Path;
use std::process::Command;

/// What the benchmark venv holds: the HPy runtime and `hpy.devel` (which
/// builds the C HPy module), setuptools (which builds both C modules) and
/// pyperf (the wall-time samples are saved in its format).
const REQUIREMENTS: &[&str] = &["hpy==0.9.0", "setuptools", "pyperf"];

/// The CPython version measured unless `--python` says otherwise.
const DEFAULT_VERSION: &str = "3.11";

fn is_ready(python: &Path) -> bool {
    Command::new(python)
        .args(["-c", "import hpy.devel.version as v, setuptools, pyperf; assert v.__version__ == '0.9.0'"])
        .output()
        .is_ok_and(|o| o.status.success())
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let mut version = DEFAULT_VERSION.to_string();
    let mut rest = Vec::new();
    let mut with_pypy = true;
    let mut with_graalpy = args.iter().any(|a| a == "--piconumpy");
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--python" {
            version = iter.next().ok_or("--python needs a version")?.clone();
        } else if arg == "--no-pypy" {
            with_pypy = false;
        } else if arg == "--no-graalpy" {
            with_graalpy = false;
        } else {
            rest.push(arg.clone());
        }
    }
    let interpreter = pythons::discover(std::slice::from_ref(&version))
        .into_iter()
        .find_map(|(_, found)| found)
        .ok_or_else(|| format!("no CPython {version} found (pyenv or PATH)"))?;
    let benches = root.join("benches");
    let venv = benches.join("target").join(format!("venv-cp{}", version.replace('.', "")));
    let python = venv.join("bin").join("python");
    if !is_ready(&python) {
        if !python.is_file() {
            run::checked(Command::new(&interpreter.path).arg("-m").arg("venv").arg(&venv))?;
        }
        run::checked(
            Command::new(&python)
                .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade"])
                .args(REQUIREMENTS),
        )?;
    }
    if with_pypy {
        match pypy::install(&root.join("target"), &python) {
            Ok(installed) => {
                rest.push("--pypy".into());
                rest.push(installed.python.display().to_string());
            }
            Err(why) => eprintln!(
                "xtask: the PyPy columns are SKIPPED: PyPy {} is not available: {why}",
                pypy::VERSION
            ),
        }
    }
    if with_graalpy {
        match graalpy::install(root, &root.join("target"), &python) {
            Ok(installed) => {
                rest.push("--graalpy".into());
                rest.push(installed.python.display().to_string());
            }
            Err(why) => eprintln!(
                "xtask: the GraalPy column is SKIPPED: GraalPy {} is not available: {why}",
                graalpy::VERSION
            ),
        }
    }
    run::checked(Command::new(&python).args(["-m", "harness"]).args(&rest).current_dir(&benches))
}
