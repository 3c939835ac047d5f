//! What generated code does with the value a user's function returns,
//! decided by its type, never by how the type is spelled: an inherent
//! method of [`Returned`] or [`InPlace`] for a `Result` (or `()`) shadows
//! the trait method every other type gets, so an alias of `HPyResult<T>`
//! is a `Result` and a user's type named `Result` is not.

use super::slots::dup_raw;
use crate::ffi::entry::IntoReturn;
use crate::{Ctx, HPyErr, HPyResult};
use hpy_sys::HPy;

/// A constructor's returned value: `T`, or `Result<T, E>` whose error is
/// raised.
pub struct Returned<R>(pub R);

impl<T, E> Returned<Result<T, E>> {
    /// The value, or the error to raise (the bound is on the method, so
    /// that any `Result` takes this route and an error type that does not
    /// convert is reported as such).
    #[inline(always)]
    pub fn into_value(self) -> HPyResult<T>
    where
        E: Into<HPyErr>,
    {
        self.0.map_err(Into::into)
    }
}

/// A returned value that is not a `Result`: the value itself.
pub trait PlainReturned<R> {
    /// The value.
    fn into_value(self) -> HPyResult<R>;
}

impl<R> PlainReturned<R> for Returned<R> {
    #[inline(always)]
    fn into_value(self) -> HPyResult<R> {
        Ok(self.0)
    }
}

/// An in-place operator's returned value: nothing (`()` or
/// `Result<(), E>`) returns the object itself, anything else is returned.
pub struct InPlace<R>(pub R);

impl InPlace<()> {
    /// The object itself.
    ///
    /// # Safety
    /// `this` is the slot's `self`, open for the call; the caller returns
    /// the new handle to HPy.
    #[inline(always)]
    pub unsafe fn finish(self, ctx: Ctx<'_>, this: HPy) -> HPyResult<HPy> {
        // SAFETY: forwarded from the caller.
        Ok(unsafe { dup_raw(ctx, this) })
    }
}

impl<E: Into<HPyErr>> InPlace<Result<(), E>> {
    /// The object itself, or the error to raise.
    ///
    /// # Safety
    /// As for `InPlace<()>::finish`.
    #[inline(always)]
    pub unsafe fn finish(self, ctx: Ctx<'_>, this: HPy) -> HPyResult<HPy> {
        self.0.map_err(Into::into)?;
        // SAFETY: forwarded from the caller.
        Ok(unsafe { dup_raw(ctx, this) })
    }
}

/// An in-place operator returning a value: the value.
pub trait InPlaceValue<'ctx> {
    /// The value, as a new handle.
    ///
    /// # Safety
    /// The caller returns the new handle to HPy.
    unsafe fn finish(self, ctx: Ctx<'ctx>, this: HPy) -> HPyResult<HPy>;
}

impl<'ctx, R: IntoReturn<'ctx>> InPlaceValue<'ctx> for InPlace<R> {
    #[inline(always)]
    unsafe fn finish(self, ctx: Ctx<'ctx>, _this: HPy) -> HPyResult<HPy> {
        // SAFETY: forwarded from the caller.
        unsafe { self.0.into_return(ctx) }
    }
}

/// The first parameter of a method without `self`: `&Instance<'_, Self>`.
#[diagnostic::on_unimplemented(
    message = "a method takes `&self`, `&mut self` or `slf: &Instance<'_, Self>` first, not `{Self}`",
    label = "not a receiver",
    note = "mark a function without one #[staticmethod] or #[classmethod]"
)]
pub trait InstanceReceiver<'a, 'ctx, T: crate::HPyClass>: Sized {
    /// The receiver.
    fn from_instance(instance: &'a crate::Instance<'ctx, T>) -> Self;
}

impl<'a, 'ctx, T: crate::HPyClass> InstanceReceiver<'a, 'ctx, T> for &'a crate::Instance<'ctx, T> {
    #[inline(always)]
    fn from_instance(instance: &'a crate::Instance<'ctx, T>) -> Self {
        instance
    }
}
