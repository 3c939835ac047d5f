//! `HPyContextVar_Get`, whose result comes back through a pointer.

use super::{h2py, py2h};
use crate::{HPy, HPyContext};
use pyo3_ffi as ffi;

/// `HPyContextVar_Get`.
///
/// # Safety
/// The handles must be open (`default_value` may be null) and `result`
/// writable, with the interpreter's lock held.
pub unsafe fn HPyContextVar_Get(
    _ctx: *mut HPyContext,
    context_var: HPy,
    default_value: HPy,
    result: *mut HPy,
) -> i32 {
    let mut value = core::ptr::null_mut();
    // SAFETY: forwarded from the caller.
    let status = unsafe { ffi::PyContextVar_Get(h2py(context_var), h2py(default_value), &mut value) };
    // SAFETY: `result` is writable.
    unsafe { result.write(py2h(value)) };
    status
}
