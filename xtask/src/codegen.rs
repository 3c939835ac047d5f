//! `cargo xtask codegen [--check]`: regenerates every file derived from the
//! ABI table, or checks that the checked-in copies are current. (`main`
//! then rewrites the coverage table, which depends on the generated sources.)

use crate::{
    abi, gen_conformance, gen_cpython, gen_hpy, gen_number, gen_probe, gen_shells, gen_sys, gen_trampolines,
    layout,
};
use std::path::{Path, PathBuf};

/// Every generated file, as (path relative to the workspace root, contents).
pub fn outputs(root: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let abi = abi::load(root)?;
    let layouts = layout::all(root, &abi)?;
    if let Some((handle, _)) =
        layout::moved(&abi, &layouts).iter().find(|(m, _)| matches!(m, abi::Member::Handle { .. }))
    {
        return Err(format!(
            "`{}` is not in the same slot in every layout: only functions are routed at run time",
            handle.c_field()
        ));
    }
    let mut files = vec![
        (root.join("hpy-sys/src/generated/abi.rs"), rustfmt(root, gen_sys::abi_rs(&abi, &layouts))?),
        (root.join("hpy-sys/src/generated/api.rs"), rustfmt(root, gen_sys::api_rs(&abi, &layouts))?),
        (
            root.join("hpy-sys/src/generated/cpython_api.rs"),
            rustfmt(root, gen_cpython::cpython_api_rs(&abi))?,
        ),
        (root.join("hpy-sys/src/generated/layouts.rs"), rustfmt(root, gen_sys::layouts_rs(&abi, &layouts))?),
        (root.join("hpy/src/generated/constants.rs"), rustfmt(root, gen_hpy::constants_rs(&abi))?),
        (root.join("hpy/src/generated/exceptions.rs"), rustfmt(root, gen_hpy::exceptions_rs(&abi))?),
        (root.join("hpy/src/generated/number.rs"), rustfmt(root, gen_number::number_rs(&abi))?),
        (
            root.join("hpy/src/generated/trampolines.rs"),
            rustfmt(root, gen_trampolines::trampolines_rs(&abi))?,
        ),
        (root.join("hpy/src/generated/shells.rs"), rustfmt(root, gen_shells::shells_rs(&abi))?),
        (root.join("tests/abi-layout/generated/probe.c"), gen_probe::probe_c(&abi)),
        (
            root.join("tests/extensions/conformance/src/generated/members.rs"),
            rustfmt(root, gen_conformance::members_rs(&abi))?,
        ),
        (root.join("tests/abi-layout/generated/layout.rs"), rustfmt(root, gen_probe::layout_rs(&abi))?),
    ];
    for l in &layouts[1..] {
        let stem = l.name.replace(['-', '.'], "_");
        files.push((
            root.join(format!("tests/abi-layout/generated/context_{stem}.c")),
            gen_probe::context_c(l),
        ));
    }
    Ok(files)
}

/// Formats Rust source with the workspace's `rustfmt.toml`, so that the
/// generated files pass `cargo fmt --check`.
fn rustfmt(root: &Path, source: String) -> Result<String, String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("rustfmt")
        .args(["--emit", "stdout", "--config-path"])
        .arg(root.join("rustfmt.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let writer = std::thread::spawn(move || stdin.write_all(source.as_bytes()));
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    writer.join().expect("the writer thread does not panic").map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!("rustfmt failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    String::from_utf8(out.stdout).map_err(|e| e.to_string())
}

/// Paths whose checked-in contents differ from what the table generates.
pub fn stale(root: &Path) -> Result<Vec<PathBuf>, String> {
    Ok(outputs(root)?
        .into_iter()
        .filter(|(path, text)| std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()))
        .map(|(path, _)| path)
        .collect())
}

pub fn run(root: &Path, check: bool) -> Result<(), String> {
    if check {
        let stale = stale(root)?;
        if stale.is_empty() {
            return Ok(());
        }
        let names: Vec<String> = stale.iter().map(|p| p.display().to_string()).collect();
        return Err(format!("out of date, run `cargo xtask codegen`: {}", names.join(", ")));
    }
    for (path, text) in outputs(root)? {
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::create_dir_all(path.parent().expect("generated files live in a folder"))
                .map_err(|e| e.to_string())?;
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            println!("wrote {}", path.strip_prefix(root).unwrap_or(&path).display());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_files_are_current() {
        let stale = super::stale(&crate::workspace_root()).unwrap();
        assert!(stale.is_empty(), "run `cargo xtask codegen`; stale: {stale:?}");
    }
}
