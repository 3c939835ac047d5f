//! Type checks that take a `PyTypeObject *`.

use super::h2py;
use crate::{HPy, HPy_ssize_t, HPyContext, HPyType_BuiltinShape};
use core::ffi::{CStr, c_char, c_int};
use pyo3_ffi as ffi;

/// `HPyType_IsSubtype`.
///
/// # Safety
/// Both handles must be open types, with the interpreter's lock held.
#[inline(always)]
pub unsafe fn HPyType_IsSubtype(_ctx: *mut HPyContext, sub: HPy, type_: HPy) -> c_int {
    // SAFETY: forwarded from the caller.
    unsafe { ffi::PyType_IsSubtype(h2py(sub).cast(), h2py(type_).cast()) }
}

/// `HPy_TypeCheck`: whether `obj` is an instance of `type_` or a subtype.
///
/// # Safety
/// `obj` must be open and `type_` an open type, with the lock held.
#[inline(always)]
pub unsafe fn HPy_TypeCheck(_ctx: *mut HPyContext, obj: HPy, type_: HPy) -> c_int {
    // SAFETY: forwarded from the caller.
    unsafe { ffi::PyObject_TypeCheck(h2py(obj), h2py(type_).cast()) }
}

/// `HPyType_GetName`: the `__name__` of a heap type (its UTF-8, kept by the
/// type), else the part of `tp_name` after its last dot, as CPython's
/// private `_PyType_Name` gives it.
///
/// # Safety
/// `type_` must be an open type, with the interpreter's lock held.
pub unsafe fn HPyType_GetName(_ctx: *mut HPyContext, type_: HPy) -> *const c_char {
    let tp = h2py(type_).cast::<ffi::PyTypeObject>();
    // SAFETY: `tp` is a live type; a heap type is a `PyHeapTypeObject`, whose
    // name the type keeps alive; `tp_name` is a C string that lives as long.
    unsafe {
        if ffi::PyType_HasFeature(tp, ffi::Py_TPFLAGS_HEAPTYPE) != 0 {
            return ffi::PyUnicode_AsUTF8((*tp.cast::<ffi::PyHeapTypeObject>()).ht_name);
        }
        let name = (*tp).tp_name;
        match CStr::from_ptr(name).to_bytes().iter().rposition(|&b| b == b'.') {
            Some(dot) => name.add(dot + 1),
            None => name,
        }
    }
}

/// `_HPyType_GetBuiltinShape`: the shape of a type HPy made, `Legacy` for
/// any other type; `TypeError` and `-2` for an object that is not a type.
///
/// # Safety
/// `h_type` must be open, with the interpreter's lock held.
pub unsafe fn _HPyType_GetBuiltinShape(_ctx: *mut HPyContext, h_type: HPy) -> HPyType_BuiltinShape {
    // SAFETY: forwarded from the caller.
    if unsafe { ffi::PyType_Check(h2py(h_type)) } == 0 {
        // SAFETY: the lock is held.
        unsafe { ffi::PyErr_SetString(ffi::PyExc_TypeError, c"arg must be a type".as_ptr()) };
        return HPyType_BuiltinShape(-2);
    }
    super::type_extra::shape(h2py(h_type).cast())
}

/// The items of `args` (a tuple, or null) as an `HPy[]`, and their number.
///
/// # Safety
/// `args` must be null or a live tuple.
pub(crate) unsafe fn tuple_items(args: *mut ffi::PyObject) -> (*const HPy, HPy_ssize_t) {
    if args.is_null() {
        return (core::ptr::null(), 0);
    }
    // SAFETY: a tuple's items follow its header; an `HPy` is a `PyObject *`.
    unsafe {
        let tuple = args.cast::<ffi::PyTupleObject>();
        ((*tuple).ob_item.as_ptr().cast(), ffi::PyTuple_GET_SIZE(args))
    }
}
