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
use crate::pythons::{self, Venv};
use crate::{pypy, run};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

const MODES: &[&str] = &["universal", "debug", "trace"];

/// One column to run: its id and the interpreter.
struct Target {
    id: String,
    python: PathBuf,
}

fn targets(venvs: &[Venv], modes: &[String]) -> Vec<Target> {
    let mut targets = Vec::new();
    for venv in venvs {
        let implementation = if venv.pypy { "pypy" } else { "cpython" };
        for mode in modes {
            targets.push(Target {
                id: data::column_id(implementation, &venv.version, mode),
                python: venv.python.clone(),
            });
        }
    }
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
    let status = Command::new(&target.python)
        .arg(root.join("tests/conformance/runner.py"))
        .arg("--python")
        .arg(&target.python)
        .args(["--mode", mode, "--out"])
        .arg(&json)
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?)
        .status()
        .map_err(|e| format!("{}: cannot run the harness: {e}", target.id))?;
    let tail = std::fs::read_to_string(&log).unwrap_or_default();
    eprintln!(
        "+ [{}] conformance: {}",
        data::column_label(&target.id),
        tail.lines().last().unwrap_or("").trim()
    );
    if !status.success() {
        return Err(format!("{}: the harness failed ({status}):\n{tail}", target.id));
    }
    data::from_runner(&json)
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
    let stored_full: BTreeMap<String, Observed> = stored
        .iter()
        .map(|(id, s)| (id.clone(), s.full(if id == REFERENCE { None } else { stored_reference })))
        .collect();
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
    let stored = data::load_all(root)?;
    let reference = stored.get(REFERENCE);
    let columns: BTreeMap<String, Observed> = stored
        .iter()
        .map(|(id, s)| (id.clone(), s.full(if id == REFERENCE { None } else { reference })))
        .collect();
    let notes = doc::parse_notes(&read(&root.join(doc::NOTES)))?;
    let text = doc::render(&columns, &notes, &member_order(root)?, &doc::appendix(root)?);
    write(root, &root.join(doc::DOC), &text)
}

/// What is wrong with the checked-in files alone: differences without a
/// note, and a `docs/runtimes.md` that is not what they render to.
fn checked_in_problems(root: &Path) -> Result<Vec<String>, String> {
    let stored = data::load_all(root)?;
    let reference = stored.get(REFERENCE);
    let columns: BTreeMap<String, Observed> = stored
        .iter()
        .map(|(id, s)| (id.clone(), s.full(if id == REFERENCE { None } else { reference })))
        .collect();
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

/// The check `cargo xtask test` runs: `venvs` have the test wheels installed.
pub fn check_installed(root: &Path, venvs: &[Venv], modes: &[String]) -> Report {
    let result = observe(root, targets(venvs, modes)).and_then(|fresh| finish(root, fresh, true));
    let report = result.unwrap_or_else(|e| Report { rows: Vec::new(), problems: vec![e] });
    for problem in &report.problems {
        eprintln!("xtask: conformance: {problem}");
    }
    report
}

/// `cargo xtask conformance [--check] [--python 3.X|pypy]... [--mode MODE]...`
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
        versions = pythons::VERSIONS.iter().map(|v| v.to_string()).chain(["pypy".to_string()]).collect();
    }
    if modes.is_empty() {
        modes = MODES.iter().map(|m| m.to_string()).collect();
    }
    let target = root.join("target");
    let mut venvs = Vec::new();
    let cpythons: Vec<String> = versions.iter().filter(|v| *v != "pypy").cloned().collect();
    for (_, interpreter) in pythons::discover(&cpythons) {
        if let Some(interpreter) = interpreter {
            venvs.push(pythons::prepare(&target.join("hpy-venvs"), &interpreter)?);
        }
    }
    if versions.iter().any(|v| v == "pypy") {
        let tools = match venvs.last() {
            Some(v) => v.python.clone(),
            None => return Err("PyPy needs a CPython 3.8-3.12 for pip's download".into()),
        };
        match pypy::install(&target, &tools) {
            Ok(p) => venvs.push(Venv { version: pypy::VERSION.into(), python: p.python, pypy: true }),
            Err(why) => eprintln!("xtask: PyPy {} is not available: {why}", pypy::VERSION),
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
        let mut install = Command::new(&venv.python);
        install.args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--force-reinstall"]);
        if !venv.pypy {
            install.arg("--no-deps");
        }
        run::checked(install.arg(&wheel))?;
    }
    let fresh = observe(root, targets(&venvs, &modes))?;
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
