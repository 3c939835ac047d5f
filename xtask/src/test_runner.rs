//! `cargo xtask test`: every test of the project, as CI runs it.
//!
//! 1. `cargo fmt --check`, `cargo clippy -D warnings` and `cargo doc` of the
//!    runtime crates with warnings denied (unless `--no-lint`);
//! 2. a venv with `hpy==0.9.0` and `pytest` for each CPython 3.8–3.12 found;
//! 3. `cargo test --workspace` (the layout probe against the hpy headers,
//!    unit tests, compile-fail tests, cargo-hpy's tests);
//! 4. one build of every extension under `examples/` and `tests/extensions/`
//!    into wheels with `cargo hpy build`;
//! 5. for every venv, the same wheels installed, and `tests/python` run in
//!    universal, debug (each test inside `hpy.debug.LeakDetector`) and trace
//!    modes.
//!
//! A version with no interpreter on the machine is reported as skipped;
//! any failure makes the command fail.

use crate::pythons::{self, Venv};
use crate::run;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const MODES: &[&str] = &["universal", "debug", "trace"];

struct Options {
    versions: Vec<String>,
    modes: Vec<String>,
    lint: bool,
    cargo_tests: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options { versions: Vec::new(), modes: Vec::new(), lint: true, cargo_tests: true };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--python" => options.versions.push(iter.next().ok_or("--python needs a version")?.clone()),
            "--mode" => options.modes.push(iter.next().ok_or("--mode needs a mode")?.clone()),
            "--no-lint" => options.lint = false,
            "--python-only" => {
                options.lint = false;
                options.cargo_tests = false;
            }
            other => return Err(format!("unknown option `{other}`\n\n{}", crate::USAGE)),
        }
    }
    if options.versions.is_empty() {
        options.versions = pythons::VERSIONS.iter().map(|v| v.to_string()).collect();
    }
    if options.modes.is_empty() {
        options.modes = MODES.iter().map(|m| m.to_string()).collect();
    }
    if let Some(bad) = options.modes.iter().find(|m| !MODES.contains(&m.as_str())) {
        return Err(format!("unknown mode `{bad}`; the modes are {}", MODES.join(", ")));
    }
    Ok(options)
}

fn cargo(root: &Path) -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root);
    cmd
}

/// The extension crates the Python tests import: `examples/*` and
/// `tests/extensions/*`.
fn extension_manifests(root: &Path) -> Vec<PathBuf> {
    let mut manifests = Vec::new();
    for dir in ["examples", "tests/extensions"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            manifests.extend(entries.flatten().map(|e| e.path().join("Cargo.toml")).filter(|p| p.is_file()));
        }
    }
    manifests.sort();
    manifests
}

/// Builds every extension once, into `out`; returns the wheels.
fn build_wheels(root: &Path, out: &Path) -> Result<Vec<PathBuf>, String> {
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let mut wheels = Vec::new();
    for manifest in extension_manifests(root) {
        let stdout = run::output(
            cargo(root)
                .args(["run", "--quiet", "--package", "cargo-hpy", "--", "hpy", "build", "--manifest-path"])
                .arg(&manifest)
                .arg("--out")
                .arg(out),
        )?;
        let wheel = stdout.lines().last().map(|l| PathBuf::from(l.trim())).filter(|p| p.is_file());
        wheels
            .push(wheel.ok_or_else(|| {
                format!("cargo hpy build printed no wheel path for {}", manifest.display())
            })?);
    }
    Ok(wheels)
}

fn pytest(root: &Path, venv: &Venv, mode: &str, cwd: &Path) -> bool {
    let status = Command::new(&venv.python)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "console_output_style=classic"])
        .arg(root.join("tests").join("python"))
        .env("HPY", mode)
        .env_remove("HPY_LOG")
        .current_dir(cwd)
        .status();
    eprintln!("+ [{} {mode}] pytest tests/python: {status:?}", venv.version);
    status.is_ok_and(|s| s.success())
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let options = parse(args)?;
    let target = root.join("target");
    if options.lint {
        run::checked(cargo(root).args(["fmt", "--all", "--check"]))?;
        run::checked(cargo(root).args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
        // The runtime crates' documentation: no broken or private links.
        let mut doc = cargo(root);
        doc.args(["doc", "--no-deps", "-p", "hpy-sys", "-p", "hpy", "-p", "hpy-macros"]);
        doc.env("RUSTDOCFLAGS", "-D warnings");
        run::checked(&mut doc)?;
    }

    let mut venvs = Vec::new();
    let mut summary: Vec<(String, String, &str)> = Vec::new();
    for (version, interpreter) in pythons::discover(&options.versions) {
        match interpreter {
            Some(interpreter) => venvs.push(pythons::prepare(&target.join("hpy-venvs"), &interpreter)?),
            None => {
                for mode in &options.modes {
                    summary.push((version.clone(), mode.clone(), "SKIPPED (no interpreter on this machine)"));
                }
            }
        }
    }
    let Some(main_venv) = venvs.iter().find(|v| v.version == "3.11").or(venvs.last()) else {
        return Err("no CPython 3.8–3.12 found: nothing to test with".into());
    };
    let pythons_env: Vec<String> =
        venvs.iter().map(|v| format!("{}={}", v.version, v.python.display())).collect();

    let mut zig_tests = "not run (--python-only)".to_string();
    if options.cargo_tests {
        run::checked(
            cargo(root)
                .args(["test", "--workspace"])
                .env("HPY_PYTHON", &main_venv.python)
                .env("HPY_RS_PYTHONS", pythons_env.join(":"))
                .env("HPY_RS_TOOLS_PYTHON", &main_venv.python),
        )?;
        let env = [
            ("HPY_RS_PYTHONS", pythons_env.join(":")),
            ("HPY_RS_TOOLS_PYTHON", main_venv.python.display().to_string()),
        ];
        zig_tests = crate::zig_tools::run_tests(root, &target, &main_venv.python, &env)?;
    }

    let wheels = build_wheels(root, &target.join("hpy-test-wheels"))?;
    let cwd = target.join("hpy-pytest-cwd");
    std::fs::create_dir_all(&cwd).map_err(|e| e.to_string())?;
    let mut failed = false;
    for venv in &venvs {
        run::checked(
            Command::new(&venv.python)
                .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--force-reinstall"])
                .arg("--no-deps")
                .args(&wheels),
        )?;
        for mode in &options.modes {
            let ok = pytest(root, venv, mode, &cwd);
            failed |= !ok;
            summary.push((venv.version.clone(), mode.clone(), if ok { "passed" } else { "FAILED" }));
        }
    }

    summary.sort_by_key(|(version, ..)| {
        version.split('.').map(|n| n.parse::<u32>().unwrap_or(0)).collect::<Vec<_>>()
    });
    eprintln!("\nPython tests (tests/python), one build of {} wheel(s):", wheels.len());
    for (version, mode, result) in &summary {
        eprintln!("  CPython {version:<5} {mode:<10} {result}");
    }
    eprintln!("cargo-hpy wheels for other platforms (manylinux2014, aarch64, musllinux; zig): {zig_tests}");
    if failed { Err("some Python tests failed".into()) } else { Ok(()) }
}
