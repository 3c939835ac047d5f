//! Fields: an `HPyField` is a `PyObject *` owned by the object it is in.

use super::h2py;
use crate::{HPy, HPyContext, HPyField};
use pyo3_ffi as ffi;

/// `HPyField_Store`: the field takes a new reference, then drops the old one.
///
/// # Safety
/// `target_field` must point into the live `target_object`'s payload and
/// `h` be null or open, with the interpreter's lock held.
#[inline(always)]
pub unsafe fn HPyField_Store(
    _ctx: *mut HPyContext,
    _target_object: HPy,
    target_field: *mut HPyField,
    h: HPy,
) {
    // SAFETY: forwarded from the caller; the new reference is taken before
    // the old one is dropped, so storing the same object is safe.
    unsafe {
        ffi::Py_XINCREF(h2py(h));
        let old = (*target_field)._i;
        (*target_field)._i = h._i;
        ffi::Py_XDECREF(old as *mut ffi::PyObject);
    }
}

/// `HPyField_Load`: a new handle to the field's object.
///
/// # Safety
/// `source_field` must be a field of the live `source_object`.
#[inline(always)]
pub unsafe fn HPyField_Load(_ctx: *mut HPyContext, _source_object: HPy, source_field: HPyField) -> HPy {
    let handle = HPy { _i: source_field._i };
    // SAFETY: the object owns the field's reference, so the object is alive.
    unsafe { ffi::Py_XINCREF(h2py(handle)) };
    handle
}
