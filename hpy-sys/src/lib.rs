//! Raw bindings to the [HPy](https://hpyproject.org) **0.9.0** universal ABI.
//!
//! Everything here mirrors `hpy.h` built with `-DHPY_ABI_UNIVERSAL`, with the C
//! names: the one-word value types ([`HPy`], [`HPyField`], ...), every enum as
//! a `c_int` newtype with its constants, the definition structs ([`HPyDef`],
//! [`HPyType_Spec`], [`HPyModuleDef`], ...), the trampoline argument structs
//! (`_HPyFunc_args_*`), the [`HPyContext`] with all 263 members in ID order,
//! and the API functions of `hpy.h` (`HPy_Dup`, `HPyLong_FromInt64_t`, ...) as
//! `unsafe fn`s that call through the context.
//!
//! The types, constants, structs and API functions are generated from one
//! table, `abi/hpy-0.9.0.abi`, by `cargo xtask codegen`; the `abi-layout` test
//! compiles a probe against the headers of the installed `hpy==0.9.0` package
//! and compares every size, offset, field type, function type and constant.
//!
//! Building this crate needs no Python. Most users want the safe `hpy` crate.
//!
//! With the `cpython-abi` feature, the same functions are done on CPython's C
//! API instead (the `cpython` module): `HPy` is the `PyObject *`, the context is a
//! static with no function members, and the build needs the target
//! interpreter.
#![no_std]
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals, clippy::missing_safety_doc)]

#[cfg(feature = "cpython-abi")]
extern crate alloc;

mod generated {
    pub mod abi;
    #[cfg(not(feature = "cpython-abi"))]
    pub mod api;
    #[cfg(feature = "cpython-abi")]
    pub mod cpython_api;
    #[cfg(not(feature = "cpython-abi"))]
    pub mod layouts;
}

#[cfg(feature = "cpython-abi")]
pub mod cpython;
#[cfg(not(feature = "cpython-abi"))]
pub mod layout;

#[cfg(feature = "cpython-abi")]
pub use cpython::context::HPyContext;
pub use generated::abi::*;
#[cfg(not(feature = "cpython-abi"))]
pub use generated::api::*;
#[cfg(feature = "cpython-abi")]
pub use generated::cpython_api::*;

use core::ffi::CStr;

/// `HPy_ssize_t`: `intptr_t` in the universal ABI.
pub type HPy_ssize_t = isize;
/// `HPy_hash_t`: `intptr_t` in the universal ABI.
pub type HPy_hash_t = isize;
/// `HPy_UCS4`: one Unicode code point.
pub type HPy_UCS4 = u32;
/// The C `wchar_t`.
#[cfg(windows)]
pub type wchar_t = u16;
/// The C `wchar_t`.
#[cfg(not(windows))]
pub type wchar_t = i32;

/// `HPY_ABI_TAG`: the tag in the file name of a universal module (`name.hpy0.so`).
pub const HPY_ABI_TAG: &CStr = c"hpy0";

/// `HPy_NULL`: the null handle (the only handle value with a defined meaning).
pub const HPy_NULL: HPy = HPy { _i: 0 };
/// `HPyField_NULL`.
pub const HPyField_NULL: HPyField = HPyField { _i: 0 };
/// The null `HPyGlobal`.
pub const HPyGlobal_NULL: HPyGlobal = HPyGlobal { _i: 0 };

impl HPy {
    /// `HPy_IsNull`.
    #[inline(always)]
    pub const fn is_null(self) -> bool {
        self._i == 0
    }
}

impl HPyField {
    /// `HPyField_IsNull`.
    #[inline(always)]
    pub const fn is_null(self) -> bool {
        self._i == 0
    }
}

/// `HPy_FromVoidP`: reinterprets a pointer as a handle value.
#[inline(always)]
pub fn HPy_FromVoidP(p: *mut core::ffi::c_void) -> HPy {
    HPy { _i: p as isize }
}

/// `HPy_AsVoidP`: reinterprets a handle value as a pointer.
#[inline(always)]
pub fn HPy_AsVoidP(h: HPy) -> *mut core::ffi::c_void {
    h._i as *mut core::ffi::c_void
}

#[cfg(not(feature = "cpython-abi"))]
macro_rules! opaque_cpython_type {
    ($($name:ident),*) => {$(
        /// An opaque CPython type: universal modules only ever hold pointers to it.
        #[repr(C)]
        pub struct $name {
            _private: [u8; 0],
            _not_send_sync: core::marker::PhantomData<*mut u8>,
        }
    )*};
}
#[cfg(not(feature = "cpython-abi"))]
opaque_cpython_type!(cpy_PyObject, cpy_PyMethodDef, cpy_PyModuleDef, cpy_Py_buffer);

/// CPython's `PyObject`: in the CPython ABI a handle is a pointer to one.
#[cfg(feature = "cpython-abi")]
pub type cpy_PyObject = pyo3_ffi::PyObject;
/// CPython's `PyMethodDef`.
#[cfg(feature = "cpython-abi")]
pub type cpy_PyMethodDef = pyo3_ffi::PyMethodDef;
/// CPython's `PyModuleDef`.
#[cfg(feature = "cpython-abi")]
pub type cpy_PyModuleDef = pyo3_ffi::PyModuleDef;
/// CPython's `Py_buffer`.
#[cfg(feature = "cpython-abi")]
pub type cpy_Py_buffer = pyo3_ffi::Py_buffer;
