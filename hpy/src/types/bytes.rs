//! [`Bytes`]: a `bytes` object, with HPy's bytes functions.

use super::{View, view};
use crate::{Ctx, HPyErr, HPyResult, Handle};
use core::ffi::CStr;

view!(
    /// A `bytes` object (or an instance of a subclass).
    Bytes,
    "bytes"
);

/// The slice for `len` bytes at `data`, which HPy keeps valid and unchanged
/// as long as the object.
///
/// # Safety
/// `data` must point to `len` bytes that live at least as long as `'a`.
unsafe fn slice<'a>(data: *const core::ffi::c_char, len: isize) -> &'a [u8] {
    if len <= 0 || data.is_null() {
        return &[];
    }
    // SAFETY: forwarded from the caller.
    unsafe { core::slice::from_raw_parts(data.cast(), len as usize) }
}

impl<'ctx> Bytes<'ctx> {
    /// Whether `obj` is a `bytes` object (`HPyBytes_Check`).
    #[inline]
    pub fn is_type_of(obj: &Handle<'_>) -> bool {
        // SAFETY: `obj` is open in its context.
        unsafe { hpy_sys::HPyBytes_Check(obj.ctx().as_raw(), obj.as_raw()) != 0 }
    }

    /// A `bytes` object holding a copy of `data` (`HPyBytes_FromStringAndSize`).
    pub fn new(ctx: Ctx<'ctx>, data: &[u8]) -> HPyResult<Bytes<'ctx>> {
        let len = isize::try_from(data.len())
            .map_err(|_| crate::exceptions::OverflowError::new_err("too many bytes"))?;
        // SAFETY: `data` covers `len` readable bytes (its pointer is never
        // null, as HPy requires); HPy copies them.
        let obj = unsafe {
            ctx.wrap(hpy_sys::HPyBytes_FromStringAndSize(ctx.as_raw(), data.as_ptr().cast(), len))
        }?;
        // SAFETY: the result is a `bytes` object.
        Ok(unsafe { Bytes::from_handle_unchecked(obj) })
    }

    /// A `bytes` object holding the bytes of a C string, without its NUL
    /// (`HPyBytes_FromString`).
    pub fn from_c_str(ctx: Ctx<'ctx>, data: &CStr) -> HPyResult<Bytes<'ctx>> {
        // SAFETY: `data` is NUL-terminated; HPy copies it.
        let obj = unsafe { ctx.wrap(hpy_sys::HPyBytes_FromString(ctx.as_raw(), data.as_ptr())) }?;
        // SAFETY: the result is a `bytes` object.
        Ok(unsafe { Bytes::from_handle_unchecked(obj) })
    }

    /// The contents, borrowed from the object: no copy (`HPyBytes_AS_STRING`
    /// and `HPyBytes_GET_SIZE`, the unchecked forms, which this view allows).
    pub fn as_bytes(&self) -> &[u8] {
        let ctx = self.ctx().as_raw();
        // SAFETY: `self` is a `bytes` object open in its context; its data
        // lives, unchanged, as long as the object, which the borrow of `self`
        // keeps.
        unsafe {
            let data = hpy_sys::HPyBytes_AS_STRING(ctx, self.as_raw());
            slice(data, hpy_sys::HPyBytes_GET_SIZE(ctx, self.as_raw()))
        }
    }
}

impl<'ctx> Handle<'ctx> {
    /// The contents of a `bytes` object, borrowed, checked by HPy: anything
    /// else raises `TypeError` (`HPyBytes_AsString` and `HPyBytes_Size`).
    pub fn as_bytes(&self) -> HPyResult<&[u8]> {
        let ctx = self.ctx().as_raw();
        // SAFETY: `self` is open; both functions check the type and raise.
        unsafe {
            let data = hpy_sys::HPyBytes_AsString(ctx, self.as_raw());
            if data.is_null() {
                return Err(HPyErr::fetch());
            }
            let len = hpy_sys::HPyBytes_Size(ctx, self.as_raw());
            if len < 0 {
                return Err(HPyErr::fetch());
            }
            // The data lives as long as the object, which the borrow of `self` keeps.
            Ok(slice(data, len))
        }
    }
}
