//! [`Handle`]: an owned HPy handle that closes itself.

use crate::{Ctx, FromHPy, HPyResult};
use core::mem::ManuallyDrop;
use hpy_sys::HPy;

/// An owned handle to a Python object, open for the current call.
///
/// Dropping it closes it (`HPy_Close`), exactly once; [`Clone`] opens a new
/// handle to the same object (`HPy_Dup`). It carries its [`Ctx`], so it
/// cannot outlive the call, cannot be stored in a static and cannot move to
/// another thread. Objects that must live longer go in a field of a Python
/// object or in a global.
///
/// Functions receive their arguments as `&Handle<'ctx>`: borrowed, so they
/// cannot be closed; [`Handle::dup`] makes an owned one.
#[repr(C)]
pub struct Handle<'ctx> {
    raw: HPy,
    ctx: Ctx<'ctx>,
}

impl<'ctx> Handle<'ctx> {
    /// Takes ownership of an open handle.
    ///
    /// # Safety
    /// `raw` must be a non-null handle open in `ctx`, owned by the caller,
    /// whose ownership moves into the result.
    #[inline(always)]
    pub unsafe fn from_raw(ctx: Ctx<'ctx>, raw: HPy) -> Handle<'ctx> {
        debug_assert!(!raw.is_null());
        Handle { raw, ctx }
    }

    /// The raw handle, still owned by `self`.
    #[inline(always)]
    pub fn as_raw(&self) -> HPy {
        self.raw
    }

    /// Gives up ownership of the raw handle.
    ///
    /// # Safety
    /// The caller takes the handle over: it must close it or pass its
    /// ownership on (returning it to HPy does). Forgetting it leaks the
    /// handle (which HPy's debug mode reports).
    #[inline(always)]
    pub unsafe fn into_raw(self) -> HPy {
        ManuallyDrop::new(self).raw
    }

    /// The context this handle belongs to.
    #[inline(always)]
    pub fn ctx(&self) -> Ctx<'ctx> {
        self.ctx
    }

    /// A new owned handle to the same object (`HPy_Dup`).
    #[inline]
    pub fn dup(&self) -> Handle<'ctx> {
        // SAFETY: `self.raw` is open in `self.ctx`; Dup returns a new owned handle.
        let raw = unsafe { hpy_sys::HPy_Dup(self.ctx.as_raw(), self.raw) };
        // SAFETY: HPy_Dup cannot fail and returns an owned, open handle.
        unsafe { Handle::from_raw(self.ctx, raw) }
    }

    /// Closes the handle now (the same as dropping it).
    #[inline]
    pub fn close(self) {
        drop(self)
    }

    /// Converts the object into a Rust value.
    #[inline]
    pub fn extract<'a, T: FromHPy<'a, 'ctx>>(&'a self) -> HPyResult<T> {
        T::from_hpy(self)
    }

    /// `HPy_Is`: whether both handles refer to the same object.
    #[inline]
    pub fn is(&self, other: &Handle<'_>) -> bool {
        // SAFETY: both handles are open in this call.
        unsafe { hpy_sys::HPy_Is(self.ctx.as_raw(), self.raw, other.raw) != 0 }
    }

    /// Whether the object is `None`.
    #[inline]
    pub fn is_none(&self) -> bool {
        self.is(&self.ctx.none())
    }
}

impl Drop for Handle<'_> {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the handle is owned and open; it is closed exactly once, here.
        unsafe { hpy_sys::HPy_Close(self.ctx.as_raw(), self.raw) }
    }
}

impl Clone for Handle<'_> {
    #[inline]
    fn clone(&self) -> Self {
        self.dup()
    }
}

impl core::fmt::Debug for Handle<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.repr_string() {
            Ok(text) => f.write_str(&text),
            Err(err) => {
                err.clear(self.ctx);
                f.write_str("<object with a failing __repr__>")
            }
        }
    }
}
