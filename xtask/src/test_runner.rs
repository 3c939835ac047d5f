//! `cargo xtask test`: every test of the project, as CI runs it.
//!
//! 1. `cargo fmt --check`, `cargo clippy -D warnings` (also of `hpy-sys` and
//!    `hpy` in the CPython ABI) and `cargo doc` of the runtime crates with
//!    warnings denied (unless `--no-lint`);
//! 2. a venv with `hpy==0.9.0` and `pytest` for each CPython 3.8–3.12 found,
//!    PyPy 7.3.19 from Debian's packages (see `pypy.rs`) and GraalPy 24.2.2
//!    from Maven Central (see `graalpy.rs`);
//! 3. `cargo test --workspace` (the layout probe against the hpy headers and,
//!    with PyPy or GraalPy, against theirs; unit tests, compile-fail tests,
//!    cargo-hpy's tests, the guide's examples as doctests and its links), then
//!    the guide's book with mdBook (`guide.rs`);
//! 4. one build of every extension under `examples/` and `tests/extensions/`
//!    into wheels with `cargo hpy build`;
//! 5. for every venv, the same wheels installed, and `tests/python` run in
//!    universal, debug (each test inside `hpy.debug.LeakDetector`) and trace
//!    modes; on one CPython, mypy's stubtest checks the `.pyi` stubs the
//!    wheels ship against the installed modules (`stubtest.rs`); on PyPy,
//!    `pip wheel` of an sdist gives the universal wheel (`sdist_pypy.rs`);
//! 6. for every CPython, the extensions the CPython ABI supports so far built
//!    in that ABI and their tests run in a venv without `hpy`
//!    (`cpython_abi.rs`; `--mode cpython-abi` selects only these).
//!
//! A version with no interpreter on the machine, or PyPy or GraalPy when it
//! cannot be installed, is reported as SKIPPED with the reason; any failure
//! makes the command fail.

use crate::pythons::{self, Implementation, Venv};
use crate::{graalpy, pypy, run};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const MODES: &[&str] = &["universal", "debug", "trace"];

/// What `--python` calls PyPy.
const PYPY: &str = "pypy";
/// What `--python` calls GraalPy.
const GRAALPY: &str = "graalpy";

struct Options {
    versions: Vec<String>,
    modes: Vec<String>,
    /// Whether the CPython-ABI runs happen (`--mode cpython-abi`, or no `--mode`).
    cpython_abi: bool,
    lint: bool,
    cargo_tests: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options =
        Options { versions: Vec::new(), modes: Vec::new(), cpython_abi: true, lint: true, cargo_tests: true };
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
        options.versions.push(PYPY.into());
        options.versions.push(GRAALPY.into());
    }
    if options.modes.is_empty() {
        options.modes = MODES.iter().map(|m| m.to_string()).collect();
    } else {
        options.cpython_abi = options.modes.iter().any(|m| m == crate::cpython_abi::MODE);
        options.modes.retain(|m| m != crate::cpython_abi::MODE);
    }
    if let Some(bad) = options.modes.iter().find(|m| !MODES.contains(&m.as_str())) {
        return Err(format!(
            "unknown mode `{bad}`; the modes are {} and {}",
            MODES.join(", "),
            crate::cpython_abi::MODE
        ));
    }
    Ok(options)
}

fn cargo(root: &Path) -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root);
    cmd
}

/// The extension crates the Python tests import: the members of the
/// workspace under `examples/` and `tests/extensions/`. A crate there with
/// a workspace of its own (`examples/pyo3-interop`, CPython ABI only) is
/// built by its own stage.
fn extension_manifests(root: &Path) -> Vec<PathBuf> {
    let members: Vec<String> = std::fs::read_to_string(root.join("Cargo.toml"))
        .ok()
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|t| t.get("workspace")?.get("members")?.as_array().cloned())
        .map(|list| list.iter().filter_map(|m| m.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    let mut manifests: Vec<PathBuf> = members
        .iter()
        .filter(|m| m.starts_with("examples/") || m.starts_with("tests/extensions/"))
        .map(|m| root.join(m).join("Cargo.toml"))
        .collect();
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

/// Runs `tests/python` (on GraalPy: the part [`graalpy::selection`] names,
/// within [`graalpy::PYTEST_TIMEOUT`], its output into a log under `cwd`
/// that is printed when it ends) in `mode`; the result for the summary.
fn pytest(root: &Path, venv: &Venv, mode: &str, cwd: &Path) -> Result<(), String> {
    let tests = root.join("tests").join("python");
    let mut command = Command::new(&venv.python);
    command
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "console_output_style=classic"])
        .env("HPY", mode)
        .env_remove("HPY_LOG")
        .current_dir(cwd);
    let started = std::time::Instant::now();
    let status = if venv.implementation == Implementation::GraalPy {
        let log_path = cwd.join(format!("graalpy-{mode}.log"));
        let log = std::fs::File::create(&log_path).map_err(|e| format!("{}: {e}", log_path.display()))?;
        let log_err = log.try_clone().map_err(|e| e.to_string())?;
        command.args(graalpy::pytest_args(&tests, &graalpy::selection(mode))).stdout(log).stderr(log_err);
        let status = run::status_within(&mut command, graalpy::PYTEST_TIMEOUT);
        eprintln!("{}", std::fs::read_to_string(&log_path).unwrap_or_default());
        status
    } else {
        command.arg(&tests).status().map_err(|e| e.to_string())
    };
    eprintln!("+ [{} {mode}] pytest tests/python in {:.0?}: {status:?}", venv.label(), started.elapsed());
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("FAILED ({s})")),
        Err(e) => Err(format!("FAILED ({e})")),
    }
}

/// Runs `tests/python` in every mode: on GraalPy two modes at a time (each
/// is one JVM, mostly busy on one core, in Truffle's interpreter), each in
/// a working folder of its own; elsewhere one after the other. The results
/// in the order of `modes`.
fn pytest_modes(root: &Path, venv: &Venv, modes: &[String], cwd: &Path) -> Vec<Result<(), String>> {
    if venv.implementation != Implementation::GraalPy {
        return modes.iter().map(|mode| pytest(root, venv, mode, cwd)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<(), String>>>> =
        modes.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(mode) = modes.get(i) else { break };
                    let dir = cwd.join(format!("graalpy-{mode}"));
                    let result = std::fs::create_dir_all(&dir)
                        .map_err(|e| format!("FAILED ({}: {e})", dir.display()))
                        .and_then(|()| pytest(root, venv, mode, &dir));
                    *results[i].lock().expect("no panics hold the lock") = Some(result);
                }
            });
        }
    });
    results
        .into_iter()
        .map(|r| r.into_inner().expect("no panics hold the lock").expect("every mode ran"))
        .collect()
}

/// A CPython venv for the tools (cargo-hpy's tests, pip downloads) when
/// none is tested.
fn tools_python(target: &Path) -> Result<PathBuf, String> {
    let all: Vec<String> = pythons::VERSIONS.iter().map(|v| v.to_string()).collect();
    let found = pythons::discover(&all).into_iter().rev().find_map(|(_, interpreter)| interpreter);
    let interpreter = found.ok_or("no CPython 3.8–3.12 found: the tools need one")?;
    Ok(pythons::prepare(&target.join("hpy-venvs"), &interpreter)?.python)
}

/// PyPy's venv, or why it is skipped; and the layout proof's setting.
fn prepare_pypy(target: &Path, pip_source: &Path) -> Result<(Venv, String), String> {
    let installed = pypy::install(target, pip_source)?;
    let headers = format!("pypy-{}={}", pypy::VERSION, installed.hpy_include.display());
    Ok((
        Venv {
            version: pypy::VERSION.into(),
            python: installed.python,
            implementation: Implementation::PyPy,
        },
        headers,
    ))
}

/// GraalPy's launcher, or why it is skipped; and the layout proof's setting.
fn prepare_graalpy(root: &Path, pip_source: &Path) -> Result<(Venv, graalpy::GraalPy, String), String> {
    let installed = graalpy::install(root, &root.join("target"), pip_source)?;
    let headers = format!("graalpy-{}={}", graalpy::VERSION, installed.hpy_include.display());
    let venv = Venv {
        version: graalpy::VERSION.into(),
        python: installed.python.clone(),
        implementation: Implementation::GraalPy,
    };
    Ok((venv, installed, headers))
}

/// The rows of a runtime that is not tested, one per mode.
fn skipped(summary: &mut Vec<(String, String, String)>, label: String, modes: &[String], why: &str) {
    eprintln!("xtask: {label} is not available: {why}");
    for mode in modes {
        summary.push((label.clone(), mode.clone(), format!("SKIPPED ({why})")));
    }
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let options = parse(args)?;
    let target = root.join("target");
    if options.lint {
        run::checked(cargo(root).args(["fmt", "--all", "--check"]))?;
        run::checked(cargo(root).args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]))?;
        // The CPython-ABI backend too, for the `python3` on PATH.
        run::checked(
            cargo(root)
                .args([
                    "clippy",
                    "-p",
                    "hpy-sys",
                    "-p",
                    "hpy",
                    "--features",
                    "hpy/cpython-abi",
                    "--",
                    "-D",
                    "warnings",
                ])
                .env("PYO3_BUILD_EXTENSION_MODULE", "1"),
        )?;
        // The runtime crates' documentation: no broken or private links.
        let mut doc = cargo(root);
        doc.args(["doc", "--no-deps", "-p", "hpy-sys", "-p", "hpy", "-p", "hpy-macros"]);
        doc.env("RUSTDOCFLAGS", "-D warnings");
        run::checked(&mut doc)?;
    }

    let mut venvs = Vec::new();
    let mut summary: Vec<(String, String, String)> = Vec::new();
    let cpythons: Vec<String> =
        options.versions.iter().filter(|v| *v != PYPY && *v != GRAALPY).cloned().collect();
    let mut interpreters = Vec::new();
    for (version, interpreter) in pythons::discover(&cpythons) {
        match interpreter {
            Some(interpreter) => {
                venvs.push(pythons::prepare(&target.join("hpy-venvs"), &interpreter)?);
                interpreters.push(interpreter);
            }
            None => {
                let abi_mode = options.cpython_abi.then(|| crate::cpython_abi::MODE.to_string());
                for mode in options.modes.iter().cloned().chain(abi_mode) {
                    let skipped = "SKIPPED (no interpreter on this machine)".to_string();
                    summary.push((format!("CPython {version}"), mode, skipped));
                }
            }
        }
    }
    let main_python = match venvs.iter().find(|v| v.version == "3.11").or(venvs.last()) {
        Some(venv) => venv.python.clone(),
        // Only PyPy is tested: a CPython still builds and runs the tools.
        None => tools_python(&target)?,
    };
    let pythons_env: Vec<String> =
        venvs.iter().map(|v| format!("{}={}", v.version, v.python.display())).collect();
    // The layout proofs of the other runtimes: (label, `<layout>=<headers>`).
    let mut runtime_headers: Vec<(String, Option<String>)> = Vec::new();
    if options.versions.iter().any(|v| v == PYPY) {
        let label = format!("PyPy {}", pypy::VERSION);
        match prepare_pypy(&target, &main_python) {
            Ok((venv, headers)) => {
                venvs.push(venv);
                runtime_headers.push((label, Some(headers)));
            }
            Err(why) => {
                skipped(&mut summary, label.clone(), &options.modes, &why);
                runtime_headers.push((label, None));
            }
        }
    }
    let mut graalpy = None;
    if options.versions.iter().any(|v| v == GRAALPY) {
        let label = format!("GraalPy {}", graalpy::VERSION);
        let started = std::time::Instant::now();
        match prepare_graalpy(root, &main_python) {
            Ok((venv, installed, headers)) => {
                venvs.push(venv);
                graalpy = Some(installed);
                runtime_headers.push((label, Some(headers)));
            }
            Err(why) => {
                skipped(&mut summary, label.clone(), &options.modes, &why);
                runtime_headers.push((label, None));
            }
        }
        eprintln!("+ GraalPy prepared in {:.0?}", started.elapsed());
    }

    let mut zig_tests = "not run (--python-only)".to_string();
    let mut book = "not run (--python-only)".to_string();
    if options.cargo_tests {
        let mut test = cargo(root);
        test.args(["test", "--workspace"])
            .env("HPY_PYTHON", &main_python)
            .env("HPY_RS_PYTHONS", pythons_env.join(":"))
            .env("HPY_RS_TOOLS_PYTHON", &main_python);
        let headers: Vec<&str> = runtime_headers.iter().filter_map(|(_, h)| h.as_deref()).collect();
        if headers.is_empty() {
            test.env_remove("HPY_RS_RUNTIME_HEADERS");
        } else {
            test.env("HPY_RS_RUNTIME_HEADERS", headers.join(";"));
        }
        run::checked(&mut test)?;
        for (label, headers) in &runtime_headers {
            let proof = if headers.is_some() { "passed" } else { "SKIPPED (not installed)" };
            summary.push((label.clone(), "layout".into(), format!("{proof} (headers vs hpy-sys)")));
        }
        let env = [
            ("HPY_RS_PYTHONS", pythons_env.join(":")),
            ("HPY_RS_TOOLS_PYTHON", main_python.display().to_string()),
        ];
        zig_tests = crate::zig_tools::run_tests(root, &target, &main_python, &env)?;
        // The guide: its examples ran as doctests above; now the book.
        let started = std::time::Instant::now();
        let index = crate::guide::build(root, &main_python)?;
        book = format!("built in {:.1} s: {}", started.elapsed().as_secs_f64(), index.display());
    }

    let wheels = build_wheels(root, &target.join("hpy-test-wheels"))?;
    let cwd = target.join("hpy-pytest-cwd");
    std::fs::create_dir_all(&cwd).map_err(|e| e.to_string())?;
    let mut failed = false;
    for venv in &venvs {
        let started = std::time::Instant::now();
        match (venv.implementation, &graalpy) {
            // GraalPy's pip is slow: a CPython's pip installs the same files.
            (Implementation::GraalPy, Some(installed)) => {
                graalpy::install_wheels(installed, &main_python, &wheels)?
            }
            _ => {
                // On PyPy with dependencies, as a user installs: the wheels need
                // `hpy` on CPython only (an environment marker), so nothing comes.
                let mut install = Command::new(&venv.python);
                install.args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "--force-reinstall",
                ]);
                if venv.implementation == Implementation::CPython {
                    install.arg("--no-deps");
                }
                run::checked(install.args(&wheels))?;
            }
        }
        // An sdist built into a wheel by PyPy's pip is universal.
        if venv.implementation == Implementation::PyPy && options.modes.iter().any(|m| m == "universal") {
            let result = crate::sdist_pypy::check(root, &venv.python, &target);
            failed |= result.is_err();
            summary.push((venv.label(), "sdist".into(), result.unwrap_or_else(|e| e)));
        }
        // The generated stubs against the installed modules, on one CPython.
        if venv.python == main_python && venv.implementation == Implementation::CPython {
            let result = crate::stubtest::check(root, venv, &wheels, &cwd);
            failed |= result.is_err();
            summary.push((venv.label(), "stubtest".into(), result.unwrap_or_else(|e| e)));
        }
        for (mode, result) in options.modes.iter().zip(pytest_modes(root, venv, &options.modes, &cwd)) {
            failed |= result.is_err();
            let mut row = result.err().unwrap_or_else(|| "passed".into());
            if venv.implementation == Implementation::GraalPy {
                row = format!("{row} ({})", graalpy::describe(&graalpy::selection(mode)));
            }
            summary.push((venv.label(), mode.clone(), row));
        }
        eprintln!("+ [{}] tests/python in {:.0?}", venv.label(), started.elapsed());
    }

    if options.cpython_abi {
        let started = std::time::Instant::now();
        let (rows, abi_failed) = crate::cpython_abi::run(root, &interpreters, &cwd);
        failed |= abi_failed;
        summary.extend(rows);
        let (rows, interop_failed) = crate::interop::run(root, &interpreters, &cwd);
        eprintln!("+ CPython ABI runs in {:.0?}", started.elapsed());
        failed |= interop_failed;
        summary.extend(rows);
    }

    // The conformance map (docs/runtimes.md) and the C reproducers, with
    // the same installed wheels (GraalPy's columns run first: they take
    // longest).
    // (Nothing to check with the CPython-ABI mode alone: it has no HPy modes.)
    if !options.modes.is_empty() {
        let conformance = crate::conformance::check_installed(root, &venvs, &options.modes, &main_python);
        failed |= !conformance.problems.is_empty();
        summary.extend(conformance.rows);
        let (rows, reproduced) = crate::reproducers::check(root, &venvs, &options.modes);
        failed |= !reproduced;
        summary.extend(rows);
    }

    summary.sort_by_key(|(label, ..)| {
        let (name, version) = label.rsplit_once(' ').unwrap_or_default();
        let numbers: Vec<u32> = version.split('.').map(|n| n.parse().unwrap_or(0)).collect();
        (["CPython", "PyPy", "GraalPy"].iter().position(|n| *n == name), numbers)
    });
    eprintln!("\nPython tests (tests/python), one build of {} wheel(s):", wheels.len());
    for (label, mode, result) in &summary {
        eprintln!("  {label:<14} {mode:<10} {result}");
    }
    eprintln!("cargo-hpy wheels for other platforms (manylinux2014, aarch64, musllinux; zig): {zig_tests}");
    eprintln!("the guide's book (mdBook): {book}");
    if failed { Err("some Python tests failed".into()) } else { Ok(()) }
}
