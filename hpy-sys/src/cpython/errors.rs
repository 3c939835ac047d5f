//! Error state: the two members that are not one-liners.

use crate::HPyContext;
use core::ffi::{c_char, c_int};
use pyo3_ffi as ffi;

/// `HPyErr_Occurred`: whether an exception is set.
///
/// # Safety
/// The interpreter's lock must be held.
#[inline(always)]
pub unsafe fn HPyErr_Occurred(_ctx: *mut HPyContext) -> c_int {
    // SAFETY: the lock is held.
    c_int::from(!unsafe { ffi::PyErr_Occurred() }.is_null())
}

/// `HPy_FatalError`: ends the process with `message`.
///
/// # Safety
/// `message` must be a NUL-terminated string.
pub unsafe fn HPy_FatalError(_ctx: *mut HPyContext, message: *const c_char) {
    // SAFETY: forwarded from the caller.
    unsafe { ffi::Py_FatalError(message) }
}
