//! Helpers shared by cargo-hpy's integration tests: running the program, copying fixture
//! projects, and Python interpreters and fresh virtualenvs.
//!
//! Fixture copies and wheels live in fresh folders under the system's temporary folder;
//! every cargo build the tests start shares one target folder in cargo's test scratch
//! folder, so the `hpy` crate is compiled once.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("cargo-hpy is in the workspace").to_path_buf()
}

/// The scratch folder of these tests.
pub fn scratch() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("cargo-hpy")
}

/// A new, empty folder named after `label`, outside the workspace (as a user's project
/// would be), under the system's temporary folder.
pub fn fresh_dir(label: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    static CLEANED: std::sync::Once = std::sync::Once::new();
    let runs = std::env::temp_dir().join("cargo-hpy-tests");
    CLEANED.call_once(|| remove_dead_runs(&runs));
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = runs.join(format!("{label}-{}-{n}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Removes the folders of earlier test programs that are no longer running.
fn remove_dead_runs(runs: &Path) {
    let Ok(entries) = std::fs::read_dir(runs) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let pid = name.rsplit('-').nth(1).and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| !Path::new(&format!("/proc/{pid}")).exists()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The cargo target folder shared by every build the tests start.
pub fn target_dir() -> PathBuf {
    scratch().join("target")
}

/// `cargo-hpy hpy <args>`, building into the shared target folder.
pub fn cargo_hpy(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cargo-hpy"));
    command.arg("hpy").args(args).env("CARGO_TARGET_DIR", target_dir()).env_remove("SOURCE_DATE_EPOCH");
    command
}

/// Runs `command` and returns its output, whatever the exit status.
///
/// cargo-hpy runs one at a time in a test program: the fixture copies share a target
/// folder, and two copies of one crate write the same library file there.
pub fn run(command: &mut Command) -> Output {
    let _guard = (command.get_program() == env!("CARGO_BIN_EXE_cargo-hpy")).then(build_lock);
    command.output().unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

/// Held while anything builds into the shared target folder (pip builds through the
/// backend included), so that no two builds of one crate overlap.
pub fn build_lock() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `command`, failing the test with its output unless it succeeds; returns stdout.
pub fn run_ok(command: &mut Command) -> String {
    let output = run(command);
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs `command`, failing the test unless it fails; returns stderr.
pub fn run_err(command: &mut Command) -> String {
    let output = run(command);
    assert!(
        !output.status.success(),
        "{command:?} succeeded but should fail:\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The path printed as the last line of stdout.
pub fn last_line_path(stdout: &str) -> PathBuf {
    let line = stdout.lines().last().unwrap_or_else(|| panic!("no output: {stdout:?}"));
    let path = PathBuf::from(line.trim());
    assert!(path.is_file(), "the last line of stdout is not a file: {line}");
    path
}

/// A copy of the fixture `name` (from tests/fixtures) in a fresh folder, its `@HPY@`
/// placeholders replaced by this workspace's `hpy` crate.
pub fn fixture(name: &str) -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let dir = fresh_dir(name).join(name);
    copy_tree(&source, &dir);
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else if entry.file_name() == "Cargo.toml" {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let hpy = workspace().join("hpy");
            std::fs::write(&target, text.replace("@HPY@", &hpy.display().to_string())).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Builds the wheel of the project at `manifest` into a fresh folder; returns its path.
pub fn build_wheel(manifest: &Path, extra: &[&str]) -> PathBuf {
    let out = fresh_dir("wheels");
    let mut args =
        vec!["build", "--manifest-path", manifest.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend(extra);
    last_line_path(&run_ok(&mut cargo_hpy(&args)))
}

/// The wheel of `examples/hello`, built once per test program.
pub fn hello_wheel() -> &'static Path {
    static WHEEL: OnceLock<PathBuf> = OnceLock::new();
    WHEEL.get_or_init(|| build_wheel(&workspace().join("examples/hello/Cargo.toml"), &[]))
}

/// The wheel of the `mixed` fixture (built with --release), once per test program.
pub fn mixed_wheel() -> &'static Path {
    static WHEEL: OnceLock<PathBuf> = OnceLock::new();
    WHEEL.get_or_init(|| build_wheel(&fixture("mixed").join("Cargo.toml"), &["--release"]))
}

/// The files of a wheel (a zip archive): (name, bytes), in archive order.
pub fn wheel_files(wheel: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(wheel).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut data).unwrap();
            (file.name().to_string(), data)
        })
        .collect()
}

/// The text of the file `suffix` (such as `.dist-info/METADATA`) in a wheel.
pub fn wheel_text(wheel: &Path, suffix: &str) -> String {
    let (_, data) = wheel_files(wheel)
        .into_iter()
        .find(|(name, _)| name.ends_with(suffix))
        .unwrap_or_else(|| panic!("no {suffix} in {}", wheel.display()));
    String::from_utf8(data).unwrap()
}

const NEEDS_HARNESS: &str = "run the tests with `cargo xtask test`, which sets HPY_RS_PYTHONS (and \
     HPY_RS_TOOLS_PYTHON) to its CPython virtualenvs";

/// The CPython interpreters of the test harness, from `HPY_RS_PYTHONS`
/// (`3.8=/path/to/python:3.9=...`): (version, python). Fails the test when unset.
pub fn pythons() -> Vec<(String, PathBuf)> {
    let value = std::env::var("HPY_RS_PYTHONS").unwrap_or_default();
    let pythons: Vec<(String, PathBuf)> = value
        .split(':')
        .filter(|item| !item.is_empty())
        .map(|item| {
            let (version, path) =
                item.split_once('=').unwrap_or_else(|| panic!("bad HPY_RS_PYTHONS item {item}"));
            (version.to_string(), PathBuf::from(path))
        })
        .collect();
    assert!(!pythons.is_empty(), "HPY_RS_PYTHONS is not set: {NEEDS_HARNESS}");
    pythons
}

/// The harness interpreter for tools, from `HPY_RS_TOOLS_PYTHON`. Fails the test when unset.
pub fn tools_base_python() -> PathBuf {
    let value = std::env::var("HPY_RS_TOOLS_PYTHON").unwrap_or_default();
    assert!(!value.is_empty(), "HPY_RS_TOOLS_PYTHON is not set: {NEEDS_HARNESS}");
    PathBuf::from(value)
}

/// A new virtualenv at `dir` made by `python`; returns the virtualenv's python.
pub fn make_venv(python: &Path, dir: &Path) -> PathBuf {
    if dir.exists() {
        std::fs::remove_dir_all(dir).unwrap();
    }
    run_ok(Command::new(python).args(["-m", "venv"]).arg(dir));
    dir.join("bin/python")
}

/// `PIP_FIND_LINKS` with the backend's wheel folder added to any the environment has.
pub fn find_links_with_backend() -> String {
    let backend = backend_wheels().display().to_string();
    match std::env::var("PIP_FIND_LINKS") {
        Ok(links) if !links.trim().is_empty() => format!("{backend} {links}"),
        _ => backend,
    }
}

/// `python -m pip <args>` (quiet about pip's own version).
pub fn pip(python: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(python);
    command.args(["-m", "pip", "--disable-pip-version-check"]).args(args);
    command
}

/// The Python tools the tests use.
const TOOLS: &[&str] = &["auditwheel", "twine", "build", "wheel", "pyyaml"];

/// A virtualenv with the [`TOOLS`] (auditwheel, twine, build, ...), made once under the
/// scratch folder from `HPY_RS_TOOLS_PYTHON`; returns its python.
pub fn tools_python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let dir = scratch().join("tools-venv");
        let python = dir.join("bin/python");
        let marker = dir.join(format!("cargo-hpy-tools-ready-{}", TOOLS.join("-")));
        if !marker.exists() {
            make_venv(&tools_base_python(), &dir);
            run_ok(pip(&python, &["install", "-q"]).args(TOOLS));
            std::fs::write(&marker, "").unwrap();
        }
        python
    })
}

/// The folder holding the backend's wheel (`cargo hpy backend-wheel`), made once per program.
pub fn backend_wheels() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = fresh_dir("backend");
        // Not through `run`: this builds nothing, and callers may hold the build lock.
        let output = cargo_hpy(&["backend-wheel", "--out", dir.to_str().unwrap()]).output().unwrap();
        assert!(output.status.success(), "backend-wheel failed: {}", String::from_utf8_lossy(&output.stderr));
        dir
    })
}

/// Runs Python code with `python`, failing the test unless it succeeds; returns stdout.
pub fn python_ok(python: &Path, code: &str, cwd: &Path) -> String {
    run_ok(Command::new(python).args(["-c", code]).current_dir(cwd).env_remove("HPY").env_remove("HPY_LOG"))
}

/// The platform tag `auditwheel show` finds for `wheel`.
pub fn auditwheel_tag(wheel: &Path) -> String {
    let json = run_ok(Command::new(tools_python()).args(["-m", "auditwheel", "show", "--json"]).arg(wheel));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    report["overall_tag"].as_str().unwrap_or_else(|| panic!("no overall_tag in {json}")).to_string()
}
