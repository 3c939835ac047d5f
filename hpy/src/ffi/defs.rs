//! Building `HPyDef`s in constant context.

use crate::ffi::Target;
use crate::generated::trampolines::for_signature;
use core::ffi::CStr;
use hpy_sys::*;

const fn c_ptr(text: Option<&'static CStr>) -> *const core::ffi::c_char {
    match text {
        Some(text) => text.as_ptr(),
        None => core::ptr::null(),
    }
}

/// A method definition (module function or type method) calling `T::IMPL`
/// with signature `sig`, with its CPython trampoline.
///
/// # Safety
/// `T::IMPL` must have the implementation signature of `sig`.
pub const unsafe fn meth_def<T: Target>(
    name: &'static CStr,
    doc: Option<&'static CStr>,
    sig: HPyFunc_Signature,
) -> HPyDef {
    HPyDef {
        kind: HPyDef_Kind_Meth,
        u: HPyDef_u {
            meth: HPyMeth {
                name: name.as_ptr(),
                impl_: T::IMPL,
                cpy_trampoline: for_signature::<T>(sig),
                signature: sig,
                doc: c_ptr(doc),
            },
        },
    }
}

/// A slot definition calling `T::IMPL` with the signature `sig` of `slot`,
/// with its CPython trampoline.
///
/// # Safety
/// `sig` must be the signature of `slot`, and `T::IMPL` must have it.
pub const unsafe fn slot_def<T: Target>(slot: HPySlot_Slot, sig: HPyFunc_Signature) -> HPyDef {
    HPyDef {
        kind: HPyDef_Kind_Slot,
        u: HPyDef_u { slot: HPySlot { slot, impl_: T::IMPL, cpy_trampoline: for_signature::<T>(sig) } },
    }
}
