//! `cargo xtask example`: builds `examples/hello` into a wheel, installs it
//! into a venv with the `hpy` package and calls it from Python in the three
//! HPy modes.

use crate::{pythons, run};
use std::path::{Path, PathBuf};
use std::process::Command;

const SCRIPT: &str = r#"
import hello, inspect
print(f"loaded in: {hello.context_name()}")
print(hello.greet("World"), "|", hello.greet("HPy", greeting="Bonjour"))
print("add(2, 40) =", hello.add(2, 40), "| inspect.signature(add):", inspect.signature(hello.add))
print("word_counts:", hello.word_counts("to be or not to be"))
try:
    hello.boom("a Rust panic")
except hello.PanicException as e:
    print("caught PanicException:", e)
try:
    hello.greet(42)
except TypeError as e:
    print("caught TypeError:", e)
"#;

pub fn run(root: &Path) -> Result<(), String> {
    let wanted: Vec<String> = ["3.11", "3.12", "3.10", "3.9", "3.8"].iter().map(|v| v.to_string()).collect();
    let interpreter = pythons::discover(&wanted)
        .into_iter()
        .find_map(|(_, found)| found)
        .ok_or("no CPython 3.8-3.12 found on this machine")?;
    let venv = pythons::prepare(&root.join("target").join("hpy-venvs"), &interpreter)?;
    let out = root.join("target").join("hpy-example");
    let stdout = run::output(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(root)
            .args(["run", "--quiet", "--package", "cargo-hpy", "--", "hpy", "build", "--manifest-path"])
            .arg(root.join("examples/hello/Cargo.toml"))
            .arg("--out")
            .arg(&out),
    )?;
    let wheel = stdout.lines().last().map(|l| PathBuf::from(l.trim())).filter(|p| p.is_file());
    let wheel = wheel.ok_or("cargo hpy build printed no wheel path")?;
    run::checked(
        Command::new(&venv.python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--force-reinstall",
                "--no-deps",
            ])
            .arg(&wheel),
    )?;
    for mode in ["universal", "debug", "trace"] {
        eprintln!("\n== CPython {} with HPY={mode}", venv.version);
        run::checked(Command::new(&venv.python).args(["-c", SCRIPT]).env("HPY", mode).current_dir(&out))?;
    }
    Ok(())
}
