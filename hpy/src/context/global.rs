//! [`Global`]: a Python object kept in a Rust static (`HPyGlobal`).

use crate::{Ctx, Handle};
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, Ordering};
use hpy_sys::HPyGlobal;

/// A Python object stored in a `static` across calls (`HPyGlobal`).
///
/// Handles cannot outlive their call; a `Global` can, because it holds a
/// reference that HPy manages. It can only be used from a `static` (its
/// methods take `&'static self`) and only with a context, that is, while
/// holding the interpreter.
///
/// HPy requires every global to be listed in its module's definition
/// (`HPyModuleDef.globals`: PyPy and GraalPy manage them from that list),
/// so a `Global` is usable only once a module lists it: declare it as a
/// `static` inside the `#[hpy_module]` (classes and exceptions list their
/// own). Storing into a global no module lists (one made with `Box::leak`,
/// or a `static` outside the module) panics.
pub struct Global {
    raw: UnsafeCell<HPyGlobal>,
    stored: core::cell::Cell<bool>,
    registered: AtomicBool,
}

// SAFETY: the cells are only read or written with a context, that is, by
// the thread that holds the interpreter (HPy 0.9 has no free-threading).
unsafe impl Sync for Global {}

impl Global {
    /// An empty global, for a `static` initializer.
    pub const fn new() -> Global {
        Global {
            raw: UnsafeCell::new(hpy_sys::HPyGlobal_NULL),
            stored: core::cell::Cell::new(false),
            registered: AtomicBool::new(false),
        }
    }

    /// Whether a module lists this global (in `HPyModuleDef.globals`).
    pub fn is_registered(&'static self) -> bool {
        self.registered.load(Ordering::Relaxed)
    }

    /// Marks the global as listed by a module (when its definition is built).
    pub(crate) fn register(&'static self) {
        self.registered.store(true, Ordering::Relaxed);
    }

    /// Stores `value` (`HPyGlobal_Store`), replacing any previous value.
    ///
    /// # Panics
    /// If no module lists this global (see [`Global`]).
    pub fn store(&'static self, value: &Handle<'_>) {
        assert!(
            self.is_registered(),
            "this hpy::Global is not listed by any module, as HPy requires: declare it as a `static` \
             inside the #[hpy_module]"
        );
        // SAFETY: the cell is in a static; the context is live; HPy takes
        // its own reference to `value`.
        unsafe { hpy_sys::HPyGlobal_Store(value.ctx().as_raw(), self.raw.get(), value.as_raw()) };
        self.stored.set(true);
    }

    /// A new handle to the stored value (`HPyGlobal_Load`), or `None` if
    /// nothing was stored yet.
    pub fn load<'ctx>(&'static self, ctx: Ctx<'ctx>) -> Option<Handle<'ctx>> {
        if !self.stored.get() {
            return None;
        }
        // SAFETY: reads happen with the interpreter held (we have a context).
        let raw = unsafe { *self.raw.get() };
        // SAFETY: the global was stored; Load returns a new owned handle, or
        // null with an exception (an implementation that lost the global).
        unsafe { ctx.wrap(hpy_sys::HPyGlobal_Load(ctx.as_raw(), raw)) }.ok()
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
