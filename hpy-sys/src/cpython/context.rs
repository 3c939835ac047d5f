//! The context of the CPython ABI: one static with a name and no members.
//! Every function ignores it; it exists so that the safe API and the
//! implementations keep their `HPyContext *` parameter.

use core::cell::UnsafeCell;
use core::ffi::{c_char, c_int, c_void};

/// The HPy context in the CPython ABI: only the header of the universal one.
#[repr(C)]
pub struct HPyContext {
    /// `"HPy CPython ABI"`.
    pub name: *const c_char,
    /// Unused.
    pub _private: *mut c_void,
    /// `HPY_ABI_VERSION`.
    pub abi_version: c_int,
}

struct Static(UnsafeCell<HPyContext>);

// SAFETY: the context is never written, and its name is a static string.
unsafe impl Sync for Static {}

static CONTEXT: Static = Static(UnsafeCell::new(HPyContext {
    name: c"HPy CPython ABI".as_ptr(),
    _private: core::ptr::null_mut(),
    abi_version: crate::HPY_ABI_VERSION as c_int,
}));

/// The context every call of this binary gets.
#[inline(always)]
pub fn context() -> *mut HPyContext {
    CONTEXT.0.get()
}
