//! List and tuple builders: the list or tuple itself, filled in place.
//! `Set` does not steal (HPy's contract), so it increfs the item; the
//! `Items` functions (this backend's own) give the slots, for items whose
//! reference the caller hands over.

use super::{h2py, py2h};
use crate::{HPy, HPy_NULL, HPy_ssize_t, HPyContext, HPyListBuilder, HPyTupleBuilder};
use pyo3_ffi::{self as ffi, PyObject};

/// A new list or tuple of `size` empty slots, or 0 with no exception set:
/// `Build` raises `MemoryError` for it, as HPy does.
unsafe fn new(object: *mut PyObject) -> isize {
    if object.is_null() {
        // SAFETY: the caller holds the lock.
        unsafe { ffi::PyErr_Clear() };
    }
    object as isize
}

/// The built object, or `MemoryError` if `New` failed.
unsafe fn build(object: isize) -> HPy {
    if object == 0 {
        // SAFETY: the caller holds the lock.
        unsafe { ffi::PyErr_NoMemory() };
        return HPy_NULL;
    }
    HPy { _i: object }
}

/// `HPyListBuilder_New`.
///
/// # Safety
/// The interpreter's lock must be held.
pub unsafe fn HPyListBuilder_New(_ctx: *mut HPyContext, size: HPy_ssize_t) -> HPyListBuilder {
    // SAFETY: the lock is held.
    HPyListBuilder { _lst: unsafe { new(ffi::PyList_New(size)) } }
}

/// `HPyListBuilder_Set`.
///
/// # Safety
/// `builder` must come from `New` and not be built or cancelled, `index` be in
/// its range and `h_item` open, with the interpreter's lock held.
#[inline(always)]
pub unsafe fn HPyListBuilder_Set(
    _ctx: *mut HPyContext,
    builder: HPyListBuilder,
    index: HPy_ssize_t,
    h_item: HPy,
) {
    if builder._lst != 0 {
        // SAFETY: the list is new and `index` in range; the slot steals the new reference.
        unsafe {
            ffi::Py_INCREF(h2py(h_item));
            ffi::PyList_SET_ITEM(builder._lst as *mut PyObject, index, h2py(h_item));
        }
    }
}

/// The item slots of the list `builder` fills (null if `New` failed): a
/// new list's array, which does not move until the list is built, and
/// whose empty slots take a reference each (`PyList_SET_ITEM`'s contract).
/// Not an HPy function: the safe API's builders write the items they own
/// there in this ABI, with no reference-count update and no reload of the
/// array per item.
///
/// # Safety
/// `builder` must come from `New` and not be built or cancelled.
#[inline(always)]
pub unsafe fn HPyListBuilder_Items(builder: HPyListBuilder) -> *mut HPy {
    if builder._lst == 0 {
        return core::ptr::null_mut();
    }
    // SAFETY: a live list; its item array has the list's size.
    unsafe { (*(builder._lst as *mut ffi::PyListObject)).ob_item.cast() }
}

/// `HPyListBuilder_Build`.
///
/// # Safety
/// As for `Set`; the builder is used up.
pub unsafe fn HPyListBuilder_Build(_ctx: *mut HPyContext, builder: HPyListBuilder) -> HPy {
    // SAFETY: the lock is held.
    unsafe { build(builder._lst) }
}

/// `HPyListBuilder_Cancel`.
///
/// # Safety
/// As for `Set`; the builder is used up.
pub unsafe fn HPyListBuilder_Cancel(_ctx: *mut HPyContext, builder: HPyListBuilder) {
    // SAFETY: the builder owns the list (or holds null).
    unsafe { ffi::Py_XDECREF(builder._lst as *mut PyObject) }
}

/// `HPyTupleBuilder_New`.
///
/// # Safety
/// The interpreter's lock must be held.
pub unsafe fn HPyTupleBuilder_New(_ctx: *mut HPyContext, size: HPy_ssize_t) -> HPyTupleBuilder {
    // SAFETY: the lock is held.
    HPyTupleBuilder { _tup: unsafe { new(ffi::PyTuple_New(size)) } }
}

/// `HPyTupleBuilder_Set`.
///
/// # Safety
/// As for `HPyListBuilder_Set`.
#[inline(always)]
pub unsafe fn HPyTupleBuilder_Set(
    _ctx: *mut HPyContext,
    builder: HPyTupleBuilder,
    index: HPy_ssize_t,
    h_item: HPy,
) {
    if builder._tup != 0 {
        // SAFETY: the tuple is new and `index` in range; the slot steals the new reference.
        unsafe {
            ffi::Py_INCREF(h2py(h_item));
            ffi::PyTuple_SET_ITEM(builder._tup as *mut PyObject, index, h2py(h_item));
        }
    }
}

/// As [`HPyListBuilder_Items`], for a tuple (whose items are inline).
///
/// # Safety
/// As for `HPyListBuilder_Items`.
#[inline(always)]
pub unsafe fn HPyTupleBuilder_Items(builder: HPyTupleBuilder) -> *mut HPy {
    if builder._tup == 0 {
        return core::ptr::null_mut();
    }
    // SAFETY: a live tuple; its items follow its header.
    unsafe { (*(builder._tup as *mut ffi::PyTupleObject)).ob_item.as_mut_ptr().cast() }
}

/// `HPyTupleBuilder_Build`.
///
/// # Safety
/// As for `HPyListBuilder_Build`.
pub unsafe fn HPyTupleBuilder_Build(_ctx: *mut HPyContext, builder: HPyTupleBuilder) -> HPy {
    // SAFETY: the lock is held.
    unsafe { build(builder._tup) }
}

/// `HPyTupleBuilder_Cancel`.
///
/// # Safety
/// As for `HPyListBuilder_Cancel`.
pub unsafe fn HPyTupleBuilder_Cancel(_ctx: *mut HPyContext, builder: HPyTupleBuilder) {
    // SAFETY: the builder owns the tuple (or holds null).
    unsafe { ffi::Py_XDECREF(builder._tup as *mut PyObject) }
}

/// `HPyTuple_FromArray`: a tuple of new references to the `n` items.
///
/// # Safety
/// `items` must point to `n` open handles, with the interpreter's lock held.
pub unsafe fn HPyTuple_FromArray(_ctx: *mut HPyContext, items: *mut HPy, n: HPy_ssize_t) -> HPy {
    // SAFETY: the lock is held.
    let tuple = unsafe { ffi::PyTuple_New(n) };
    if tuple.is_null() {
        return HPy_NULL;
    }
    for index in 0..n {
        // SAFETY: `index < n` items are readable and open; the slot steals the new reference.
        unsafe {
            let item = h2py(*items.offset(index));
            ffi::Py_INCREF(item);
            ffi::PyTuple_SET_ITEM(tuple, index, item);
        }
    }
    py2h(tuple)
}
