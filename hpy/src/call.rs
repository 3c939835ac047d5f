//! Calling Python objects with Rust arguments.

use crate::{Ctx, HPyErr, HPyResult, Handle, IntoHPy};
use hpy_sys::HPy;

mod sealed {
    /// Only this crate implements `IntoArgs`: its implementations hand raw
    /// handles to HPy, which must be open.
    pub trait Sealed {}
}

/// Positional arguments for [`Handle::call`]: `()`, a tuple of convertible
/// values (up to 12), or a slice of handles. Sealed: the raw handles it
/// produces must be open, which only this crate's implementations promise.
pub trait IntoArgs<'ctx>: sealed::Sealed {
    /// Converts the arguments and runs `f` with their raw handles.
    fn with_args<R>(self, ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy]) -> R) -> HPyResult<R>;
}

impl sealed::Sealed for () {}
impl sealed::Sealed for &[Handle<'_>] {}

impl<'ctx> IntoArgs<'ctx> for () {
    #[inline]
    fn with_args<R>(self, _ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy]) -> R) -> HPyResult<R> {
        Ok(f(&[]))
    }
}

impl<'ctx> IntoArgs<'ctx> for &[Handle<'ctx>] {
    #[inline]
    fn with_args<R>(self, _ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy]) -> R) -> HPyResult<R> {
        let raw: Vec<HPy> = self.iter().map(Handle::as_raw).collect();
        Ok(f(&raw))
    }
}

macro_rules! tuple_args {
    ($($t:ident $i:tt),+) => {
        impl<$($t),+> sealed::Sealed for ($($t,)+) {}

        impl<'ctx, $($t: IntoHPy<'ctx>),+> IntoArgs<'ctx> for ($($t,)+) {
            #[inline]
            fn with_args<R>(self, ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy]) -> R) -> HPyResult<R> {
                let handles = ($(self.$i.into_hpy(ctx)?,)+);
                Ok(f(&[$(handles.$i.as_raw()),+]))
            }
        }
    };
}

tuple_args!(A 0);
tuple_args!(A 0, B 1);
tuple_args!(A 0, B 1, C 2);
tuple_args!(A 0, B 1, C 2, D 3);
tuple_args!(A 0, B 1, C 2, D 3, E 4);
tuple_args!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_args!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_args!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_args!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_args!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_args!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_args!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

impl<'ctx> Handle<'ctx> {
    /// `self(*args)` (`HPy_Call`). A Python exception raised by the callee
    /// comes back as a pending [`HPyErr`].
    pub fn call(&self, args: impl IntoArgs<'ctx>) -> HPyResult<Handle<'ctx>> {
        let ctx = self.ctx();
        let raw = args.with_args(ctx, |args| {
            // SAFETY: the callable and every argument are open in `ctx`.
            unsafe {
                hpy_sys::HPy_Call(ctx.as_raw(), self.as_raw(), args.as_ptr(), args.len(), hpy_sys::HPy_NULL)
            }
        })?;
        // SAFETY: HPy_Call returns a new handle or null with an exception set.
        unsafe { ctx.wrap(raw) }
    }

    /// `self(*args, **kwargs)` with `kwargs` a dict (`HPy_CallTupleDict`).
    pub fn call_with_kwargs(
        &self,
        args: impl IntoArgs<'ctx>,
        kwargs: &Handle<'ctx>,
    ) -> HPyResult<Handle<'ctx>> {
        let ctx = self.ctx();
        let tuple = args.with_args(ctx, |args| {
            // SAFETY: the items are open; FromArray only reads them.
            unsafe {
                hpy_sys::HPyTuple_FromArray(ctx.as_raw(), args.as_ptr().cast_mut(), args.len() as isize)
            }
        })?;
        // SAFETY: FromArray returns a new handle or null with an exception set.
        let tuple = unsafe { ctx.wrap(tuple) }?;
        // SAFETY: all handles are open in `ctx`.
        unsafe {
            ctx.wrap(hpy_sys::HPy_CallTupleDict(ctx.as_raw(), self.as_raw(), tuple.as_raw(), kwargs.as_raw()))
        }
    }

    /// `self.name(*args)`.
    pub fn call_method(&self, name: &str, args: impl IntoArgs<'ctx>) -> HPyResult<Handle<'ctx>> {
        self.getattr(name)?.call(args)
    }

    /// Whether `self` is callable.
    pub fn is_callable(&self) -> bool {
        // SAFETY: `self` is open in its context.
        unsafe { hpy_sys::HPyCallable_Check(self.ctx().as_raw(), self.as_raw()) != 0 }
    }
}

#[allow(dead_code)]
fn _assert_error_is_send_sync() {
    fn check<T: Send + Sync>() {}
    check::<HPyErr>();
}
