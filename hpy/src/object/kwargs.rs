//! [`IntoKwargs`]: keyword arguments for [`Handle::call_kw`] and
//! [`Handle::call_method_kw`].

use crate::object::call::sealed::Sealed;
use crate::types::{Dict, Str, Tuple};
use crate::{Ctx, HPyResult, Handle, IntoHPy};
use hpy_sys::HPy;

/// Keyword arguments: `()` or `None` (none), a tuple of `(name, value)`
/// pairs with any [`IntoHPy`] values (up to 8: `(("sep", "-"), ("n", 3))`),
/// a slice of `(&str, Handle)` pairs, or a dict ([`Dict`], or a [`Handle`]
/// that must be a dict), whose keys must be strings. Sealed: the raw
/// handles it produces must be open, which only this crate's
/// implementations promise.
pub trait IntoKwargs<'ctx>: Sealed {
    /// Runs `f` with the values and the tuple of their names (null for no
    /// keyword arguments), as `HPy_Call` takes them.
    fn with_kwargs<R>(self, ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy], HPy) -> R) -> HPyResult<R>;
}

impl Sealed for &Dict<'_> {}
impl Sealed for &Handle<'_> {}
impl Sealed for &[(&str, Handle<'_>)] {}
impl<K: Sealed> Sealed for Option<K> {}
// `()` and tuples are sealed with `IntoArgs`.

impl<'ctx> IntoKwargs<'ctx> for () {
    #[inline]
    fn with_kwargs<R>(self, _ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy], HPy) -> R) -> HPyResult<R> {
        Ok(f(&[], hpy_sys::HPy_NULL))
    }
}

impl<'ctx, K: IntoKwargs<'ctx>> IntoKwargs<'ctx> for Option<K> {
    #[inline]
    fn with_kwargs<R>(self, ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy], HPy) -> R) -> HPyResult<R> {
        match self {
            Some(kwargs) => kwargs.with_kwargs(ctx, f),
            None => Ok(f(&[], hpy_sys::HPy_NULL)),
        }
    }
}

/// Calls `f` with owned names and values.
fn with_pairs<'ctx, R>(
    ctx: Ctx<'ctx>,
    names: &[Handle<'ctx>],
    values: &[HPy],
    f: impl FnOnce(&[HPy], HPy) -> R,
) -> HPyResult<R> {
    if names.is_empty() {
        return Ok(f(&[], hpy_sys::HPy_NULL));
    }
    let names = Tuple::new(ctx, names)?;
    Ok(f(values, names.as_raw()))
}

impl<'ctx> IntoKwargs<'ctx> for &Dict<'ctx> {
    fn with_kwargs<R>(self, ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy], HPy) -> R) -> HPyResult<R> {
        let items = self.items()?;
        let mut names = Vec::with_capacity(items.len());
        for (key, _) in &items {
            if !key.is_instance_of::<Str<'_>>() {
                return Err(crate::exceptions::TypeError::new_err("keywords must be strings"));
            }
            names.push(key.dup());
        }
        let values: Vec<HPy> = items.iter().map(|(_, value)| value.as_raw()).collect();
        with_pairs(ctx, &names, &values, f)
    }
}

impl<'ctx> IntoKwargs<'ctx> for &Handle<'ctx> {
    /// The object must be a dict.
    fn with_kwargs<R>(self, ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy], HPy) -> R) -> HPyResult<R> {
        self.downcast_ref::<Dict<'ctx>>()?.with_kwargs(ctx, f)
    }
}

impl<'ctx> IntoKwargs<'ctx> for &[(&str, Handle<'ctx>)] {
    fn with_kwargs<R>(self, ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy], HPy) -> R) -> HPyResult<R> {
        let names = self.iter().map(|(name, _)| name.into_hpy(ctx)).collect::<HPyResult<Vec<_>>>()?;
        let values: Vec<HPy> = self.iter().map(|(_, value)| value.as_raw()).collect();
        with_pairs(ctx, &names, &values, f)
    }
}

macro_rules! tuple_kwargs {
    ($($t:ident $i:tt),+) => {
        impl<'ctx, $($t: IntoHPy<'ctx>),+> IntoKwargs<'ctx> for ($((&str, $t),)+) {
            fn with_kwargs<R>(self, ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy], HPy) -> R) -> HPyResult<R> {
                let names = [$(self.$i.0.into_hpy(ctx)?),+];
                let values = ($(self.$i.1.into_hpy(ctx)?,)+);
                with_pairs(ctx, &names, &[$(values.$i.as_raw()),+], f)
            }
        }
    };
}

tuple_kwargs!(A 0);
tuple_kwargs!(A 0, B 1);
tuple_kwargs!(A 0, B 1, C 2);
tuple_kwargs!(A 0, B 1, C 2, D 3);
tuple_kwargs!(A 0, B 1, C 2, D 3, E 4);
tuple_kwargs!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_kwargs!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_kwargs!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
