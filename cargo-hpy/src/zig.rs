//! Building with `cargo-zigbuild`, which links with `zig cc`: against an older glibc than
//! the build machine's (`x86_64-unknown-linux-gnu.2.17`), or for another architecture or musl
//! without a cross toolchain.
//!
//! cargo-zigbuild is a program (`pip install cargo-zigbuild`, or `cargo install cargo-zigbuild`)
//! and finds zig itself: `zig`
//! on `PATH` or `$CARGO_ZIGBUILD_ZIG_PATH`, else the `ziglang` package of `python3`
//! (`pip install ziglang`) or of `$CARGO_ZIGBUILD_PYTHON_PATH`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Result, bail};

/// The `cargo-zigbuild` program, after checking that zig can be found; `why` says what
/// needs it in the errors (`--compatibility manylinux2014`, ...).
pub fn cargo_zigbuild(why: &str) -> Result<PathBuf> {
    const INSTALL: &str = "install both with\n\n    pip install ziglang cargo-zigbuild\n\n(prebuilt), or with \
                           `cargo install cargo-zigbuild` and `pip install ziglang`";
    let program = match std::env::var_os("CARGO_ZIGBUILD") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => match find_on_path("cargo-zigbuild") {
            Some(path) => path,
            None => bail!(
                "{why} builds with cargo-zigbuild and zig, and cargo-zigbuild was not found on PATH: {INSTALL}\n\
                 (or set CARGO_ZIGBUILD to the cargo-zigbuild program)"
            ),
        },
    };
    if !zig_found() {
        bail!(
            "{why} builds with cargo-zigbuild and zig, and zig was not found (neither `zig` on PATH nor \
             the `ziglang` package of python3): {INSTALL}\n(or set CARGO_ZIGBUILD_ZIG_PATH to the zig program, \
             or CARGO_ZIGBUILD_PYTHON_PATH to a Python that has ziglang)"
        );
    }
    Ok(program)
}

/// Whether cargo-zigbuild will find zig, as it looks for it.
fn zig_found() -> bool {
    if std::env::var_os("CARGO_ZIGBUILD_ZIG_PATH").is_some() || find_on_path("zig").is_some() {
        return true;
    }
    let python = std::env::var_os("CARGO_ZIGBUILD_PYTHON_PATH").unwrap_or_else(|| "python3".into());
    Command::new(python)
        .args(["-c", "import ziglang"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The first file named `name` in the folders of `PATH`.
pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| is_executable_file(p))
}

fn is_executable_file(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}
