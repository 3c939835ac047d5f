//! cargo-hpy's cross-platform tests (`cargo-hpy/tests/zig.rs`: manylinux2014, aarch64 and
//! musllinux wheels): their tools are installed here, under `target/zig-tools` (kept between
//! runs), then the tests run. When a tool cannot be had, the tests are reported SKIPPED.
//!
//! - cargo-zigbuild and zig, from PyPI (`cargo-zigbuild` and `ziglang`: prebuilt, so this
//!   takes seconds where `cargo install cargo-zigbuild` compiles for minutes), in a
//!   virtualenv that cargo-zigbuild also runs zig from;
//! - the Rust standard libraries of the targets the tests build for (`rustup target add`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run;

const CARGO_ZIGBUILD: &str = "0.24.1";
const ZIGLANG: &str = "0.17.1";
const TARGETS: &[&str] = &["aarch64-unknown-linux-gnu", "x86_64-unknown-linux-musl"];

/// Installs the tools, then runs the tests with `env` (the Python harness variables).
/// Returns the summary line: passed, or SKIPPED with the reason; an error if a test fails.
pub fn run_tests(
    root: &Path,
    target: &Path,
    python: &Path,
    env: &[(&str, String)],
) -> Result<String, String> {
    let tools = match install(target, python) {
        Ok(tools) => tools,
        Err(reason) => return Ok(format!("SKIPPED ({reason})")),
    };
    let mut test = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    test.current_dir(root).args(["test", "-p", "cargo-hpy", "--test", "zig", "--", "--ignored"]);
    test.envs(tools.iter().map(|(k, v)| (k, v))).envs(env.iter().map(|(k, v)| (k, v)));
    run::checked(&mut test)?;
    Ok("passed".to_string())
}

/// The environment that points cargo-hpy at the tools, or why they cannot be had.
fn install(target: &Path, python: &Path) -> Result<Vec<(&'static str, PathBuf)>, String> {
    let venv = target.join("zig-tools/venv");
    let venv_python = venv.join("bin/python");
    let zigbuild = venv.join("bin/cargo-zigbuild");
    let ready = || {
        let code = format!(
            "import importlib.metadata as m; assert m.version('ziglang') == '{ZIGLANG}'; \
             assert m.version('cargo-zigbuild') == '{CARGO_ZIGBUILD}'"
        );
        Command::new(&venv_python).args(["-c", &code]).output().is_ok_and(|o| o.status.success())
    };
    if !ready() {
        run::checked(Command::new(python).args(["-m", "venv", "--clear"]).arg(&venv))?;
        run::checked(
            Command::new(&venv_python)
                .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"])
                .arg(format!("ziglang=={ZIGLANG}"))
                .arg(format!("cargo-zigbuild=={CARGO_ZIGBUILD}")),
        )
        .map_err(|e| format!("cannot install zig and cargo-zigbuild from PyPI: {e}"))?;
    }
    run::checked(Command::new("rustup").args(["target", "add"]).args(TARGETS))
        .map_err(|e| format!("cannot add the Rust targets {}: {e}", TARGETS.join(", ")))?;
    Ok(vec![("CARGO_ZIGBUILD", zigbuild), ("CARGO_ZIGBUILD_PYTHON_PATH", venv_python)])
}
