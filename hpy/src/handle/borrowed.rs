//! [`Borrowed`]: a handle that someone else closes.

use crate::{Ctx, Handle};
use core::marker::PhantomData;
use core::ops::Deref;
use hpy_sys::HPy;

/// A borrowed handle: open for `'a`, closed by its owner, never by you.
///
/// The context constants ([`Ctx::none`], [`Ctx::type_error`], ...) and the
/// items of argument views are borrowed. It dereferences to [`Handle`], so
/// every handle method works on it; [`Handle::dup`] (or
/// [`Borrowed::to_owned`]) makes an owned handle, which is what returning a
/// constant needs (HPy requires a constant to be `Dup`ed before it is
/// returned; the conversions do this for you).
#[derive(Clone, Copy)]
#[repr(C)]
pub struct Borrowed<'a, 'ctx> {
    raw: HPy,
    ctx: Ctx<'ctx>,
    _borrow: PhantomData<&'a Handle<'ctx>>,
}

// A `Borrowed` must be usable as a `Handle` behind a reference.
const _: () = assert!(core::mem::size_of::<Borrowed<'_, '_>>() == core::mem::size_of::<Handle<'_>>());
const _: () = assert!(core::mem::align_of::<Borrowed<'_, '_>>() == core::mem::align_of::<Handle<'_>>());

impl<'a, 'ctx> Borrowed<'a, 'ctx> {
    /// Borrows a raw handle.
    ///
    /// # Safety
    /// `raw` must be a non-null handle, open in `ctx` for at least `'a`.
    #[inline(always)]
    pub unsafe fn from_raw(ctx: Ctx<'ctx>, raw: HPy) -> Borrowed<'a, 'ctx> {
        debug_assert!(!raw.is_null());
        Borrowed { raw, ctx, _borrow: PhantomData }
    }

    /// An owned handle to the same object (`HPy_Dup`).
    #[inline]
    pub fn to_owned(self) -> Handle<'ctx> {
        self.dup()
    }

    /// Borrows an owned handle.
    #[inline(always)]
    pub fn of(handle: &'a Handle<'ctx>) -> Borrowed<'a, 'ctx> {
        Borrowed { raw: handle.as_raw(), ctx: handle.ctx(), _borrow: PhantomData }
    }
}

impl<'ctx> Deref for Borrowed<'_, 'ctx> {
    type Target = Handle<'ctx>;

    #[inline(always)]
    fn deref(&self) -> &Handle<'ctx> {
        // SAFETY: `Borrowed` and `Handle` are `repr(C)` with the same two
        // leading fields (checked above), and a `&Handle` can neither close
        // nor move out the handle: dropping only ever happens to an owned
        // `Handle`, never through a reference.
        unsafe { &*(self as *const Borrowed<'_, 'ctx>).cast::<Handle<'ctx>>() }
    }
}

impl core::fmt::Debug for Borrowed<'_, '_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(&**self, f)
    }
}
