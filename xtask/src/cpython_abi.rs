//! The CPython-ABI runs of `cargo xtask test`: for each CPython, the
//! extensions `tests/python` imports are built for that interpreter with
//! `--features hpy/cpython-abi` (`PYO3_PYTHON` names it;
//! `PYO3_BUILD_EXTENSION_MODULE=1` keeps `libpython` out of the binary),
//! copied as `<module><EXT_SUFFIX>` into a venv that has no `hpy` package
//! (`target/hpy-venvs/cp3X-cpyabi`, which proves there is no run-time
//! dependency), and the test files run there with `HPY_ABI=cpython`.
//!
//! All extensions of one interpreter are built in one cargo call; switching
//! interpreters rebuilds `pyo3-ffi`, `hpy-sys`, `hpy` and the extensions.

use crate::pythons::Interpreter;
use crate::run;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The label of these runs in the summary.
pub const MODE: &str = "cpython-abi";

/// The extensions built in the CPython ABI: (cargo package, module name);
/// every extension `tests/python` imports.
const EXTENSIONS: &[(&str, &str)] = &[
    ("hello", "hello"),
    ("floatarray", "floatarray"),
    ("piconumpy", "piconumpy"),
    ("api", "api"),
    ("classes", "classes"),
    ("conversions", "conversions"),
    ("errors", "errors"),
    ("harness", "harness"),
    ("hygiene", "hygiene"),
    ("metaclass", "metaclass"),
    ("signatures", "signatures"),
];

/// What the venvs hold: the test tools, and no `hpy`.
const REQUIREMENTS: &[&str] = &["pytest", "hypothesis"];

/// The venv of `interpreter` for the CPython ABI, made (or reused) under
/// `root`: it must not hold the `hpy` package.
pub(crate) fn prepare(root: &Path, interpreter: &Interpreter) -> Result<PathBuf, String> {
    let dir = root.join(format!("cp{}-cpyabi", interpreter.version.replace('.', "")));
    let python = dir.join("bin").join("python");
    let ready = |python: &Path| {
        Command::new(python)
            // Isolated (`-I`): the workspace's own `hpy/` folder is not the package.
            .args([
                "-I",
                "-c",
                "import importlib.util as u, pytest, hypothesis; assert u.find_spec('hpy') is None",
            ])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !ready(&python) {
        if !python.is_file() {
            run::checked(Command::new(&interpreter.path).arg("-m").arg("venv").arg(&dir))?;
        }
        run::checked(
            Command::new(&python)
                .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
                .args(REQUIREMENTS),
        )?;
        if !ready(&python) {
            return Err(format!("{} lacks pytest or holds the hpy package", dir.display()));
        }
    }
    Ok(python)
}

/// A `sysconfig` value of `python`.
pub(crate) fn sysconfig(python: &Path, expression: &str) -> Result<String, String> {
    let code = format!("import sysconfig; print({expression})");
    Ok(run::output(Command::new(python).args(["-c", &code]))?.trim().to_string())
}

/// Builds [`EXTENSIONS`] for `interpreter` and copies them into the venv of
/// `python`.
fn build_and_install(root: &Path, interpreter: &Interpreter, python: &Path) -> Result<(), String> {
    let mut build = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    build.current_dir(root).args(["build", "--quiet", "--features", "hpy/cpython-abi"]);
    for (package, _) in EXTENSIONS {
        build.args(["--package", package]);
    }
    build.env("PYO3_PYTHON", &interpreter.path).env("PYO3_BUILD_EXTENSION_MODULE", "1");
    run::checked(&mut build)?;
    let suffix = sysconfig(python, "sysconfig.get_config_var('EXT_SUFFIX')")?;
    let site = PathBuf::from(sysconfig(python, "sysconfig.get_path('platlib')")?);
    for (_, module) in EXTENSIONS {
        let built = root.join("target/debug").join(format!("lib{module}.so"));
        let installed = site.join(format!("{module}{suffix}"));
        std::fs::copy(&built, &installed)
            .map_err(|e| format!("{} -> {}: {e}", built.display(), installed.display()))?;
    }
    Ok(())
}

/// Runs `files` in the venv of `python`.
fn pytest(root: &Path, python: &Path, files: &[String], cwd: &Path) -> Result<(), String> {
    let tests = root.join("tests").join("python");
    let mut command = Command::new(python);
    command
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "console_output_style=classic"])
        .args(files.iter().map(|file| tests.join(file)))
        .env("HPY_ABI", "cpython")
        .env_remove("HPY")
        .current_dir(cwd);
    run::checked(&mut command).map_err(|e| format!("FAILED ({e})"))
}

/// The test files of `tests/python`.
fn test_files(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root.join("tests/python"))
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| n.starts_with("test_") && n.ends_with(".py"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The CPython-ABI runs on every interpreter: the summary rows, and whether
/// any failed.
pub fn run(root: &Path, interpreters: &[Interpreter], cwd: &Path) -> (Vec<(String, String, String)>, bool) {
    let mut rows = Vec::new();
    let mut failed = false;
    let all = test_files(root);
    for interpreter in interpreters {
        let label = format!("CPython {}", interpreter.version);
        let files = &all;
        let started = std::time::Instant::now();
        let result = prepare(&root.join("target/hpy-venvs"), interpreter).and_then(|python| {
            build_and_install(root, interpreter, &python)?;
            pytest(root, &python, files, cwd)
        });
        eprintln!("+ [{label} {MODE}] built and tested in {:.0?}", started.elapsed());
        failed |= result.is_err();
        let row = match result {
            Ok(()) => format!("passed ({} test files)", files.len()),
            Err(e) => e,
        };
        rows.push((label, MODE.to_string(), row));
    }
    (rows, failed)
}
