//! An `HPyMeth` as CPython's `PyMethodDef`, for modules and types alike:
//! the signature picks the `METH_*` flags, and CPython calls the CPython
//! trampoline that the definition carries.

use crate::*;
use core::ffi::{CStr, c_int};
use pyo3_ffi as ffi;

/// The `METH_*` flags of a method signature.
fn flags(signature: HPyFunc_Signature) -> Option<c_int> {
    Some(match signature {
        HPyFunc_VARARGS => ffi::METH_FASTCALL,
        HPyFunc_KEYWORDS => ffi::METH_FASTCALL | ffi::METH_KEYWORDS,
        HPyFunc_NOARGS => ffi::METH_NOARGS,
        HPyFunc_O => ffi::METH_O,
        _ => return None,
    })
}

/// The `PyMethodDef` of `meth`, or why it cannot be one.
pub(super) fn method_def(meth: &HPyMeth) -> Result<ffi::PyMethodDef, &'static CStr> {
    let (Some(flags), Some(trampoline)) = (flags(meth.signature), meth.cpy_trampoline) else {
        return Err(c"a method has no trampoline or a signature that is not a method's");
    };
    // SAFETY: CPython calls the trampoline with the C signature its flags name.
    let function: ffi::PyCFunction = unsafe { core::mem::transmute(trampoline) };
    Ok(ffi::PyMethodDef {
        ml_name: meth.name,
        ml_meth: ffi::PyMethodDefPointer { PyCFunction: function },
        ml_flags: flags,
        ml_doc: meth.doc,
    })
}
