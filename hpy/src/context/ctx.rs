//! [`Ctx`]: the token for the HPy context of the current call.

use crate::{Borrowed, HPyErr, HPyResult, Handle};
use core::marker::PhantomData;
use core::ptr::NonNull;
use hpy_sys::{HPy, HPyContext};

/// The HPy context of the current call.
///
/// Every HPy entry point receives the context it must use; the macros hand it
/// to your function when it takes a `Ctx` parameter, and every handle carries
/// it. The lifetime `'ctx` is the call: nothing that borrows it can outlive
/// the call. A `Ctx` is `Copy` but neither `Send` nor `Sync`, and it must
/// never be cached (HPy's debug mode gives each call a different context and
/// rejects a stale one).
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct Ctx<'ctx> {
    raw: NonNull<HPyContext>,
    _call: PhantomData<&'ctx HPyContext>,
}

impl<'ctx> Ctx<'ctx> {
    /// Wraps the raw context of the current call.
    ///
    /// # Safety
    /// `raw` must be the context HPy passed to the running call, and `'ctx`
    /// must not outlive that call.
    #[inline(always)]
    pub unsafe fn from_raw(raw: *mut HPyContext) -> Ctx<'ctx> {
        debug_assert!(!raw.is_null());
        // SAFETY: HPy never passes a null context; the caller vouches for it.
        Ctx { raw: unsafe { NonNull::new_unchecked(raw) }, _call: PhantomData }
    }

    /// The raw context, for calls into `hpy-sys`.
    #[inline(always)]
    pub fn as_raw(self) -> *mut HPyContext {
        self.raw.as_ptr()
    }

    /// The context's members (its handles and functions).
    #[inline(always)]
    pub(crate) fn members(self) -> &'ctx HPyContext {
        // SAFETY: the context outlives the call, which outlives 'ctx.
        unsafe { self.raw.as_ref() }
    }

    /// Takes ownership of a handle an HPy function returned: a null handle
    /// means the function raised, and becomes the pending [`HPyErr`].
    ///
    /// # Safety
    /// `raw` must be null or a handle owned by the caller, open in this context.
    #[inline(always)]
    pub unsafe fn wrap(self, raw: HPy) -> HPyResult<Handle<'ctx>> {
        if raw.is_null() {
            Err(HPyErr::fetch())
        } else {
            // SAFETY: the caller transfers ownership of an open handle.
            Ok(unsafe { Handle::from_raw(self, raw) })
        }
    }

    /// Borrows a handle that stays open for the whole call, such as a
    /// context constant or an argument.
    ///
    /// # Safety
    /// `raw` must be a non-null handle that stays open for `'ctx`.
    #[inline(always)]
    pub unsafe fn borrow_raw(self, raw: HPy) -> Borrowed<'ctx, 'ctx> {
        // SAFETY: forwarded from the caller.
        unsafe { Borrowed::from_raw(self, raw) }
    }

    /// The name of the context, such as `"HPy Universal ABI (CPython backend)"`,
    /// `"HPy Debug Mode ABI"` or `"HPy Trace Mode ABI"`.
    pub fn name(self) -> &'ctx str {
        let name = self.members().name;
        if name.is_null() {
            return "";
        }
        // SAFETY: HPy implementations store a static NUL-terminated name.
        unsafe { core::ffi::CStr::from_ptr(name) }.to_str().unwrap_or("")
    }

    /// The ABI version the context implements (`0` for HPy 0.9).
    pub fn abi_version(self) -> i32 {
        self.members().abi_version
    }

    /// `True` or `False`.
    #[inline]
    pub fn bool_(self, value: bool) -> Borrowed<'ctx, 'ctx> {
        if value { self.true_() } else { self.false_() }
    }
}

impl core::fmt::Debug for Ctx<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Ctx").field(&self.name()).finish()
    }
}
