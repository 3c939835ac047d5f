//! `HPyBytes_FromStringAndSize`, which refuses a null pointer.

use super::py2h;
use crate::{HPy, HPy_NULL, HPy_ssize_t, HPyContext};
use core::ffi::c_char;
use pyo3_ffi as ffi;

/// `HPyBytes_FromStringAndSize`: `ValueError` for a null `bytes` (the C API
/// would make a zeroed object instead).
///
/// # Safety
/// `bytes` must be null or point to `len` readable bytes, with the lock held.
pub unsafe fn HPyBytes_FromStringAndSize(
    _ctx: *mut HPyContext,
    bytes: *const c_char,
    len: HPy_ssize_t,
) -> HPy {
    if bytes.is_null() {
        // SAFETY: the lock is held.
        unsafe {
            ffi::PyErr_SetString(
                ffi::PyExc_ValueError,
                c"NULL char * passed to HPyBytes_FromStringAndSize".as_ptr(),
            )
        };
        return HPy_NULL;
    }
    // SAFETY: forwarded from the caller.
    py2h(unsafe { ffi::PyBytes_FromStringAndSize(bytes, len) })
}
