//! Items by index or by C-string key (the key object is made for the
//! call, except for an exact tuple or list read by index), and lengths.

use super::{h2py, py2h};
use crate::{HPy, HPy_NULL, HPy_ssize_t, HPyContext};
use core::ffi::{c_char, c_int};
use pyo3_ffi::{self as ffi, PyObject};

/// The key `idx` as an `int` (a new reference, or null with an exception).
unsafe fn int_key(idx: HPy_ssize_t) -> *mut PyObject {
    // SAFETY: the caller holds the lock.
    unsafe { ffi::PyLong_FromSsize_t(idx) }
}

/// The key `utf8_key` as a `str` (a new reference, or null with an exception).
unsafe fn str_key(utf8_key: *const c_char) -> *mut PyObject {
    // SAFETY: the caller holds the lock and passes a C string.
    unsafe { ffi::PyUnicode_FromString(utf8_key) }
}

/// Calls `f` with `key`, then drops it; `error` if there is no key.
unsafe fn with_key<R>(key: *mut PyObject, error: R, f: impl FnOnce(*mut PyObject) -> R) -> R {
    if key.is_null() {
        return error;
    }
    let result = f(key);
    // SAFETY: `key` is a new reference, dropped here.
    unsafe { ffi::Py_DECREF(key) };
    result
}

unsafe fn get(obj: HPy, key: *mut PyObject) -> HPy {
    // SAFETY: the caller holds the lock; `obj` is open.
    unsafe { with_key(key, HPy_NULL, |key| py2h(ffi::PyObject_GetItem(h2py(obj), key))) }
}

unsafe fn set(obj: HPy, key: *mut PyObject, value: HPy) -> c_int {
    // SAFETY: the caller holds the lock; the handles are open.
    unsafe { with_key(key, -1, |key| ffi::PyObject_SetItem(h2py(obj), key, h2py(value))) }
}

unsafe fn del(obj: HPy, key: *mut PyObject) -> c_int {
    // SAFETY: the caller holds the lock; `obj` is open.
    unsafe { with_key(key, -1, |key| ffi::PyObject_DelItem(h2py(obj), key)) }
}

/// `HPy_GetItem_i`: `obj[idx]`.
///
/// # Safety
/// `obj` must be open, with the interpreter's lock held.
pub unsafe fn HPy_GetItem_i(_ctx: *mut HPyContext, obj: HPy, idx: HPy_ssize_t) -> HPy {
    let o = h2py(obj);
    // SAFETY: forwarded from the caller. An exact tuple or list answers an
    // index in range with its item, as its `__getitem__` would (what
    // `PyTuple_GET_ITEM` reads is in bounds); anything else gets the key object.
    unsafe {
        if 0 <= idx {
            let item = if ffi::PyTuple_CheckExact(o) != 0 && idx < ffi::PyTuple_GET_SIZE(o) {
                ffi::PyTuple_GET_ITEM(o, idx)
            } else if ffi::PyList_CheckExact(o) != 0 && idx < ffi::PyList_GET_SIZE(o) {
                ffi::PyList_GET_ITEM(o, idx)
            } else {
                core::ptr::null_mut()
            };
            if !item.is_null() {
                ffi::Py_INCREF(item);
                return py2h(item);
            }
        }
        get(obj, int_key(idx))
    }
}

/// `HPy_Length`: `len(obj)`, read at once from an exact tuple or list.
///
/// # Safety
/// `h` must be open, with the interpreter's lock held.
pub unsafe fn HPy_Length(_ctx: *mut HPyContext, h: HPy) -> HPy_ssize_t {
    let o = h2py(h);
    // SAFETY: forwarded from the caller; the sizes of exact tuples and lists are their lengths.
    unsafe {
        if ffi::PyTuple_CheckExact(o) != 0 {
            ffi::PyTuple_GET_SIZE(o)
        } else if ffi::PyList_CheckExact(o) != 0 {
            ffi::PyList_GET_SIZE(o)
        } else {
            ffi::PyObject_Length(o)
        }
    }
}

/// `HPy_GetItem_s`: `obj[utf8_key]`.
///
/// # Safety
/// `obj` must be open and `utf8_key` a C string, with the lock held.
pub unsafe fn HPy_GetItem_s(_ctx: *mut HPyContext, obj: HPy, utf8_key: *const c_char) -> HPy {
    // SAFETY: forwarded from the caller.
    unsafe { get(obj, str_key(utf8_key)) }
}

/// `HPy_SetItem_i`: `obj[idx] = value`.
///
/// # Safety
/// The handles must be open, with the interpreter's lock held.
pub unsafe fn HPy_SetItem_i(_ctx: *mut HPyContext, obj: HPy, idx: HPy_ssize_t, value: HPy) -> c_int {
    // SAFETY: forwarded from the caller.
    unsafe { set(obj, int_key(idx), value) }
}

/// `HPy_SetItem_s`: `obj[utf8_key] = value`.
///
/// # Safety
/// The handles must be open and `utf8_key` a C string, with the lock held.
pub unsafe fn HPy_SetItem_s(_ctx: *mut HPyContext, obj: HPy, utf8_key: *const c_char, value: HPy) -> c_int {
    // SAFETY: forwarded from the caller.
    unsafe { set(obj, str_key(utf8_key), value) }
}

/// `HPy_DelItem_i`: `del obj[idx]`.
///
/// # Safety
/// `obj` must be open, with the interpreter's lock held.
pub unsafe fn HPy_DelItem_i(_ctx: *mut HPyContext, obj: HPy, idx: HPy_ssize_t) -> c_int {
    // SAFETY: forwarded from the caller.
    unsafe { del(obj, int_key(idx)) }
}

/// `HPy_DelItem_s`: `del obj[utf8_key]`.
///
/// # Safety
/// `obj` must be open and `utf8_key` a C string, with the lock held.
pub unsafe fn HPy_DelItem_s(_ctx: *mut HPyContext, obj: HPy, utf8_key: *const c_char) -> c_int {
    // SAFETY: forwarded from the caller.
    unsafe { del(obj, str_key(utf8_key)) }
}
