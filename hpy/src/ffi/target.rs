//! The context that CPython trampolines pass on (`_ctx_for_trampolines`).

use core::ffi::c_void;
use core::sync::atomic::{AtomicPtr, Ordering};
use hpy_sys::{HPyCFunction, HPyContext, HPyFunc_Signature, HPySlot_Slot};

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

/// An HPy signature (`HPyFunc_*`), as a zero-sized type: the types are
/// generated, one per signature, in `generated::trampolines::sig`.
///
/// # Safety
/// `Impl` must be the `unsafe extern "C" fn` pointer type of the
/// implementations of signature `SIG`.
pub unsafe trait Signature {
    /// The signature constant HPy stores in a definition.
    const SIG: HPyFunc_Signature;
    /// The type of an implementation of this signature.
    type Impl: Copy;
}

/// A slot (`HPy_tp_repr`, ...) as a type, with its signature: the types
/// are generated from the ABI table's `[slot-signatures]`, one per slot,
/// in `generated::trampolines::slot`.
pub trait Slot {
    /// The slot constant HPy stores in a definition.
    const SLOT: HPySlot_Slot;
    /// The slot's signature.
    type Sig: Signature;
}

/// The signatures of methods (`HPyDef_METH`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a method signature",
    note = "methods take `sig::Varargs`, `sig::Keywords`, `sig::Noargs` or `sig::O`"
)]
pub trait MethodSignature: Signature {}

impl MethodSignature for crate::generated::trampolines::sig::Varargs {}
impl MethodSignature for crate::generated::trampolines::sig::Keywords {}
impl MethodSignature for crate::generated::trampolines::sig::Noargs {}
impl MethodSignature for crate::generated::trampolines::sig::O {}

/// An implementation as the `HPyCFunction` a definition holds.
pub const fn erase<S: Signature>(f: S::Impl) -> HPyCFunction {
    union Erase<F: Copy> {
        typed: F,
        erased: unsafe extern "C" fn() -> *mut c_void,
    }
    // SAFETY: `Signature` promises that `S::Impl` is a C function pointer
    // type; only the pointer's type changes, HPy calls it with `S::SIG`'s.
    Some(unsafe { Erase::<S::Impl> { typed: f }.erased })
}

/// The implementation a trampoline calls, with its signature: an
/// implementation of another signature is a type error.
///
/// # Safety
/// `IMPL` must keep HPy's contract for its signature (an owned handle or
/// the error value with an exception set; borrowed arguments not closed).
pub unsafe trait Target {
    /// The signature of the implementation.
    type Sig: Signature;
    /// The implementation.
    const IMPL: <Self::Sig as Signature>::Impl;
}

/// A target as HPy stores it, or none (a getset without a setter).
pub trait Erased {
    /// The implementation, type-erased, or `None`.
    const ERASED: HPyCFunction;
    /// Its signature, or `None`.
    const SIG: Option<HPyFunc_Signature>;
}

impl<T: Target> Erased for T {
    const ERASED: HPyCFunction = erase::<T::Sig>(T::IMPL);
    const SIG: Option<HPyFunc_Signature> = Some(<T::Sig as Signature>::SIG);
}

/// Hands a packed argument struct to the HPy runtime, which converts the
/// arguments to handles, calls `T::ERASED` with the context of this call and
/// writes the result back into the struct.
///
/// # Safety
/// `args` must point to the argument struct of signature `sig`, and the
/// module must have been initialized (the runtime does it before any call).
#[inline(always)]
pub unsafe fn call_real<T: Erased>(sig: HPyFunc_Signature, args: *mut c_void) {
    // Relaxed: the context is stored while loading the module, by the thread
    // that holds the interpreter, before any trampoline can run. (The
    // CPython ABI has one static context and ignores this one.)
    #[cfg(not(feature = "cpython-abi"))]
    let ctx = TRAMPOLINE_CTX.load(Ordering::Relaxed);
    #[cfg(feature = "cpython-abi")]
    let ctx = hpy_sys::cpython::context();
    // SAFETY: `ctx` is the context HPy gave the module; the caller provides
    // the argument struct that matches `sig`.
    unsafe { hpy_sys::_HPy_CallRealFunctionFromTrampoline(ctx, sig, T::ERASED, args) }
}
