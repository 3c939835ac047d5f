//! Building `HPyDef`s in constant context.

use crate::ffi::{Erased, MethodSignature, Signature, Slot, Target};
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
/// with `T`'s signature, with its CPython trampoline.
pub const fn meth_def<T: Target<Sig: MethodSignature>>(
    name: &'static CStr,
    doc: Option<&'static CStr>,
) -> HPyDef {
    let sig = <T::Sig as Signature>::SIG;
    HPyDef {
        kind: HPyDef_Kind_Meth,
        u: HPyDef_u {
            meth: HPyMeth {
                name: name.as_ptr(),
                impl_: T::ERASED,
                cpy_trampoline: for_signature::<T>(sig),
                signature: sig,
                doc: c_ptr(doc),
            },
        },
    }
}

/// A definition of slot `S` calling `T::IMPL`, with its CPython
/// trampoline: `T` has the slot's signature, by type.
pub const fn slot_def<S: Slot, T: Target<Sig = S::Sig>>() -> HPyDef {
    let (slot, sig) = (S::SLOT, <S::Sig as Signature>::SIG);
    HPyDef {
        kind: HPyDef_Kind_Slot,
        u: HPyDef_u { slot: HPySlot { slot, impl_: T::ERASED, cpy_trampoline: for_signature::<T>(sig) } },
    }
}
