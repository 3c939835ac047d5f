//! Finds the CPython interpreters to test with and prepares one virtualenv
//! per version, holding `hpy==0.9.0`, `pytest` and `hypothesis`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The CPython versions every test runs on.
pub const VERSIONS: &[&str] = &["3.8", "3.9", "3.10", "3.11", "3.12"];

/// What the test venvs hold.
pub const REQUIREMENTS: &[&str] = &["hpy==0.9.0", "pytest", "hypothesis"];

/// An interpreter found on this machine.
pub struct Interpreter {
    pub version: String,
    pub path: PathBuf,
}

/// The Python implementations the tests run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Implementation {
    CPython,
    PyPy,
    GraalPy,
}

impl Implementation {
    /// Its `sys.implementation.name`.
    pub fn id(self) -> &'static str {
        match self {
            Implementation::CPython => "cpython",
            Implementation::PyPy => "pypy",
            Implementation::GraalPy => "graalpy",
        }
    }

    /// Its name as people write it.
    pub fn name(self) -> &'static str {
        match self {
            Implementation::CPython => "CPython",
            Implementation::PyPy => "PyPy",
            Implementation::GraalPy => "GraalPy",
        }
    }
}

/// A venv (or, for GraalPy, a launcher with its package folders) prepared
/// for testing.
pub struct Venv {
    /// The CPython version, or PyPy's or GraalPy's own version.
    pub version: String,
    pub python: PathBuf,
    pub implementation: Implementation,
}

impl Venv {
    /// `CPython 3.11`, `PyPy 7.3.19`, `GraalPy 24.2.2`.
    pub fn label(&self) -> String {
        format!("{} {}", self.implementation.name(), self.version)
    }
}

fn run_capture(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The `major.minor` an interpreter reports.
fn version_of(python: &Path) -> Option<String> {
    run_capture(Command::new(python).args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"]))
}

/// Candidate paths for `python{version}`: pyenv's versions first (newest
/// patch release first), then `PATH`.
fn candidates(version: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let root = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| run_capture(Command::new("pyenv").arg("root")).map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pyenv")));
    if let Some(versions) = root.map(|r| r.join("versions"))
        && let Ok(entries) = std::fs::read_dir(&versions)
    {
        let mut dirs: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.strip_prefix(version).is_some_and(|rest| rest.starts_with('.') || rest.is_empty())
                })
            })
            .collect();
        dirs.sort_by_key(|d| std::cmp::Reverse(patch_number(d)));
        found.extend(dirs.into_iter().map(|d| d.join("bin").join(format!("python{version}"))));
    }
    if let Some(path) = std::env::var_os("PATH") {
        found.extend(std::env::split_paths(&path).map(|dir| dir.join(format!("python{version}"))));
    }
    found
}

fn patch_number(dir: &Path) -> u32 {
    dir.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.rsplit('.').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or(0)
}

/// The interpreter of each wanted version, or `None` when it is missing.
pub fn discover(wanted: &[String]) -> Vec<(String, Option<Interpreter>)> {
    wanted
        .iter()
        .map(|version| {
            let found = candidates(version)
                .into_iter()
                .filter(|p| p.is_file())
                .find(|p| version_of(p).as_deref() == Some(version.as_str()))
                .map(|path| Interpreter { version: version.clone(), path });
            (version.clone(), found)
        })
        .collect()
}

fn venv_python(dir: &Path) -> PathBuf {
    dir.join("bin").join("python")
}

/// Whether a venv already holds what the tests need.
fn is_ready(python: &Path) -> bool {
    Command::new(python)
        .args([
            "-c",
            "import hpy.devel.version as v, pytest, hypothesis, hpy.universal; assert v.__version__ == '0.9.0'",
        ])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Creates (or reuses) the venv of `interpreter` under `root`, with the
/// test requirements installed.
pub fn prepare(root: &Path, interpreter: &Interpreter) -> Result<Venv, String> {
    let dir = root.join(format!("cp{}", interpreter.version.replace('.', "")));
    let python = venv_python(&dir);
    if !is_ready(&python) {
        if !python.is_file() {
            crate::run::checked(Command::new(&interpreter.path).arg("-m").arg("venv").arg(&dir))?;
        }
        crate::run::checked(
            Command::new(&python)
                .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade"])
                .args(REQUIREMENTS),
        )?;
    }
    if !is_ready(&python) {
        return Err(format!("the venv {} lacks what the tests need after installing it", dir.display()));
    }
    Ok(Venv { version: interpreter.version.clone(), python, implementation: Implementation::CPython })
}
