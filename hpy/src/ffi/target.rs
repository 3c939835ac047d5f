//! The context that CPython trampolines pass on (`_ctx_for_trampolines`).

use core::ffi::c_void;
use core::sync::atomic::{AtomicPtr, Ordering};
use hpy_sys::{HPyCFunction, HPyContext, HPyFunc_Signature};

/// The context given to `HPyInitGlobalContext_<name>`. One per loaded
/// binary, as in C. Only trampolines read it: every implementation gets the
/// context of its own call from `ctx_CallRealFunctionFromTrampoline`.
static TRAMPOLINE_CTX: AtomicPtr<HPyContext> = AtomicPtr::new(core::ptr::null_mut());

/// Called by the exported `HPyInitGlobalContext_<name>`.
///
/// # Safety
/// `ctx` must be the context HPy passes to `HPyInitGlobalContext_<name>`.
pub unsafe fn set_trampoline_context(ctx: *mut HPyContext) {
    TRAMPOLINE_CTX.store(ctx, Ordering::Relaxed);
}

/// The implementation a trampoline calls.
///
/// # Safety
/// `IMPL` must have the implementation signature of every `HPyFunc_*`
/// signature the target is used with.
pub unsafe trait Target {
    /// The implementation, as HPy stores it in a definition.
    const IMPL: HPyCFunction;
}

/// Hands a packed argument struct to the HPy runtime, which converts the
/// arguments to handles, calls `T::IMPL` with the context of this call and
/// writes the result back into the struct.
///
/// # Safety
/// `args` must point to the argument struct of signature `sig`, and the
/// module must have been initialized (the runtime does it before any call).
#[inline(always)]
pub unsafe fn call_real<T: Target>(sig: HPyFunc_Signature, args: *mut c_void) {
    // Relaxed: the context is stored while loading the module, by the thread
    // that holds the interpreter, before any trampoline can run.
    let ctx = TRAMPOLINE_CTX.load(Ordering::Relaxed);
    // SAFETY: `ctx` is the context HPy gave the module; the caller provides
    // the argument struct that matches `sig`.
    unsafe { hpy_sys::_HPy_CallRealFunctionFromTrampoline(ctx, sig, T::IMPL, args) }
}
