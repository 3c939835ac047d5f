//! Capsules. PyPy 7.3.19's `HPyCapsule_Set` ignores a null destructor
//! instead of removing the capsule's destructor: on PyPy, removing it
//! installs one that does nothing, which has the same effect.

use core::ffi::{c_char, c_void};
use hpy_sys::{HPyCapsule_Destructor, cpy_PyObject};

unsafe extern "C" fn nothing(_name: *const c_char, _pointer: *mut c_void, _context: *mut c_void) {}

unsafe extern "C" fn nothing_on_cpython(_capsule: *mut cpy_PyObject) {}

/// A destructor that does nothing, to stand for "none" on PyPy.
pub(crate) static NO_DESTRUCTOR: HPyCapsule_Destructor =
    HPyCapsule_Destructor { cpy_trampoline: Some(nothing_on_cpython), impl_: Some(nothing) };
