//! Calling Python objects: positional arguments as Rust values or handles
//! ([`IntoArgs`]), keyword arguments ([`IntoKwargs`](crate::IntoKwargs)),
//! methods by name, and `f(*args, **kwargs)` with a tuple and a dict.

use crate::object::attr::{AttrName, with_name_object};
use crate::object::call_tuple::{MAX_STACK_ITEMS, call_through_tuple};
use crate::{Ctx, HPyErr, HPyResult, Handle, IntoHPy, IntoKwargs};
use hpy_sys::HPy;

pub(crate) mod sealed {
    /// Only this crate implements `IntoArgs` and `IntoKwargs`: their
    /// implementations hand raw handles to HPy, which must be open.
    pub trait Sealed {}
}

/// Positional arguments for [`Handle::call`]: `()`, a tuple of convertible
/// values (up to 12), or a slice of handles (`&[Handle]` or `&[&Handle]`).
/// Sealed: the raw handles it produces must be open, which only this
/// crate's implementations promise.
pub trait IntoArgs<'ctx>: sealed::Sealed {
    /// Converts the arguments and runs `f` with their raw handles.
    fn with_args<R>(self, ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy]) -> R) -> HPyResult<R>;
}

impl sealed::Sealed for () {}
impl sealed::Sealed for &[Handle<'_>] {}
impl sealed::Sealed for &[&Handle<'_>] {}

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

impl<'ctx> IntoArgs<'ctx> for &[&Handle<'ctx>] {
    #[inline]
    fn with_args<R>(self, _ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy]) -> R) -> HPyResult<R> {
        let raw: Vec<HPy> = self.iter().map(|h| h.as_raw()).collect();
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

/// Runs `f` with the positional handles followed by the keyword values (the
/// layout of `HPy_Call` and `HPy_CallMethod`), and the tuple of keyword
/// names or null; `receiver` goes first when given.
fn with_call_args<'ctx, R>(
    ctx: Ctx<'ctx>,
    receiver: Option<&Handle<'ctx>>,
    args: impl IntoArgs<'ctx>,
    kwargs: impl IntoKwargs<'ctx>,
    f: impl FnOnce(&[HPy], usize, HPy) -> R,
) -> HPyResult<R> {
    args.with_args(ctx, |positional| {
        kwargs.with_kwargs(ctx, |values, names| {
            let mut all = Vec::with_capacity(receiver.is_some() as usize + positional.len() + values.len());
            all.extend(receiver.map(Handle::as_raw));
            all.extend_from_slice(positional);
            let nargs = all.len();
            all.extend_from_slice(values);
            f(&all, nargs, names)
        })
    })?
}

/// `callable(*args)` with raw arguments, through a tuple when they are many.
///
/// # Safety
/// Every handle of `args` must be open in `callable`'s context.
pub(crate) unsafe fn call_raw<'ctx>(callable: &Handle<'ctx>, args: &[HPy]) -> HPyResult<Handle<'ctx>> {
    let ctx = callable.ctx();
    if args.len() > MAX_STACK_ITEMS {
        // SAFETY: forwarded from the caller; no keywords.
        return unsafe { call_through_tuple(callable, args, args.len(), hpy_sys::HPy_NULL, "call") };
    }
    // SAFETY: the callable and every argument are open in `ctx`; HPy_Call
    // returns a new handle or null with an exception set.
    unsafe {
        ctx.wrap(hpy_sys::HPy_Call(
            ctx.as_raw(),
            callable.as_raw(),
            args.as_ptr(),
            args.len(),
            hpy_sys::HPy_NULL,
        ))
    }
}

impl<'ctx> Handle<'ctx> {
    /// `self(*args)` (`HPy_Call`). A Python exception raised by the callee
    /// comes back as a pending [`HPyErr`].
    ///
    /// Any number of arguments works: above a few hundred, the call goes
    /// through a tuple (see `HPy_CallTupleDict`), since HPy copies the
    /// arguments of `HPy_Call` to the C stack.
    pub fn call(&self, args: impl IntoArgs<'ctx>) -> HPyResult<Handle<'ctx>> {
        // SAFETY: `with_args` passes handles open in this context.
        args.with_args(self.ctx(), |args| unsafe { call_raw(self, args) })?
    }

    /// `self(*args, **kwargs)` (`HPy_Call` with keyword names), e.g.
    /// `f.call_kw((1, "a"), (("sep", "-"), ("end", &obj)))` or with a dict.
    pub fn call_kw(
        &self,
        args: impl IntoArgs<'ctx>,
        kwargs: impl IntoKwargs<'ctx>,
    ) -> HPyResult<Handle<'ctx>> {
        let ctx = self.ctx();
        with_call_args(ctx, None, args, kwargs, |all, nargs, names| {
            // In both calls every handle is open; `names` is null or a tuple
            // of `str` as long as the values after the `nargs` positional
            // ones. HPy_Call returns a new handle or null with an exception set.
            if all.len() > MAX_STACK_ITEMS {
                // SAFETY: see above.
                return unsafe { call_through_tuple(self, all, nargs, names, "call_kw") };
            }
            // SAFETY: see above.
            unsafe { ctx.wrap(hpy_sys::HPy_Call(ctx.as_raw(), self.as_raw(), all.as_ptr(), nargs, names)) }
        })?
    }

    /// `self(*args, **kwargs)` with `args` a tuple and `kwargs` a dict or
    /// `None` (`HPy_CallTupleDict`); `TypeError` for other kinds of objects.
    pub fn call_tuple_dict(
        &self,
        args: &Handle<'ctx>,
        kwargs: Option<&Handle<'ctx>>,
    ) -> HPyResult<Handle<'ctx>> {
        let ctx = self.ctx();
        let kwargs = kwargs.map_or(hpy_sys::HPy_NULL, Handle::as_raw);
        // SAFETY: all handles are open in `ctx` (`kwargs` may be null); HPy
        // checks that they are a tuple and a dict.
        unsafe { ctx.wrap(hpy_sys::HPy_CallTupleDict(ctx.as_raw(), self.as_raw(), args.as_raw(), kwargs)) }
    }

    /// `self.name(*args)` (`HPy_CallMethod`).
    pub fn call_method(
        &self,
        name: impl AttrName<'ctx>,
        args: impl IntoArgs<'ctx>,
    ) -> HPyResult<Handle<'ctx>> {
        self.call_method_kw(name, args, ())
    }

    /// `self.name(*args, **kwargs)` (`HPy_CallMethod` with keyword names).
    /// With many arguments, `getattr(self, name)` is called through a tuple
    /// and a dict, as [`Handle::call`] explains.
    pub fn call_method_kw(
        &self,
        name: impl AttrName<'ctx>,
        args: impl IntoArgs<'ctx>,
        kwargs: impl IntoKwargs<'ctx>,
    ) -> HPyResult<Handle<'ctx>> {
        let ctx = self.ctx();
        with_name_object(self, name.attr_name(), |name| {
            with_call_args(ctx, Some(self), args, kwargs, |all, nargs, names| {
                // In both calls every handle is open; the receiver is
                // `all[0]` and counts in `nargs`; `names` is null or a tuple
                // of `str`. HPy_CallMethod returns a new handle or null with
                // an exception set.
                if all.len() > MAX_STACK_ITEMS {
                    let method = self.getattr(name)?;
                    // SAFETY: see above; the receiver is left out.
                    return unsafe {
                        call_through_tuple(&method, &all[1..], nargs - 1, names, "call_method_kw")
                    };
                }
                // SAFETY: see above.
                unsafe {
                    ctx.wrap(hpy_sys::HPy_CallMethod(ctx.as_raw(), name.as_raw(), all.as_ptr(), nargs, names))
                }
            })?
        })
    }

    /// `getattr(self, name)(*args, **kwargs)` with a tuple and a dict (or
    /// `None`), as HPy's `HPy_CallMethodTupleDict[_s]` helpers do.
    pub fn call_method_tuple_dict(
        &self,
        name: impl AttrName<'ctx>,
        args: &Handle<'ctx>,
        kwargs: Option<&Handle<'ctx>>,
    ) -> HPyResult<Handle<'ctx>> {
        self.getattr(name)?.call_tuple_dict(args, kwargs)
    }

    /// Whether `self` is callable (`HPyCallable_Check`).
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
