//! [`Global`]: a Python object kept in a Rust static (`HPyGlobal`).

use crate::{Ctx, Handle};
use core::cell::UnsafeCell;
use hpy_sys::HPyGlobal;

/// A Python object stored in a `static` across calls (`HPyGlobal`).
///
/// Handles cannot outlive their call; a `Global` can, because it holds a
/// reference that HPy manages. It can only be used from a `static` (its
/// methods take `&'static self`) and only with a context, that is, while
/// holding the interpreter. List it in your module so that every HPy
/// implementation knows about it.
pub struct Global {
    raw: UnsafeCell<HPyGlobal>,
}

// SAFETY: the cell is only read or written through HPyGlobal_Store/Load,
// which need a context, so only by the thread that holds the interpreter.
unsafe impl Sync for Global {}

impl Global {
    /// An empty global, for a `static` initializer.
    pub const fn new() -> Global {
        Global { raw: UnsafeCell::new(hpy_sys::HPyGlobal_NULL) }
    }

    /// Stores `value` (`HPyGlobal_Store`), replacing any previous value.
    pub fn store(&'static self, value: &Handle<'_>) {
        // SAFETY: the cell is in a static; the context is live; HPy takes
        // its own reference to `value`.
        unsafe { hpy_sys::HPyGlobal_Store(value.ctx().as_raw(), self.raw.get(), value.as_raw()) }
    }

    /// A new handle to the stored value (`HPyGlobal_Load`), or `None` if
    /// nothing was stored yet.
    pub fn load<'ctx>(&'static self, ctx: Ctx<'ctx>) -> Option<Handle<'ctx>> {
        // SAFETY: reads happen with the interpreter held (we have a context).
        let raw = unsafe { *self.raw.get() };
        if raw._i == 0 {
            return None;
        }
        // SAFETY: the global was stored; Load returns a new owned handle.
        let h = unsafe { hpy_sys::HPyGlobal_Load(ctx.as_raw(), raw) };
        // SAFETY: HPyGlobal_Load of a stored global does not fail.
        Some(unsafe { Handle::from_raw(ctx, h) })
    }

    /// The address HPy needs in `HPyModuleDef::globals`.
    pub const fn as_ptr(&'static self) -> *mut HPyGlobal {
        self.raw.get()
    }
}

impl Default for Global {
    fn default() -> Self {
        Global::new()
    }
}
