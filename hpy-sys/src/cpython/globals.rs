//! Globals: an `HPyGlobal` is a `PyObject *` kept for the life of the process.

use super::{load_strong, store_strong};
use crate::{HPy, HPyContext, HPyGlobal};

/// `HPyGlobal_Store`: the global takes a new reference, then drops the old
/// one (in this order, so that storing the same object again is safe).
///
/// # Safety
/// `global` must be a static global and `h` null or open, with the lock held.
pub unsafe fn HPyGlobal_Store(_ctx: *mut HPyContext, global: *mut HPyGlobal, h: HPy) {
    // SAFETY: forwarded from the caller; the global owns its reference.
    unsafe { store_strong(&raw mut (*global)._i, h) }
}

/// `HPyGlobal_Load`: a new handle to the global's object.
///
/// # Safety
/// The global must have been stored, with the interpreter's lock held.
#[inline(always)]
pub unsafe fn HPyGlobal_Load(_ctx: *mut HPyContext, global: HPyGlobal) -> HPy {
    // SAFETY: the global owns its reference.
    unsafe { load_strong(global._i) }
}
