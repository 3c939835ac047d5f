//! Handles convert to and from themselves.

use super::{FromHPy, IntoHPy};
use crate::{Borrowed, Ctx, HPyResult, Handle};

impl<'a, 'ctx> FromHPy<'a, 'ctx> for &'a Handle<'ctx> {
    /// The argument itself, borrowed: no new handle.
    #[inline(always)]
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<&'a Handle<'ctx>> {
        Ok(obj)
    }
}

impl<'a, 'ctx> FromHPy<'a, 'ctx> for Borrowed<'a, 'ctx> {
    #[inline(always)]
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<Borrowed<'a, 'ctx>> {
        Ok(Borrowed::of(obj))
    }
}

impl<'a, 'ctx> FromHPy<'a, 'ctx> for Handle<'ctx> {
    /// A new owned handle to the object.
    #[inline]
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<Handle<'ctx>> {
        Ok(obj.dup())
    }
}

impl<'ctx> IntoHPy<'ctx> for Handle<'ctx> {
    #[inline(always)]
    fn into_hpy(self, _ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        Ok(self)
    }
}

impl<'ctx> IntoHPy<'ctx> for &Handle<'ctx> {
    /// A new handle to the same object.
    #[inline]
    fn into_hpy(self, _ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        Ok(self.dup())
    }
}

impl<'ctx> IntoHPy<'ctx> for Borrowed<'_, 'ctx> {
    /// A new handle to the same object (this is how a constant is returned).
    #[inline]
    fn into_hpy(self, _ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        Ok(self.to_owned())
    }
}
