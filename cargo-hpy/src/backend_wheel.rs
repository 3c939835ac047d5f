//! `cargo hpy backend-wheel`: the wheel of the PEP 517 backend, `cargo-hpy` on the Python
//! side: the hooks of `python/cargo_hpy` plus this very program, so that
//! `build-backend = "cargo_hpy"` works in pip's isolated build environments.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::elf::SharedLibrary;
use crate::manylinux::platform_tags;
use crate::timestamp::source_date_epoch;
use crate::wheel::Wheel;
use crate::wheel::metadata::CoreMetadata;
use crate::wheel::tags::WheelTags;

const INIT: &str = include_str!("../python/cargo_hpy/__init__.py");
const MAIN: &str = include_str!("../python/cargo_hpy/__main__.py");

/// Writes the backend's wheel into `out` and returns its path.
pub fn run(out: &Path) -> Result<PathBuf> {
    let program = std::env::current_exe().context("cannot find the running cargo-hpy program")?;
    let binary = fs_err::read(&program)?;
    let library =
        SharedLibrary::parse(&binary).with_context(|| format!("cannot read {}", program.display()))?;
    let tags = WheelTags::universal(platform_tags(&library)?);
    let metadata = CoreMetadata {
        name: "cargo-hpy".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        summary: Some("PEP 517 build backend for universal HPy extension modules written in Rust".into()),
        license_expression: Some(env!("CARGO_PKG_LICENSE").into()),
        requires_python: Some(">=3.8".into()),
        project_urls: vec![("Repository".into(), env!("CARGO_PKG_REPOSITORY").into())],
        ..CoreMetadata::default()
    };
    let mut wheel = Wheel::new(metadata, tags);
    wheel.add("cargo_hpy/__init__.py", INIT.as_bytes().to_vec(), false)?;
    wheel.add("cargo_hpy/__main__.py", MAIN.as_bytes().to_vec(), false)?;
    wheel.add("cargo_hpy/bin/cargo-hpy", binary, true)?;
    wheel.entry_points = Some("[console_scripts]\ncargo-hpy = cargo_hpy.__main__:main\n".into());
    wheel.write(out, source_date_epoch()?)
}
