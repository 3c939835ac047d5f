//! The HPy runtime the module runs on.
//!
//! One universal binary runs on CPython (through the `hpy` package), on
//! PyPy and on GraalPy, whose built-in HPy differ: PyPy's context has another
//! layout (which `hpy-sys` routes, once [`select`] has recognised the
//! runtime), and some of their functions answer differently from CPython's or
//! crash. The safe API gives the same results on every runtime: where a
//! runtime's function is wrong, the call site checks [`is_pypy`] or
//! [`is_graalpy`] and does the work another way, on that runtime only.
//! `docs/runtimes.md` lists every difference and its workaround.
//!
//! In the CPython ABI (feature `cpython-abi`) the binary runs on CPython
//! only, calls the C API directly, and has nothing to select.

pub(crate) mod graalpy;
pub(crate) mod pypy;
#[cfg(not(feature = "cpython-abi"))]
mod select;

#[cfg(not(feature = "cpython-abi"))]
pub(crate) use select::select;

/// The CPython ABI runs on CPython only: there is no layout to select.
#[cfg(feature = "cpython-abi")]
#[allow(clippy::unnecessary_wraps)]
pub(crate) fn select(_ctx: crate::Ctx<'_>) -> crate::HPyResult<()> {
    Ok(())
}

use core::sync::atomic::{AtomicU8, Ordering};

/// The runtime: one of [`Kind`]'s values, set once, when the module is
/// executed (one word, so that a hot path reads it once).
static RUNTIME: AtomicU8 = AtomicU8::new(Kind::CPython as u8);

/// The HPy runtime the module runs on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub(crate) enum Kind {
    CPython = 0,
    PyPy = 1,
    GraalPy = 2,
}

/// Records the runtime, by its `sys.implementation.name`.
#[cfg_attr(feature = "cpython-abi", allow(dead_code))]
fn set_runtime(implementation: &str) {
    let kind = match implementation {
        "pypy" => Kind::PyPy,
        "graalpy" => Kind::GraalPy,
        _ => Kind::CPython,
    };
    // Relaxed: set while the module is executed, under the interpreter's
    // lock, before any call that reads it.
    RUNTIME.store(kind as u8, Ordering::Relaxed);
}

/// The runtime, with one load: read it once where several checks follow.
#[inline(always)]
pub(crate) fn kind() -> Kind {
    if cfg!(feature = "cpython-abi") {
        return Kind::CPython;
    }
    match RUNTIME.load(Ordering::Relaxed) {
        1 => Kind::PyPy,
        2 => Kind::GraalPy,
        _ => Kind::CPython,
    }
}

/// Whether the module runs on PyPy (whose HPy needs the workarounds).
#[inline(always)]
pub(crate) fn is_pypy() -> bool {
    kind() == Kind::PyPy
}

/// Whether the module runs on GraalPy (whose HPy needs the workarounds of
/// [`graalpy`]).
#[inline(always)]
pub(crate) fn is_graalpy() -> bool {
    kind() == Kind::GraalPy
}
