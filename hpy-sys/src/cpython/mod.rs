//! The CPython-ABI backend (feature `cpython-abi`): the HPy API done on
//! CPython's C API, through `pyo3-ffi`, as HPy's own CPython ABI does in C.
//!
//! A handle is the `PyObject *` itself (`HPy_Dup` increfs, `HPy_Close`
//! decrefs), an `HPy[]` array is a `PyObject *[]`, and the context is a static
//! that holds only its name ([`context()`]). The one-liners are generated from
//! the ABI table's `[cpython]` section into `generated/cpython_api.rs`; the
//! members marked `manual` there are written in this folder, one concept per
//! file. There are no debug or trace modes: a leaked handle is a leaked
//! reference.

mod builders;
mod bytes;
mod call;
mod call_real;
mod capsule;
pub mod context;
mod context_var;
mod dealloc;
mod dump;
mod errors;
mod eval;
mod fields;
mod globals;
mod handles;
mod items;
mod long;
#[cfg(not(Py_3_12))]
mod metaclass;
mod method_def;
mod module;
mod new;
mod not_yet;
mod threads;
mod tracker;
mod type_extra;
mod type_spec;
mod types;

pub use builders::*;
pub use bytes::*;
pub use call::*;
pub use call_real::_HPy_CallRealFunctionFromTrampoline;
pub use capsule::{HPyCapsule_Get, HPyCapsule_New, HPyCapsule_Set};
pub use context::context;
pub use context_var::*;
pub use dump::*;
pub use errors::*;
pub use eval::*;
pub use fields::*;
pub use globals::*;
pub use handles::*;
pub use items::*;
pub use long::*;
pub use module::module_def;
pub use new::*;
pub(crate) use not_yet::not_yet;
pub use threads::*;
pub use tracker::*;
pub use type_spec::HPyType_FromSpec;
pub use types::*;

use crate::HPy;
use pyo3_ffi::PyObject;

/// The C API bindings this backend is built on.
pub use pyo3_ffi as ffi;

/// The handle of an object: the pointer itself.
#[inline(always)]
pub fn py2h(object: *mut PyObject) -> HPy {
    HPy { _i: object as isize }
}

/// The object of a handle.
#[inline(always)]
pub fn h2py(handle: HPy) -> *mut PyObject {
    handle._i as *mut PyObject
}

/// Stores `h` in a word that owns a strong reference (a field, a global):
/// the new reference is taken before the old one is dropped, so storing
/// the object already there is safe.
///
/// # Safety
/// `slot` must be valid and hold null or an owned reference; `h` null or
/// open; the interpreter's lock held.
#[inline(always)]
pub(crate) unsafe fn store_strong(slot: *mut isize, h: HPy) {
    // SAFETY: forwarded from the caller.
    unsafe {
        pyo3_ffi::Py_XINCREF(h2py(h));
        let old = *slot;
        *slot = h._i;
        pyo3_ffi::Py_XDECREF(old as *mut PyObject);
    }
}

/// A new handle to the object of a word that owns a strong reference.
///
/// # Safety
/// `word` must be null or an owned reference, with the lock held.
#[inline(always)]
pub(crate) unsafe fn load_strong(word: isize) -> HPy {
    let handle = HPy { _i: word };
    // SAFETY: the word's owner keeps the object alive.
    unsafe { pyo3_ffi::Py_XINCREF(h2py(handle)) };
    handle
}
