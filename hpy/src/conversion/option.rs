//! `None` <-> `Option<T>`, `()`.

use super::{FromHPy, IntoHPy};
use crate::{Ctx, HPyResult, Handle};

impl<'a, 'ctx, T: FromHPy<'a, 'ctx>> FromHPy<'a, 'ctx> for Option<T> {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Optional(&T::TYPE_HINT);

    /// `None` becomes `None`; anything else converts as `T`.
    #[inline]
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<Option<T>> {
        if obj.is_none() { Ok(None) } else { T::from_hpy(obj).map(Some) }
    }
}

impl<'ctx, T: IntoHPy<'ctx>> IntoHPy<'ctx> for Option<T> {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Optional(&T::TYPE_HINT);

    #[inline]
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        match self {
            Some(value) => value.into_hpy(ctx),
            None => Ok(ctx.none().to_owned()),
        }
    }
}

impl<'ctx> IntoHPy<'ctx> for () {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("None");

    /// `None`.
    #[inline]
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        Ok(ctx.none().to_owned())
    }
}
