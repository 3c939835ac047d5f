//! Handles are `PyObject *`s: duplicating one increfs, closing one decrefs,
//! and identity is pointer equality.

use super::{h2py, py2h};
use crate::{HPy, HPyContext, cpy_PyObject};
use core::ffi::c_int;
use pyo3_ffi as ffi;

/// `HPy_Dup`: a new reference to the same object.
///
/// # Safety
/// `handle` must be null or an open handle, with the interpreter's lock held.
#[inline(always)]
pub unsafe fn HPy_Dup(_ctx: *mut HPyContext, handle: HPy) -> HPy {
    // SAFETY: the object is alive (the handle is open) or null.
    unsafe { ffi::Py_XINCREF(h2py(handle)) };
    handle
}

/// `HPy_Close`: drops the handle's reference.
///
/// # Safety
/// `handle` must be null or an open handle that is not used again.
#[inline(always)]
pub unsafe fn HPy_Close(_ctx: *mut HPyContext, handle: HPy) {
    // SAFETY: the handle owns this reference, given up here.
    unsafe { ffi::Py_XDECREF(h2py(handle)) }
}

/// `HPy_Is`: whether both handles are the same object.
///
/// # Safety
/// Always safe to call; `unsafe` for the signature of the API.
#[inline(always)]
pub unsafe fn HPy_Is(_ctx: *mut HPyContext, obj: HPy, other: HPy) -> c_int {
    c_int::from(obj._i == other._i)
}

/// `HPy_FromPyObject`: a new handle (a new reference) to `obj`.
///
/// # Safety
/// `obj` must be null or a live object, with the interpreter's lock held.
#[inline(always)]
pub unsafe fn HPy_FromPyObject(_ctx: *mut HPyContext, obj: *mut cpy_PyObject) -> HPy {
    // SAFETY: forwarded from the caller.
    unsafe { ffi::Py_XINCREF(obj) };
    py2h(obj)
}

/// `HPy_AsPyObject`: a new reference to the handle's object.
///
/// # Safety
/// `handle` must be null or open, with the interpreter's lock held.
#[inline(always)]
pub unsafe fn HPy_AsPyObject(_ctx: *mut HPyContext, handle: HPy) -> *mut cpy_PyObject {
    // SAFETY: forwarded from the caller.
    unsafe { ffi::Py_XINCREF(h2py(handle)) };
    h2py(handle)
}

/// `h_Builtins`: the builtins of the running frame, borrowed.
///
/// # Safety
/// The interpreter's lock must be held.
#[inline(always)]
pub unsafe fn h_Builtins(_ctx: *mut HPyContext) -> HPy {
    // SAFETY: the lock is held; the dict is borrowed from the frame.
    py2h(unsafe { ffi::PyEval_GetBuiltins() })
}
