//! Capsules: `PyCapsule`s, with HPy's keyed accessors and a destructor
//! whose CPython trampoline calls the implementation directly.

use super::{h2py, py2h};
use crate::*;
use core::ffi::{CStr, c_char, c_int, c_void};
use pyo3_ffi as ffi;

/// Raises `ValueError(message)`.
unsafe fn value_error(message: &CStr) {
    // SAFETY: the caller holds the lock.
    unsafe { ffi::PyErr_SetString(ffi::PyExc_ValueError, message.as_ptr()) }
}

/// `HPyCapsule_New`: `ValueError` for a destructor without both functions.
///
/// # Safety
/// `destructor` must be null or point to a static destructor, `utf8_name` be
/// null or a C string that outlives the capsule, with the lock held.
pub unsafe fn HPyCapsule_New(
    _ctx: *mut HPyContext,
    pointer: *mut c_void,
    utf8_name: *const c_char,
    destructor: *mut HPyCapsule_Destructor,
) -> HPy {
    // SAFETY: forwarded from the caller.
    let trampoline = match unsafe { destructor.as_ref() } {
        None => None,
        Some(HPyCapsule_Destructor { cpy_trampoline: Some(trampoline), impl_: Some(_) }) => Some(*trampoline),
        Some(_) => {
            // SAFETY: the lock is held.
            unsafe { value_error(c"Invalid HPyCapsule destructor") };
            return HPy_NULL;
        }
    };
    // SAFETY: forwarded from the caller.
    py2h(unsafe { ffi::PyCapsule_New(pointer, utf8_name, trampoline) })
}

/// `HPyCapsule_Get`: the pointer (checking `utf8_name`), the name or the
/// context; the destructor cannot be read (`ValueError`).
///
/// # Safety
/// `capsule` must be open, with the lock held.
pub unsafe fn HPyCapsule_Get(
    _ctx: *mut HPyContext,
    capsule: HPy,
    key: _HPyCapsule_key,
    utf8_name: *const c_char,
) -> *mut c_void {
    let capsule = h2py(capsule);
    // SAFETY: forwarded from the caller.
    unsafe {
        match key {
            HPyCapsule_key_Pointer => ffi::PyCapsule_GetPointer(capsule, utf8_name),
            HPyCapsule_key_Name => ffi::PyCapsule_GetName(capsule).cast_mut().cast(),
            HPyCapsule_key_Context => ffi::PyCapsule_GetContext(capsule),
            HPyCapsule_key_Destructor => {
                value_error(c"Invalid operation: get HPyCapsule_key_Destructor");
                core::ptr::null_mut()
            }
            _ => {
                value_error(c"invalid key");
                core::ptr::null_mut()
            }
        }
    }
}

/// `HPyCapsule_Set`: the pointer, the name, the context or the destructor.
///
/// # Safety
/// `capsule` must be open and `value` fit the key, with the lock held.
pub unsafe fn HPyCapsule_Set(
    _ctx: *mut HPyContext,
    capsule: HPy,
    key: _HPyCapsule_key,
    value: *mut c_void,
) -> c_int {
    let capsule = h2py(capsule);
    // SAFETY: forwarded from the caller.
    unsafe {
        match key {
            HPyCapsule_key_Pointer => ffi::PyCapsule_SetPointer(capsule, value),
            HPyCapsule_key_Name => ffi::PyCapsule_SetName(capsule, value.cast()),
            HPyCapsule_key_Context => ffi::PyCapsule_SetContext(capsule, value),
            HPyCapsule_key_Destructor => match value.cast::<HPyCapsule_Destructor>().as_ref() {
                None => ffi::PyCapsule_SetDestructor(capsule, None),
                Some(HPyCapsule_Destructor { cpy_trampoline: Some(trampoline), impl_: Some(_) }) => {
                    ffi::PyCapsule_SetDestructor(capsule, Some(*trampoline))
                }
                Some(_) => {
                    value_error(c"Invalid HPyCapsule destructor");
                    -1
                }
            },
            _ => {
                value_error(c"invalid key");
                -1
            }
        }
    }
}

/// What the destructor trampoline does: `impl(name, pointer, context)` of
/// the dying capsule.
///
/// # Safety
/// `capsule` must be the dying capsule and `destructor` its implementation.
#[inline(always)]
pub(crate) unsafe fn destroy(capsule: *mut ffi::PyObject, destructor: HPyFunc_Capsule_Destructor) {
    let Some(destructor) = destructor else { return };
    // SAFETY: the capsule is alive until its destructor returns.
    unsafe {
        let name = ffi::PyCapsule_GetName(capsule);
        let pointer = ffi::PyCapsule_GetPointer(capsule, name);
        let context = ffi::PyCapsule_GetContext(capsule);
        destructor(name, pointer, context);
    }
}
