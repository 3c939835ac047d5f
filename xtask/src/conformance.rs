//! `cargo xtask conformance [--check]`: the conformance map of the HPy
//! runtimes (`docs/runtimes.md`).
//!
//! Runs the harness `tests/conformance` (with the test extension
//! `tests/extensions/conformance` installed) on every interpreter available,
//! in each HPy mode: one *column* per interpreter and mode. Without
//! `--check` it writes what it observed to `tests/conformance/observed/`
//! (columns it could not run are kept as checked in) and renders
//! `docs/runtimes.md` from them and `docs/runtimes-notes.toml`. With
//! `--check` it fails when an outcome differs from the checked-in one, when
//! a difference from the reference has no note, or when `docs/runtimes.md`
//! is not what the checked-in observations and notes render to.
//!
//! `cargo xtask test` calls [`check_installed`] once the wheels are
//! installed in its venvs.

use crate::conformance_data::{self as data, Observed, REFERENCE, Stored};
use crate::conformance_doc as doc;
use crate::pythons::{self, Implementation, Venv};
use crate::{graalpy, pypy, run};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

const MODES: &[&str] = &["universal", "debug", "trace"];

/// One column to run: its id, the interpreter, and the one that runs the
/// harness's runner (the same, except for GraalPy: a CPython, which starts
/// in a fraction of a second where GraalPy takes tens of seconds).
struct Target {
    id: String,
    python: PathBuf,
    runner: PathBuf,
    /// Answers not re-run but kept as checked in (see [`keep_crashes`]).
    kept: BTreeMap<String, data::Answer>,
}

/// In the check of `cargo xtask test`, GraalPy's cases that crash it (as
/// checked in) are not run again: each crash costs a new JVM, tens of
/// seconds, and the map has dozens of them. Their answers are kept; every
/// other case is re-run and compared. `cargo xtask conformance` runs all.
fn keep_crashes(root: &Path, targets: &mut [Target]) -> Result<(), String> {
    let stored = data::expand(&data::load_all(root)?);
    for target in targets.iter_mut().filter(|t| t.runner != t.python) {
        if let Some(column) = stored.get(&target.id) {
            target.kept = column
                .cases
                .iter()
                .filter(|(_, a)| a.outcome.starts_with("crash") || a.outcome == "hang")
                .map(|(id, a)| (id.clone(), a.clone()))
                .collect();
        }
    }
    Ok(())
}

fn targets(venvs: &[Venv], modes: &[String], tools: &Path) -> Vec<Target> {
    let mut targets = Vec::new();
    for venv in venvs {
        for mode in modes {
            let runner =
                if venv.implementation == Implementation::GraalPy { tools } else { venv.python.as_path() };
            targets.push(Target {
                id: data::column_id(venv.implementation.id(), &venv.version, mode),
                python: venv.python.clone(),
                runner: runner.to_path_buf(),
                kept: BTreeMap::new(),
            });
        }
    }
    // The slowest first (GraalPy's), so that the others run beside them.
    targets.sort_by_key(|t| t.runner == t.python);
    targets.reverse();
    targets
}

/// Runs the harness for every target, two at a time.
fn observe(root: &Path, targets: Vec<Target>) -> Result<BTreeMap<String, Observed>, String> {
    let out = root.join("target").join("conformance");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let queue = Mutex::new(targets);
    let results = Mutex::new(BTreeMap::new());
    let errors = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let Some(target) = queue.lock().expect("no panics hold the lock").pop() else { break };
                    match observe_one(root, &out, &target) {
                        Ok(observed) => {
                            results.lock().expect("no panics hold the lock").insert(target.id, observed);
                        }
                        Err(e) => errors.lock().expect("no panics hold the lock").push(e),
                    }
                }
            });
        }
    });
    let errors = errors.into_inner().expect("no panics hold the lock");
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    Ok(results.into_inner().expect("no panics hold the lock"))
}

fn observe_one(root: &Path, out: &Path, target: &Target) -> Result<Observed, String> {
    let json = out.join(format!("{}.json", target.id));
    let log = out.join(format!("{}.log", target.id));
    let mode = data::mode_of(&target.id);
    let mut command = Command::new(&target.runner);
    command
        .arg(root.join("tests/conformance/runner.py"))
        .arg("--python")
        .arg(&target.python)
        .args(["--mode", mode, "--out"])
        .arg(&json);
    if !target.kept.is_empty() {
        let skip = out.join(format!("{}.skip.json", target.id));
        let ids: Vec<&String> = target.kept.keys().collect();
        let text = serde_json::to_string(&ids).expect("strings serialize");
        std::fs::write(&skip, text).map_err(|e| format!("{}: {e}", skip.display()))?;
        command.arg("--skip").arg(&skip);
    }
    let started = std::time::Instant::now();
    let status = command
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?)
        .status()
        .map_err(|e| format!("{}: cannot run the harness: {e}", target.id))?;
    let tail = std::fs::read_to_string(&log).unwrap_or_default();
    let kept = if target.kept.is_empty() {
        String::new()
    } else {
        format!(" (+ {} crashing cases kept as checked in, not re-run)", target.kept.len())
    };
    eprintln!(
        "+ [{}] conformance in {:.0?}: {}{kept}",
        data::column_label(&target.id),
        started.elapsed(),
        tail.lines().last().unwrap_or("").trim()
    );
    if !status.success() {
        return Err(format!("{}: the harness failed ({status}):\n{tail}", target.id));
    }
    let mut observed = data::from_runner(&json)?;
    observed.cases.extend(target.kept.clone());
    Ok(observed)
}

/// Context members in table order, for the document.
fn member_order(root: &Path) -> Result<Vec<String>, String> {
    let abi = crate::abi::load(root)?;
    let mut order: Vec<String> = abi
        .context
        .iter()
        .map(|m| match m {
            crate::abi::Member::Function { public_name, .. } => public_name.clone(),
            crate::abi::Member::Handle { .. } => m.c_field(),
        })
        .collect();
    order.push("(context)".into());
    Ok(order)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn write(root: &Path, path: &Path, text: &str) -> Result<(), String> {
    if read(path) != text {
        std::fs::create_dir_all(path.parent().expect("files live in folders")).map_err(|e| e.to_string())?;
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("wrote {}", path.strip_prefix(root).unwrap_or(path).display());
    }
    Ok(())
}

/// What a run found, per column: (label, mode, result) rows for a summary,
/// and the problems that make it fail.
pub struct Report {
    pub rows: Vec<(String, String, String)>,
    pub problems: Vec<String>,
}

/// Compares (check) or records (write) the fresh observations.
fn finish(root: &Path, fresh: BTreeMap<String, Observed>, check: bool) -> Result<Report, String> {
    let stored = data::load_all(root)?;
    let stored_reference = stored.get(REFERENCE);
    let stored_full = data::expand(&stored);
    let notes = doc::parse_notes(&read(&root.join(doc::NOTES)))?;
    let order = member_order(root)?;
    let mut report = Report { rows: Vec::new(), problems: Vec::new() };

    for id in doc::ordered(
        stored.keys().chain(fresh.keys()).cloned().collect::<std::collections::BTreeSet<_>>().into_iter(),
    ) {
        let (runtime, mode) = (data::runtime_label(&id), data::mode_of(&id).to_string());
        let Some(observed) = fresh.get(&id) else {
            let stale = match (stored.get(&id), stored_reference) {
                (Some(s), Some(r)) if s.fingerprint != r.fingerprint => " (run with another case list)",
                _ => "",
            };
            let kept =
                format!("conformance: not re-checked in this run (kept from the checked-in file){stale}");
            report.rows.push((runtime, mode, kept));
            continue;
        };
        let Some(before) = stored_full.get(&id) else {
            if check {
                report.problems.push(format!("{}: no checked-in observations", data::column_label(&id)));
            }
            report.rows.push((runtime, mode, "conformance: new column (not checked in)".into()));
            continue;
        };
        let changed: Vec<String> = observed
            .cases
            .keys()
            .chain(before.cases.keys())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .filter(|case| {
                observed.cases.get(*case).map(|a| &a.outcome) != before.cases.get(*case).map(|a| &a.outcome)
            })
            .map(|case| {
                let show = |o: &Observed| {
                    o.cases.get(case).map_or("(no such case)".to_string(), |a| a.outcome.clone())
                };
                format!("  {case}: checked in `{}`, observed `{}`", show(before), show(observed))
            })
            .collect();
        let messages = observed
            .cases
            .iter()
            .filter(|(c, a)| {
                before.cases.get(*c).is_some_and(|b| b.outcome == a.outcome && b.message != a.message)
            })
            .count();
        let result = match (changed.len(), messages) {
            (0, 0) => "same as checked in".to_string(),
            (0, m) => format!("same outcomes ({m} message(s) changed)"),
            (n, _) => format!("{n} outcome(s) CHANGED"),
        };
        if check && !changed.is_empty() {
            report.problems.push(format!("{}:\n{}", data::column_label(&id), changed.join("\n")));
        }
        report.rows.push((runtime, mode, format!("conformance: {result}")));
    }

    if check {
        report.problems.extend(checked_in_problems(root)?);
        return Ok(report);
    }

    // Write: fresh columns as observed, the others kept (diffed anew against
    // the reference, their answers unchanged).
    let mut columns = stored_full.clone();
    columns.extend(fresh);
    let reference = columns
        .get(REFERENCE)
        .cloned()
        .ok_or("no observations of the reference column (CPython 3.11 universal)")?;
    for (id, observed) in &columns {
        let stored =
            if id == REFERENCE { Stored::of(observed, None) } else { Stored::of(observed, Some(&reference)) };
        write(root, &data::stored_path(root, id), &stored.render(id))?;
    }
    write(root, &root.join(doc::DOC), &doc::render(&columns, &notes, &order, &doc::appendix(root)?))?;
    let missing = doc::missing_notes(&columns, &notes);
    if !missing.is_empty() {
        report.problems.push(format!("write a note in {} for {}", doc::NOTES, missing.join(", ")));
    }
    Ok(report)
}

/// `--render`: rewrites `docs/runtimes.md` from the checked-in
/// observations and notes, running no interpreter (after editing notes).
fn render_stored(root: &Path) -> Result<(), String> {
    let columns = data::expand(&data::load_all(root)?);
    let notes = doc::parse_notes(&read(&root.join(doc::NOTES)))?;
    let text = doc::render(&columns, &notes, &member_order(root)?, &doc::appendix(root)?);
    write(root, &root.join(doc::DOC), &text)
}

/// What is wrong with the checked-in files alone: differences without a
/// note, and a `docs/runtimes.md` that is not what they render to.
fn checked_in_problems(root: &Path) -> Result<Vec<String>, String> {
    let columns = data::expand(&data::load_all(root)?);
    let notes = doc::parse_notes(&read(&root.join(doc::NOTES)))?;
    let mut problems = Vec::new();
    let missing = doc::missing_notes(&columns, &notes);
    if !missing.is_empty() {
        problems.push(format!("{}: no note for {}", doc::NOTES, missing.join(", ")));
    }
    if read(&root.join(doc::DOC))
        != doc::render(&columns, &notes, &member_order(root)?, &doc::appendix(root)?)
    {
        problems.push(format!("{} is not what the checked-in observations render to", doc::DOC));
    }
    Ok(problems)
}

fn print(report: &Report) {
    eprintln!("\nConformance map ({}):", doc::DOC);
    for (runtime, mode, result) in &report.rows {
        eprintln!("  {runtime:<14} {mode:<10} {result}");
    }
    for problem in &report.problems {
        eprintln!("xtask: {problem}");
    }
}

/// The check `cargo xtask test` runs: `venvs` have the test wheels
/// installed; `tools` is a CPython.
pub fn check_installed(root: &Path, venvs: &[Venv], modes: &[String], tools: &Path) -> Report {
    let mut targets = targets(venvs, modes, tools);
    let result = keep_crashes(root, &mut targets).and_then(|()| {
        let kept: Vec<(String, usize)> = targets.iter().map(|t| (t.id.clone(), t.kept.len())).collect();
        let mut report = finish(root, observe(root, targets)?, true)?;
        for (id, n) in kept.into_iter().filter(|(_, n)| *n > 0) {
            let row = report.rows.iter_mut().find(|(runtime, mode, _)| {
                *runtime == data::runtime_label(&id) && mode == data::mode_of(&id)
            });
            if let Some((_, _, text)) = row {
                text.push_str(&format!(" ({n} crashing cases not re-run)"));
            }
        }
        Ok(report)
    });
    let report = result.unwrap_or_else(|e| Report { rows: Vec::new(), problems: vec![e] });
    for problem in &report.problems {
        eprintln!("xtask: conformance: {problem}");
    }
    report
}

/// `cargo xtask conformance [--check] [--python 3.X|pypy|graalpy]... [--mode MODE]...`
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let mut check = false;
    let (mut versions, mut modes) = (Vec::new(), Vec::new());
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--render" => return render_stored(root),
            "--check" => check = true,
            "--python" => versions.push(iter.next().ok_or("--python needs a version")?.clone()),
            "--mode" => modes.push(iter.next().ok_or("--mode needs a mode")?.clone()),
            other => return Err(format!("unknown option `{other}`\n\n{}", crate::USAGE)),
        }
    }
    if versions.is_empty() {
        versions = pythons::VERSIONS
            .iter()
            .map(|v| v.to_string())
            .chain(["pypy".to_string(), "graalpy".to_string()])
            .collect();
    }
    if modes.is_empty() {
        modes = MODES.iter().map(|m| m.to_string()).collect();
    }
    let target = root.join("target");
    let mut venvs = Vec::new();
    let cpythons: Vec<String> =
        versions.iter().filter(|v| !matches!(v.as_str(), "pypy" | "graalpy")).cloned().collect();
    for (_, interpreter) in pythons::discover(&cpythons) {
        if let Some(interpreter) = interpreter {
            venvs.push(pythons::prepare(&target.join("hpy-venvs"), &interpreter)?);
        }
    }
    let tools = venvs.last().map(|v| v.python.clone());
    let tools = || tools.clone().ok_or("PyPy and GraalPy need a CPython 3.8-3.12 for pip");
    if versions.iter().any(|v| v == "pypy") {
        match pypy::install(&target, &tools()?) {
            Ok(p) => venvs.push(Venv {
                version: pypy::VERSION.into(),
                python: p.python,
                implementation: Implementation::PyPy,
            }),
            Err(why) => eprintln!("xtask: PyPy {} is not available: {why}", pypy::VERSION),
        }
    }
    let mut graalpy = None;
    if versions.iter().any(|v| v == "graalpy") {
        match graalpy::install(root, &target, &tools()?) {
            Ok(g) => {
                venvs.push(Venv {
                    version: graalpy::VERSION.into(),
                    python: g.python.clone(),
                    implementation: Implementation::GraalPy,
                });
                graalpy = Some(g);
            }
            Err(why) => eprintln!("xtask: GraalPy {} is not available: {why}", graalpy::VERSION),
        }
    }
    let wheels = target.join("conformance").join("wheel");
    let _ = std::fs::remove_dir_all(&wheels);
    let stdout = run::output(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(root)
            .args(["run", "--quiet", "--package", "cargo-hpy", "--", "hpy", "build", "--manifest-path"])
            .arg(root.join("tests/extensions/conformance/Cargo.toml"))
            .arg("--out")
            .arg(&wheels),
    )?;
    let wheel = stdout
        .lines()
        .last()
        .map(|l| PathBuf::from(l.trim()))
        .filter(|p| p.is_file())
        .ok_or("cargo hpy build printed no wheel")?;
    for venv in &venvs {
        if let (Implementation::GraalPy, Some(g)) = (venv.implementation, &graalpy) {
            graalpy::install_wheels(g, &tools()?, std::slice::from_ref(&wheel))?;
            continue;
        }
        let mut install = Command::new(&venv.python);
        install.args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--force-reinstall"]);
        if venv.implementation == Implementation::CPython {
            install.arg("--no-deps");
        }
        run::checked(install.arg(&wheel))?;
    }
    let fresh = observe(root, targets(&venvs, &modes, &tools()?))?;
    let report = finish(root, fresh, check)?;
    print(&report);
    if report.problems.is_empty() {
        Ok(())
    } else {
        Err("the conformance map needs attention (see above)".into())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_checked_in_map_is_current_and_explained() {
        let problems = super::checked_in_problems(&crate::workspace_root()).unwrap();
        assert!(problems.is_empty(), "run `cargo xtask conformance`: {problems:?}");
    }
}
