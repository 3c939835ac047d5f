//! Ships the `.pyi` stub generated from the module's stub records (`stub_section.rs`,
//! `pyi.rs`), unless a hand-written one exists or stubs are turned off:
//!
//! - a top-level module `demo` gets the stub-only package `demo-stubs/__init__.pyi` (type
//!   checkers ignore a top-level `demo.pyi` in site-packages; PEP 561);
//! - a module inside a package, `pkg._native`, gets `pkg/_native.pyi` and, when the package
//!   has none, `pkg/py.typed`. In an editable install whose package lives in python-source,
//!   both are written there, next to the module's binary.

use std::path::Path;

use anyhow::Result;

use crate::layout::Layout;
use crate::pyi::{self, MARKER};
use crate::stub_section;
use crate::wheel::Wheel;

/// Whether `file` is a `.pyi` that cargo-hpy generated (and may replace).
pub fn is_generated(file: &Path) -> bool {
    fs_err::read_to_string(file).is_ok_and(|text| text.starts_with(MARKER))
}

/// Adds the generated stub of the module in `library` to `wheel` (or to python-source, for an
/// editable install of a module in a source package).
pub fn ship(
    wheel: &mut Wheel,
    layout: &Layout,
    project_root: &Path,
    library: &[u8],
    editable: bool,
) -> Result<()> {
    if layout.type_stub(project_root).is_some() {
        return Ok(()); // a hand-written `<module>.pyi` wins
    }
    let Some(stub) = stub_section::read(library, layout.short_name())? else { return Ok(()) };
    let text = pyi::render(&stub).into_bytes();
    let Some((package, _)) = layout.module.split_once('.') else {
        return wheel.add(&format!("{}-stubs/__init__.pyi", layout.module), text, false);
    };
    let path = layout.pyi_path();
    let source = layout.python_source.as_deref().filter(|source| source.join(package).is_dir());
    if let Some(source) = source {
        let file = source.join(&path);
        if file.is_file() && !is_generated(&file) {
            return Ok(()); // a hand-written `.pyi` in the package wins
        }
        let has_marker = source.join(package).join("py.typed").is_file();
        if editable {
            write_if_changed(&file, &text)?;
            if !has_marker {
                fs_err::write(source.join(package).join("py.typed"), b"")?;
            }
            return Ok(());
        }
        if has_marker {
            return wheel.add(&path, text, false);
        }
    }
    wheel.add(&path, text, false)?;
    wheel.add(&format!("{package}/py.typed"), Vec::new(), false)
}

/// Writes `data` to `path` unless it already holds exactly that (keeps mtimes stable).
fn write_if_changed(path: &Path, data: &[u8]) -> Result<()> {
    if fs_err::read(path).ok().as_deref() != Some(data) {
        fs_err::write(path, data)?;
    }
    Ok(())
}
