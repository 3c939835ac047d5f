//! `str` <-> `&str`, `String`, `char`, `Cow<str>`.

use super::{FromHPy, IntoHPy};
use crate::exceptions::{ExceptionType, TypeError};
use crate::{Ctx, HPyErr, HPyResult, Handle};
use std::borrow::Cow;

/// The UTF-8 text of `obj` (`HPyUnicode_AsUTF8AndSize`), borrowed from the
/// object: no copy, valid while it is. Lone surrogates raise
/// `UnicodeEncodeError`, anything but a `str` `TypeError` (both pending).
#[inline]
pub(crate) fn utf8_of<'a>(obj: &'a Handle<'_>) -> HPyResult<&'a str> {
    let ctx = obj.ctx();
    let mut size: hpy_sys::HPy_ssize_t = 0;
    // SAFETY: `obj` is open in `ctx`; `size` is a valid out-pointer.
    let data = unsafe { hpy_sys::HPyUnicode_AsUTF8AndSize(ctx.as_raw(), obj.as_raw(), &mut size) };
    if data.is_null() {
        return Err(HPyErr::fetch());
    }
    // SAFETY: HPy returns `size` bytes that stay readable and unchanged as
    // long as the object lives, which `'a` (the borrow of `obj`) ensures.
    let bytes = unsafe { core::slice::from_raw_parts(data.cast::<u8>(), size as usize) };
    // PyPy returns lone surrogates encoded (WTF-8), GraalPy as U+FFFD,
    // instead of raising: their text is checked.
    if crate::runtime::is_pypy() {
        return crate::runtime::pypy::checked_utf8(obj, bytes);
    }
    if crate::runtime::is_graalpy() {
        return crate::runtime::graalpy::checked_utf8(obj, bytes);
    }
    // SAFETY: CPython's HPy returns valid UTF-8 (it raises for surrogates).
    Ok(unsafe { core::str::from_utf8_unchecked(bytes) })
}

impl<'a, 'ctx> FromHPy<'a, 'ctx> for &'a str {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("str");

    /// Borrows the UTF-8 text of a `str`: no copy, valid while the object is.
    /// A string with lone surrogates raises `UnicodeEncodeError`.
    #[inline]
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<&'a str> {
        utf8_of(obj).map_err(|err| {
            let ctx = obj.ctx();
            if err.is::<TypeError>(ctx) {
                err.clear(ctx);
                return HPyErr::wrong_type(obj, "str");
            }
            err
        })
    }
}

impl<'a, 'ctx> FromHPy<'a, 'ctx> for String {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("str");

    #[inline]
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<String> {
        <&str>::from_hpy(obj).map(str::to_owned)
    }
}

impl<'a, 'ctx> FromHPy<'a, 'ctx> for Cow<'a, str> {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("str");

    #[inline]
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<Cow<'a, str>> {
        <&str>::from_hpy(obj).map(Cow::Borrowed)
    }
}

impl<'a, 'ctx> FromHPy<'a, 'ctx> for char {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("str");

    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<char> {
        let text = <&str>::from_hpy(obj)?;
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(HPyErr::conversion(
                TypeError::exc_type(),
                format!("must be a unicode character, not a string of length {}", text.chars().count()),
            )),
        }
    }
}

/// Creates a `str` from UTF-8 text of any length and content.
pub(crate) fn new_str<'ctx>(ctx: Ctx<'ctx>, text: &str) -> HPyResult<Handle<'ctx>> {
    let raw = ctx.as_raw();
    // SAFETY: every pointer below covers `len` readable bytes (or is
    // NUL-terminated where the function reads up to a NUL).
    unsafe {
        if text.is_ascii() {
            // ASCII is its own encoding: decode in place, no copy, no NUL needed.
            return ctx.wrap(hpy_sys::HPyUnicode_DecodeASCII(
                raw,
                text.as_ptr().cast(),
                text.len() as isize,
                c"strict".as_ptr(),
            ));
        }
        if !text.as_bytes().contains(&0) {
            let mut buffer = [0u8; 256];
            if text.len() < buffer.len() {
                buffer[..text.len()].copy_from_slice(text.as_bytes());
                return ctx.wrap(hpy_sys::HPyUnicode_FromString(raw, buffer.as_ptr().cast()));
            }
            let owned = std::ffi::CString::new(text).expect("checked for NUL above");
            return ctx.wrap(hpy_sys::HPyUnicode_FromString(raw, owned.as_ptr()));
        }
        // Text with NUL characters: through bytes, which carry a length.
        let bytes =
            ctx.wrap(hpy_sys::HPyBytes_FromStringAndSize(raw, text.as_ptr().cast(), text.len() as isize))?;
        ctx.wrap(hpy_sys::HPyUnicode_FromEncodedObject(
            raw,
            bytes.as_raw(),
            c"utf-8".as_ptr(),
            c"strict".as_ptr(),
        ))
    }
}

impl<'ctx> IntoHPy<'ctx> for &str {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("str");

    const MAY_BE_NOT_IMPLEMENTED: bool = false;

    #[inline]
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        new_str(ctx, self)
    }
}

impl<'ctx> IntoHPy<'ctx> for String {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("str");

    const MAY_BE_NOT_IMPLEMENTED: bool = false;

    #[inline]
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        new_str(ctx, &self)
    }
}

impl<'ctx> IntoHPy<'ctx> for &String {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("str");

    #[inline]
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        new_str(ctx, self)
    }
}

impl<'ctx> IntoHPy<'ctx> for Cow<'_, str> {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("str");

    #[inline]
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        new_str(ctx, &self)
    }
}

impl<'ctx> IntoHPy<'ctx> for char {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("str");

    #[inline]
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        new_str(ctx, self.encode_utf8(&mut [0; 4]))
    }
}
