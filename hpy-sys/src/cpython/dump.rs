//! `_HPy_Dump`: CPython's private object dump, for debugging.

use super::h2py;
use crate::{HPy, HPyContext};

unsafe extern "C" {
    /// Exported by CPython 3.8-3.13 (`Include/cpython/object.h`), not bound
    /// by `pyo3-ffi` because it is private.
    fn _PyObject_Dump(object: *mut pyo3_ffi::PyObject);
}

/// `_HPy_Dump`: prints the object's type, refcount and repr to stderr.
///
/// # Safety
/// `h` must be open, with the interpreter's lock held.
pub unsafe fn _HPy_Dump(_ctx: *mut HPyContext, h: HPy) {
    // SAFETY: forwarded from the caller.
    unsafe { _PyObject_Dump(h2py(h)) }
}
