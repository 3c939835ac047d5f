//! Globals: an `HPyGlobal` is a `PyObject *` kept for the life of the process.

use super::h2py;
use crate::{HPy, HPyContext, HPyGlobal};
use pyo3_ffi as ffi;

/// `HPyGlobal_Store`: the global takes a new reference, then drops the old
/// one (in this order, so that storing the same object again is safe).
///
/// # Safety
/// `global` must be a static global and `h` null or open, with the lock held.
pub unsafe fn HPyGlobal_Store(_ctx: *mut HPyContext, global: *mut HPyGlobal, h: HPy) {
    // SAFETY: forwarded from the caller.
    unsafe {
        ffi::Py_XINCREF(h2py(h));
        let old = (*global)._i;
        (*global)._i = h._i;
        ffi::Py_XDECREF(old as *mut ffi::PyObject);
    }
}

/// `HPyGlobal_Load`: a new handle to the global's object.
///
/// # Safety
/// The global must have been stored, with the interpreter's lock held.
#[inline(always)]
pub unsafe fn HPyGlobal_Load(_ctx: *mut HPyContext, global: HPyGlobal) -> HPy {
    let handle = HPy { _i: global._i };
    // SAFETY: the global owns a reference, so the object is alive.
    unsafe { ffi::Py_XINCREF(h2py(handle)) };
    handle
}
