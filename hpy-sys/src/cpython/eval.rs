//! `HPy_Compile_s`: the source kind becomes `Py_CompileString`'s start symbol.

use super::py2h;
use crate::{
    HPy, HPy_NULL, HPy_SourceKind, HPy_SourceKind_Expr, HPy_SourceKind_File, HPy_SourceKind_Single,
    HPyContext,
};
use core::ffi::c_char;
use pyo3_ffi as ffi;

/// `HPy_Compile_s`: a code object, or `SystemError` for an unknown kind.
///
/// # Safety
/// The strings must be NUL-terminated, with the interpreter's lock held.
pub unsafe fn HPy_Compile_s(
    _ctx: *mut HPyContext,
    utf8_source: *const c_char,
    utf8_filename: *const c_char,
    kind: HPy_SourceKind,
) -> HPy {
    let start = match kind {
        HPy_SourceKind_Expr => ffi::Py_eval_input,
        HPy_SourceKind_File => ffi::Py_file_input,
        HPy_SourceKind_Single => ffi::Py_single_input,
        _ => {
            // SAFETY: the lock is held.
            unsafe { ffi::PyErr_SetString(ffi::PyExc_SystemError, c"invalid source kind".as_ptr()) };
            return HPy_NULL;
        }
    };
    // SAFETY: forwarded from the caller.
    py2h(unsafe { ffi::Py_CompileString(utf8_source, utf8_filename, start) })
}
