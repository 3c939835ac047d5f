//! `_HPy_CallRealFunctionFromTrampoline` in the CPython ABI: the
//! trampolines of `hpy` keep their shape, and this, inlined into each with a
//! constant signature, calls the implementation directly: the arguments are
//! already handles.

use super::{context, h2py, not_yet, py2h};
use crate::*;
use core::ffi::c_void;

/// The implementation as the function pointer type of its signature.
///
/// # Safety
/// `F` must be the `HPyFunc_*` type of the signature `func` was defined with.
#[inline(always)]
unsafe fn typed<F>(func: HPyCFunction) -> F {
    // SAFETY: both are nullable function pointers; the caller names the type.
    unsafe { core::mem::transmute_copy::<HPyCFunction, F>(&func) }
}

/// Calls `func` with the arguments in `args`, writing its result there.
///
/// # Safety
/// `args` must point to the `_HPyFunc_args_*` struct of `sig`, and `func`
/// be an implementation of `sig`, with the interpreter's lock held.
#[inline(always)]
pub unsafe fn _HPy_CallRealFunctionFromTrampoline(
    _ctx: *mut HPyContext,
    sig: HPyFunc_Signature,
    func: HPyCFunction,
    args: *mut c_void,
) {
    let ctx = context();
    match sig {
        // SAFETY: the caller passes the struct and an implementation of `sig`.
        HPyFunc_NOARGS => unsafe {
            let a = &mut *args.cast::<_HPyFunc_args_NOARGS>();
            if let Some(f) = typed::<HPyFunc_noargs>(func) {
                a.result = h2py(f(ctx, py2h(a.self_)));
            }
        },
        // SAFETY: the caller passes the struct and an implementation of `sig`.
        HPyFunc_O => unsafe {
            let a = &mut *args.cast::<_HPyFunc_args_O>();
            if let Some(f) = typed::<HPyFunc_o>(func) {
                a.result = h2py(f(ctx, py2h(a.self_), py2h(a.arg)));
            }
        },
        // SAFETY: the caller passes the struct and an implementation of `sig`.
        HPyFunc_VARARGS => unsafe {
            let a = &mut *args.cast::<_HPyFunc_args_VARARGS>();
            if let Some(f) = typed::<HPyFunc_varargs>(func) {
                a.result = h2py(f(ctx, py2h(a.self_), a.args.cast(), a.nargs as usize));
            }
        },
        // SAFETY: the caller passes the struct and an implementation of `sig`.
        HPyFunc_KEYWORDS => unsafe {
            let a = &mut *args.cast::<_HPyFunc_args_KEYWORDS>();
            if let Some(f) = typed::<HPyFunc_keywords>(func) {
                let nargs = pyo3_ffi::PyVectorcall_NARGS(a.nargsf) as usize;
                a.result = h2py(f(ctx, py2h(a.self_), a.args.cast(), nargs, py2h(a.kwnames)));
            }
        },
        // SAFETY: the caller passes the struct and an implementation of `sig`.
        HPyFunc_INQUIRY => unsafe {
            let a = &mut *args.cast::<_HPyFunc_args_INQUIRY>();
            if let Some(f) = typed::<HPyFunc_inquiry>(func) {
                a.result = f(ctx, py2h(a.arg0));
            }
        },
        // SAFETY: for this signature, `args` is the dying capsule itself.
        HPyFunc_CAPSULE_DESTRUCTOR => unsafe {
            super::capsule::destroy(args.cast(), typed::<HPyFunc_Capsule_Destructor>(func));
        },
        // SAFETY: the lock is held. The result keeps its error value (the
        // trampoline's initial null or 0) with `SystemError` set.
        _ => unsafe { not_yet::<()>(c"this HPy signature") },
    }
}
