//! The sdist round trip on PyPy, in `cargo xtask test`: `pip wheel` of
//! `examples/hello`'s sdist, with PyPy's pip and cargo-hpy's PEP 517
//! backend, must give the universal wheel (`py3-none`), since the backend's
//! `auto` ABI is the CPython ABI on CPython only. (cargo-hpy's own tests do
//! the CPython side.)

use crate::run;
use std::path::Path;
use std::process::Command;

fn cargo_hpy(root: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root).args(["run", "--quiet", "--package", "cargo-hpy", "--", "hpy"]);
    command
}

/// The round trip with PyPy's `python`, in a fresh folder under `scratch`;
/// the row for the summary.
pub fn check(root: &Path, python: &Path, scratch: &Path) -> Result<String, String> {
    let dir = scratch.join("sdist-pypy");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let (sdists, backend, wheels) = (dir.join("sdist"), dir.join("backend"), dir.join("wheels"));
    run::checked(
        cargo_hpy(root)
            .args(["sdist", "--quiet", "--manifest-path"])
            .arg(root.join("examples/hello/Cargo.toml"))
            .arg("--out")
            .arg(&sdists),
    )?;
    run::checked(cargo_hpy(root).args(["backend-wheel", "--out"]).arg(&backend))?;
    let sdist = only_file(&sdists)?;
    run::checked(
        Command::new(python)
            .args(["-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps", "-w"])
            .arg(&wheels)
            .arg(&sdist)
            .env("PIP_FIND_LINKS", &backend)
            .env_remove("CARGO_TARGET_DIR")
            .current_dir(&dir),
    )
    .map_err(|e| format!("FAILED (pip wheel of the sdist: {e})"))?;
    let wheel = only_file(&wheels)?;
    let name = wheel.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
    if !name.contains("-py3-none-") {
        return Err(format!("FAILED (the sdist gave {name}, not a universal py3-none wheel)"));
    }
    Ok(format!("passed (pip wheel of the hello sdist: {name})"))
}

/// The one file in `dir`.
fn only_file(dir: &Path) -> Result<std::path::PathBuf, String> {
    let files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    match files.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!("FAILED ({} files in {}, expected one)", files.len(), dir.display())),
    }
}
