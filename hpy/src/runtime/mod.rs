//! The HPy runtime the module runs on.
//!
//! One universal binary runs on CPython (through the `hpy` package) and on
//! PyPy, whose built-in HPy differs: its context has another layout (which
//! `hpy-sys` routes, once [`select`] has recognised the runtime), and some
//! of its functions answer differently from CPython's or crash. The safe API
//! gives the same results on every runtime: where PyPy's function is wrong,
//! the call site checks [`is_pypy`] and does the work another way, on PyPy
//! only. `docs/runtimes.md` lists every difference and its workaround.

pub(crate) mod pypy;
mod select;

pub(crate) use select::select;

use core::sync::atomic::{AtomicBool, Ordering};

/// Whether the runtime is PyPy; set once, when the module is executed.
static PYPY: AtomicBool = AtomicBool::new(false);

fn set_pypy(value: bool) {
    // Relaxed: set while the module is executed, under the interpreter's
    // lock, before any call that reads it.
    PYPY.store(value, Ordering::Relaxed);
}

/// Whether the module runs on PyPy (whose HPy needs the workarounds).
#[inline(always)]
pub(crate) fn is_pypy() -> bool {
    PYPY.load(Ordering::Relaxed)
}
