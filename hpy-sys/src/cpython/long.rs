//! Integers of 32 bits and booleans: the C API has no exact function, so
//! these convert through `long` with a range check.

use super::{h2py, py2h};
use crate::{HPy, HPyContext};
use core::ffi::c_long;
use pyo3_ffi as ffi;

/// Raises `OverflowError` for a value out of the range of `c_type`.
unsafe fn overflow(message: &core::ffi::CStr) {
    // SAFETY: the caller holds the lock; the message is a C string.
    unsafe { ffi::PyErr_SetString(ffi::PyExc_OverflowError, message.as_ptr()) }
}

/// `HPyLong_FromInt32_t`.
///
/// # Safety
/// The interpreter's lock must be held.
#[inline(always)]
pub unsafe fn HPyLong_FromInt32_t(_ctx: *mut HPyContext, value: i32) -> HPy {
    // SAFETY: the lock is held.
    py2h(unsafe { ffi::PyLong_FromLong(c_long::from(value)) })
}

/// `HPyLong_FromUInt32_t`.
///
/// # Safety
/// The interpreter's lock must be held.
#[inline(always)]
pub unsafe fn HPyLong_FromUInt32_t(_ctx: *mut HPyContext, value: u32) -> HPy {
    // SAFETY: the lock is held.
    py2h(unsafe { ffi::PyLong_FromUnsignedLong(value.into()) })
}

/// `HPyLong_AsInt32_t`: `OverflowError` outside the range of `int32_t`.
///
/// # Safety
/// `handle` must be open, with the interpreter's lock held.
pub unsafe fn HPyLong_AsInt32_t(_ctx: *mut HPyContext, handle: HPy) -> i32 {
    // SAFETY: forwarded from the caller.
    let value = unsafe { ffi::PyLong_AsLong(h2py(handle)) };
    match i32::try_from(value) {
        Ok(value) => value,
        Err(_) => {
            // SAFETY: the lock is held.
            unsafe { overflow(c"Python int too large to convert to C int32_t") };
            -1
        }
    }
}

/// `HPyLong_AsUInt32_t`: `OverflowError` above `UINT32_MAX`. As in HPy
/// 0.9 (`ctx_long.c`), the error of a failed conversion (`-1` as an
/// unsigned long) is replaced by that `OverflowError` too.
///
/// # Safety
/// `handle` must be open, with the interpreter's lock held.
pub unsafe fn HPyLong_AsUInt32_t(_ctx: *mut HPyContext, handle: HPy) -> u32 {
    // SAFETY: forwarded from the caller.
    let value = unsafe { ffi::PyLong_AsUnsignedLong(h2py(handle)) };
    u32::try_from(value).unwrap_or_else(|_| {
        // SAFETY: the lock is held.
        unsafe { overflow(c"Python int too large to convert to C uint32_t") };
        u32::MAX
    })
}

/// `HPyLong_AsUInt32_tMask`: the value modulo 2**32.
///
/// # Safety
/// `handle` must be open, with the interpreter's lock held.
#[inline(always)]
pub unsafe fn HPyLong_AsUInt32_tMask(_ctx: *mut HPyContext, handle: HPy) -> u32 {
    // SAFETY: forwarded from the caller.
    let value = unsafe { ffi::PyLong_AsUnsignedLongMask(h2py(handle)) };
    // Truncation is the point: the mask keeps the low 32 bits.
    value as u32
}

/// `HPyBool_FromBool`.
///
/// # Safety
/// The interpreter's lock must be held.
#[inline(always)]
pub unsafe fn HPyBool_FromBool(_ctx: *mut HPyContext, value: bool) -> HPy {
    // SAFETY: the lock is held.
    py2h(unsafe { ffi::PyBool_FromLong(c_long::from(value)) })
}
