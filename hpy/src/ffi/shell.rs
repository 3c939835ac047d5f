//! The implementation shells: one generic `extern "C"` function per HPy
//! signature (generated from the ABI table into `generated/shells.rs`),
//! which HPy calls and which runs a body inside [`run`](crate::impl_::run) (errors raised,
//! panics caught). Generated code writes only the body, as a [`Body`]
//! implementation on a zero-sized type, and names the shell through
//! [`Shell`]: it writes no `extern "C"` function and no `catch_unwind`.

use crate::ffi::Signature;
use crate::ffi::entry::run_checking;
use crate::{Ctx, HPyResult};
use core::ffi::c_int;
use hpy_sys::{HPy, HPyContext};

/// A signature whose implementations take the context first, with the
/// library's shell: its other arguments and its C return type.
pub trait ShellSignature: Signature + Sized {
    /// The arguments after the context, as a tuple.
    type Args;
    /// The C return type (`()` for a signature that returns nothing).
    type Ret;
}

/// The body of an implementation of signature `S`, run by `S`'s shell
/// with the context of the call.
///
/// # Safety
/// `call` keeps HPy's contract for `S`: on success, a returned handle is a
/// new one that the caller owns; the arguments are not closed.
pub unsafe trait Body<S: ShellSignature> {
    /// The body.
    ///
    /// # Safety
    /// `args` must be the arguments HPy passed to the implementation, for
    /// the call of `ctx`.
    unsafe fn call(ctx: Ctx<'_>, args: S::Args) -> HPyResult<S::Ret>;
}

/// The shell of signature `Self` for body `B`, as the implementation a
/// `Target` names: `const IMPL = <Self::Sig as Shell<Self>>::SHELL`.
pub trait Shell<B: Body<Self>>: ShellSignature {
    /// The shell's instance for `B`.
    const SHELL: Self::Impl;
}

/// Runs the body of an implementation that returns nothing (a finalizer,
/// a buffer release): an error cannot propagate, so it is reported with
/// `HPyErr_WriteUnraisable` about `object` (which may be `HPy_NULL`), as
/// CPython does.
///
/// # Safety
/// `raw` must be the context HPy passed to the running implementation and
/// `object` a handle open for the call, or `HPy_NULL`.
#[inline(always)]
pub unsafe fn run_unraisable(
    raw: *mut HPyContext,
    object: HPy,
    body: impl for<'ctx> FnOnce(Ctx<'ctx>) -> HPyResult<()>,
) {
    // Such a function may be called with an exception set (a buffer is
    // released while an error propagates): only one it sets is its own.
    // SAFETY: querying the error indicator needs only the live context.
    let check = cfg!(debug_assertions) && unsafe { hpy_sys::HPyErr_Occurred(raw) } == 0;
    // SAFETY: forwarded from the caller.
    let status: c_int = unsafe { run_checking(raw, |ctx| body(ctx).map(|()| 0), check) };
    if status < 0 {
        // SAFETY: an exception is set; `object` is open for the call (or null).
        unsafe { hpy_sys::HPyErr_WriteUnraisable(raw, object) }
    }
}
