//! Interop with CPython's C API, in the CPython ABI only: there a handle *is*
//! a `PyObject *`, so code written for the C API (or PyO3) and code written
//! with this crate can pass objects to each other with no copy.
//!
//! Ownership is explicit in every name: [`Handle::into_py_object`] hands the
//! reference over, [`Handle::as_py_object`] lends it for as long as the handle
//! lives, and the two `unsafe` constructors on [`Ctx`] either take a reference
//! over or add one.

use crate::{Ctx, HPyErr, HPyResult, Handle};
use core::marker::PhantomData;
use core::mem::ManuallyDrop;
use core::ptr::NonNull;
use hpy_sys::cpython::{h2py, py2h};

/// CPython's `PyObject`: the same type as `pyo3_ffi::PyObject` (and so as
/// `pyo3::ffi::PyObject`), so pointers pass between the crates unchanged.
pub use hpy_sys::cpy_PyObject as PyObject;

/// A `PyObject *` lent by a [`Handle`]: valid while the handle is, and the
/// borrow checker keeps it from outliving it.
///
/// It owns no reference: code that keeps the object beyond the borrow must
/// add one (`Py_INCREF`, or PyO3's `Bound::from_borrowed_ptr`).
#[derive(Clone, Copy)]
pub struct PyObjectRef<'a> {
    ptr: NonNull<PyObject>,
    _handle: PhantomData<&'a ()>,
}

impl PyObjectRef<'_> {
    /// The borrowed pointer; never null.
    #[inline(always)]
    pub fn as_ptr(self) -> *mut PyObject {
        self.ptr.as_ptr()
    }
}

impl core::fmt::Debug for PyObjectRef<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("PyObjectRef").field(&self.ptr).finish()
    }
}

impl<'ctx> Handle<'ctx> {
    /// The object as a borrowed `PyObject *` (no reference count change).
    #[inline(always)]
    pub fn as_py_object(&self) -> PyObjectRef<'_> {
        let ptr = h2py(self.as_raw());
        // SAFETY: an open handle is never null; in this ABI it is the object.
        PyObjectRef { ptr: unsafe { NonNull::new_unchecked(ptr) }, _handle: PhantomData }
    }

    /// Gives the handle's reference to the caller as a `PyObject *` (no
    /// reference count change): the caller now owns one strong reference,
    /// which it must pass on (returning it from a C API function, PyO3's
    /// `Bound::from_owned_ptr`) or release with `Py_DECREF`.
    #[inline(always)]
    #[must_use = "the reference is owned by the caller: dropping the pointer leaks it"]
    pub fn into_py_object(self) -> *mut PyObject {
        h2py(ManuallyDrop::new(self).as_raw())
    }
}

impl<'ctx> Ctx<'ctx> {
    /// Takes over a strong reference to `ptr` as a handle (no reference count
    /// change). A null pointer means the C API call that returned it raised,
    /// and becomes the pending exception (a `SystemError` if none is set).
    ///
    /// # Safety
    /// `ptr` must be null or a live object whose reference the caller owns
    /// and gives up, with the interpreter's lock held.
    #[inline]
    pub unsafe fn from_owned_py_object(self, ptr: *mut PyObject) -> HPyResult<Handle<'ctx>> {
        if ptr.is_null() {
            return Err(null_object());
        }
        // SAFETY: the caller gives up an owned reference, which is a handle here.
        Ok(unsafe { Handle::from_raw(self, py2h(ptr)) })
    }

    /// A new handle to `ptr`, adding a strong reference (`HPy_FromPyObject`);
    /// the caller keeps its own. Null is handled as in
    /// [`from_owned_py_object`](Ctx::from_owned_py_object).
    ///
    /// # Safety
    /// `ptr` must be null or a live object, with the interpreter's lock held.
    #[inline]
    pub unsafe fn from_borrowed_py_object(self, ptr: *mut PyObject) -> HPyResult<Handle<'ctx>> {
        if ptr.is_null() {
            return Err(null_object());
        }
        // SAFETY: the object is alive; `HPy_FromPyObject` adds the reference
        // the new handle owns.
        Ok(unsafe { Handle::from_raw(self, hpy_sys::HPy_FromPyObject(self.as_raw(), ptr)) })
    }
}

/// The error for a null `PyObject *`: the pending exception, or a
/// `SystemError` when the caller returned null without raising.
#[cold]
fn null_object() -> HPyErr {
    // SAFETY: reading the error indicator only needs the lock, which every
    // caller of the constructors above holds.
    if unsafe { hpy_sys::cpython::ffi::PyErr_Occurred() }.is_null() {
        HPyErr::new_type::<crate::exceptions::SystemError>(
            "a null PyObject* was passed to hpy without an exception set",
        )
    } else {
        HPyErr::fetch()
    }
}
