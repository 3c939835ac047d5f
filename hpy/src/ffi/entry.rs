//! The entry point of every implementation: errors and panics become
//! Python exceptions, never unwinding into C.

use crate::{Ctx, HPyErr, HPyResult, Handle, IntoHPy};
use core::ffi::c_int;
use core::mem::ManuallyDrop;
use hpy_sys::{HPy, HPyContext};
use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A C return type and the value that signals an error with it.
pub trait ReturnValue: Copy {
    /// The error value (`HPy_NULL`, `-1`).
    const ERROR: Self;
    /// Whether `self` is the error value.
    fn is_error(self) -> bool;
}

impl ReturnValue for HPy {
    const ERROR: HPy = hpy_sys::HPy_NULL;
    fn is_error(self) -> bool {
        self.is_null()
    }
}

impl ReturnValue for c_int {
    const ERROR: c_int = -1;
    fn is_error(self) -> bool {
        self == -1
    }
}

impl ReturnValue for isize {
    const ERROR: isize = -1;
    fn is_error(self) -> bool {
        self == -1
    }
}

/// Runs the body of an implementation with the context of its call.
///
/// An `Err` is raised and the error value returned; a panic is caught and
/// raised as the module's `PanicException` (with the panic message).
///
/// # Safety
/// `raw` must be the context HPy passed to the running implementation.
#[inline(always)]
pub unsafe fn run<R: ReturnValue>(
    raw: *mut HPyContext,
    body: impl for<'ctx> FnOnce(Ctx<'ctx>) -> HPyResult<R>,
) -> R {
    // SAFETY: forwarded from the caller.
    unsafe { run_checking(raw, body, true) }
}

/// [`run`]; `check` says whether (in debug builds) a success with an
/// exception set is reported: not for a function that may be called with
/// an exception set already (a buffer release while an error propagates).
///
/// # Safety
/// As [`run`].
#[inline(always)]
pub(crate) unsafe fn run_checking<R: ReturnValue>(
    raw: *mut HPyContext,
    body: impl for<'ctx> FnOnce(Ctx<'ctx>) -> HPyResult<R>,
    #[cfg_attr(not(debug_assertions), allow(unused_variables))] check: bool,
) -> R {
    // SAFETY: HPy passes the context of this call; 'ctx ends with `body`.
    let ctx = unsafe { Ctx::from_raw(raw) };
    // Only an exception this call set is its own: PyPy 7.3.19 calls the
    // object's `__repr__` with the reported exception still set while
    // `HPyErr_WriteUnraisable` runs.
    #[cfg(debug_assertions)]
    let check = check && !ctx.err_occurred();
    match catch_unwind(AssertUnwindSafe(|| body(ctx))) {
        Ok(Ok(value)) => {
            // The error value can come straight from an HPy call (see
            // `IntoHPy::into_raw_result`), with its exception set.
            #[cfg(debug_assertions)]
            if check && !value.is_error() {
                check_no_exception_pending(ctx);
            }
            value
        }
        Ok(Err(err)) => {
            raise_error(ctx, err);
            R::ERROR
        }
        Err(payload) => {
            raise_panic(ctx, payload);
            R::ERROR
        }
    }
}

/// In debug builds: a function that succeeds with an exception still set
/// (a pending `HPyErr` that was dropped instead of returned) is a bug; say
/// so clearly instead of letting CPython report an unrelated `SystemError`.
#[cfg(debug_assertions)]
fn check_no_exception_pending(ctx: Ctx<'_>) {
    // SAFETY: querying the error indicator is always allowed.
    if unsafe { hpy_sys::HPyErr_Occurred(ctx.as_raw()) } != 0 {
        // SAFETY: as above.
        unsafe { hpy_sys::HPyErr_Clear(ctx.as_raw()) };
        let msg = c"an HPy function returned successfully with an exception still set: a pending HPyErr \
                    was dropped instead of returned or cleared (checked in debug builds only)";
        // SAFETY: the warning category is a context constant; the text is NUL-terminated.
        unsafe { hpy_sys::HPyErr_WarnEx(ctx.as_raw(), ctx.runtime_warning().as_raw(), msg.as_ptr(), 1) };
    }
}

/// Raises `err` (out of line: the success path stays small).
#[cold]
#[inline(never)]
fn raise_error(ctx: Ctx<'_>, err: HPyErr) {
    if let Err(payload) = catch_unwind(AssertUnwindSafe(|| err.restore(ctx))) {
        drop_panic_payload(payload);
        raise_panic(ctx, Box::new("a panic while raising an exception"));
    }
}

/// Drops the payload of a caught panic. Any `Drop` may panic, the
/// payload's too (`panic_any(x)` where `x`'s `Drop` panics): that second
/// panic is caught and its payload forgotten, so that nothing unwinds into
/// C, whatever the payload.
pub(crate) fn drop_panic_payload(payload: Box<dyn Any + Send>) {
    if let Err(again) = catch_unwind(AssertUnwindSafe(move || drop(payload))) {
        core::mem::forget(again);
    }
}

#[cold]
#[inline(never)]
fn raise_panic(ctx: Ctx<'_>, payload: Box<dyn Any + Send>) {
    let message = if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a Rust panic with a non-string payload".to_string()
    };
    drop_panic_payload(payload);
    crate::impl_::panic_exception(message).restore(ctx);
}

/// What an implementation gives back to HPy: a new handle, or `HPy_NULL`
/// with an exception set (the result of a single HPy call, returned as it
/// is). Only unsafe code makes one from a raw handle or takes the raw
/// handle out of it; dropping it closes the handle.
pub struct RawReturn<'ctx> {
    raw: HPy,
    ctx: Ctx<'ctx>,
}

impl<'ctx> RawReturn<'ctx> {
    /// Takes over what an HPy call returned.
    ///
    /// # Safety
    /// `raw` must be a new handle open in `ctx` whose ownership moves into
    /// the result, or `HPy_NULL` with an exception set.
    #[inline(always)]
    pub unsafe fn from_raw(ctx: Ctx<'ctx>, raw: HPy) -> Self {
        RawReturn { raw, ctx }
    }

    /// An owned handle, to return.
    #[inline(always)]
    pub fn from_handle(handle: Handle<'ctx>) -> Self {
        let ctx = handle.ctx();
        // SAFETY: the result owns the handle and closes it when dropped.
        RawReturn { raw: unsafe { handle.into_raw() }, ctx }
    }

    /// The raw handle (or null), given up.
    ///
    /// # Safety
    /// The caller takes the handle over: it must return it to HPy (or close
    /// it).
    #[inline(always)]
    pub unsafe fn into_raw(self) -> HPy {
        ManuallyDrop::new(self).raw
    }
}

impl Drop for RawReturn<'_> {
    fn drop(&mut self) {
        if !self.raw.is_null() {
            // SAFETY: the handle is owned by `self` and closed once, here.
            unsafe { hpy_sys::HPy_Close(self.ctx.as_raw(), self.raw) }
        }
    }
}

/// What an implementation may return: a value to convert, or a `Result` of one.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned to Python",
    label = "the return type needs `IntoHPy` (or to be a `Result` of a type with `IntoHPy`)",
    note = "return a `Handle<'_>`, or implement `hpy::IntoHPy` for the returned type"
)]
///
/// # Safety
/// `into_return` must return a handle that the caller owns (a new one), or
/// `HPy_NULL` with an exception set.
pub unsafe trait IntoReturn<'ctx> {
    /// Whether the returned object may be `NotImplemented`
    /// ([`IntoHPy::MAY_BE_NOT_IMPLEMENTED`] of the converted type).
    const MAY_BE_NOT_IMPLEMENTED: bool;

    /// The Python type returned ([`IntoHPy::TYPE_HINT`] of the converted
    /// type), for generated stubs.
    const TYPE_HINT: crate::TypeHint;

    /// Converts into an owned raw handle for HPy.
    ///
    /// # Safety
    /// The caller takes the handle over: it must return it to HPy (or
    /// close it).
    unsafe fn into_return(self, ctx: Ctx<'ctx>) -> HPyResult<HPy>;
}

// SAFETY: `into_raw_result` returns an owned handle, or null with an exception set.
unsafe impl<'ctx, T: IntoHPy<'ctx>> IntoReturn<'ctx> for T {
    const MAY_BE_NOT_IMPLEMENTED: bool = T::MAY_BE_NOT_IMPLEMENTED;
    const TYPE_HINT: crate::TypeHint = T::TYPE_HINT;

    #[inline(always)]
    unsafe fn into_return(self, ctx: Ctx<'ctx>) -> HPyResult<HPy> {
        // SAFETY: forwarded from the caller.
        Ok(unsafe { self.into_raw_result(ctx)?.into_raw() })
    }
}

// SAFETY: as above.
unsafe impl<'ctx, T: IntoHPy<'ctx>, E: Into<HPyErr>> IntoReturn<'ctx> for Result<T, E> {
    const MAY_BE_NOT_IMPLEMENTED: bool = T::MAY_BE_NOT_IMPLEMENTED;
    const TYPE_HINT: crate::TypeHint = T::TYPE_HINT;

    #[inline(always)]
    unsafe fn into_return(self, ctx: Ctx<'ctx>) -> HPyResult<HPy> {
        // SAFETY: forwarded from the caller.
        Ok(unsafe { self.map_err(Into::into)?.into_raw_result(ctx)?.into_raw() })
    }
}
