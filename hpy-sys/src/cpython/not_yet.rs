//! What a context member that the CPython ABI does not have yet does: it
//! raises `SystemError` naming itself and returns its error value.

use crate::{
    HPy, HPy_NULL, HPyListBuilder, HPyThreadState, HPyTracker, HPyTupleBuilder, HPyType_BuiltinShape,
};
use core::ffi::{CStr, c_char, c_void};

/// The value a function returns with an exception set.
pub trait ErrorValue {
    /// That value.
    const ERROR: Self;
}

macro_rules! error_value {
    ($($ty:ty => $value:expr),* $(,)?) => {$(
        impl ErrorValue for $ty {
            const ERROR: Self = $value;
        }
    )*};
}

error_value! {
    () => (),
    HPy => HPy_NULL,
    i32 => -1,
    isize => -1,
    u32 => u32::MAX,
    u64 => u64::MAX,
    usize => usize::MAX,
    f64 => -1.0,
    *mut c_void => core::ptr::null_mut(),
    *const c_char => core::ptr::null(),
    HPyListBuilder => HPyListBuilder { _lst: 0 },
    HPyTupleBuilder => HPyTupleBuilder { _tup: 0 },
    HPyTracker => HPyTracker { _i: 0 },
    HPyThreadState => HPyThreadState { _i: 0 },
    HPyType_BuiltinShape => HPyType_BuiltinShape(-2),
}

/// Raises `SystemError("<name> is not implemented in the CPython ABI yet")`.
///
/// # Safety
/// The interpreter's lock must be held.
#[cold]
pub(crate) unsafe fn not_yet<T: ErrorValue>(name: &CStr) -> T {
    let name = name.to_str().unwrap_or("an HPy function");
    let message = alloc::format!("{name} is not implemented in the CPython ABI yet\0");
    // SAFETY: the lock is held; the message is NUL-terminated.
    unsafe { pyo3_ffi::PyErr_SetString(pyo3_ffi::PyExc_SystemError, message.as_ptr().cast()) };
    T::ERROR
}
