//! Handles as `void *` (`HPy_AsVoidP` / `HPy_FromVoidP`), for C APIs that
//! carry a pointer-sized user value. These are inline functions of `hpy.h`,
//! not context members.

use crate::{Borrowed, Ctx, Handle};
use core::ffi::c_void;

impl Handle<'_> {
    /// The handle as an opaque pointer (`HPy_AsVoidP`); the handle still
    /// owns the object.
    pub fn as_void_p(&self) -> *mut c_void {
        hpy_sys::HPy_AsVoidP(self.as_raw())
    }
}

impl<'a, 'ctx> Borrowed<'a, 'ctx> {
    /// Borrows the handle that [`Handle::as_void_p`] turned into `pointer`
    /// (`HPy_FromVoidP`).
    ///
    /// # Safety
    /// `pointer` must come from `as_void_p` of a handle open in `ctx` for
    /// all of `'a`.
    pub unsafe fn from_void_p(ctx: Ctx<'ctx>, pointer: *mut c_void) -> Borrowed<'a, 'ctx> {
        // SAFETY: forwarded from the caller.
        unsafe { Borrowed::from_raw(ctx, hpy_sys::HPy_FromVoidP(pointer)) }
    }
}
