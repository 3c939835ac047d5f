//! [`Str`]: a `str`, with HPy's unicode functions.

use super::{Bytes, View, view};
use crate::ffi::c_str::with_opt_c_str;
use crate::{Ctx, HPyErr, HPyResult, Handle};
use core::ffi::CStr;
use hpy_sys::HPy;

view!(
    /// A `str` object (or an instance of a subclass).
    ///
    /// Text crosses the boundary as UTF-8: [`Str::new`] and [`Str::to_str`]
    /// (no copy); the other constructors decode ASCII, Latin-1, wide
    /// characters, encoded objects and file names, and the `encode_*`
    /// methods produce [`Bytes`].
    Str,
    "str"
);

/// Takes a new handle that HPy guarantees to be a `str` (or `bytes`).
///
/// # Safety
/// `raw` must be null with an exception set or an owned handle of kind `V`.
unsafe fn wrap<'ctx, V: View<'ctx>>(ctx: Ctx<'ctx>, raw: HPy) -> HPyResult<V> {
    // SAFETY: forwarded from the caller.
    unsafe { ctx.wrap(raw).map(|h| V::from_handle_unchecked(h)) }
}

fn ssize(len: usize) -> HPyResult<isize> {
    isize::try_from(len).map_err(|_| crate::exceptions::OverflowError::new_err("the text is too long"))
}

impl<'ctx> Str<'ctx> {
    /// Whether `obj` is a `str` (`HPyUnicode_Check`).
    #[inline]
    pub fn is_type_of(obj: &Handle<'_>) -> bool {
        // SAFETY: `obj` is open in its context.
        unsafe { hpy_sys::HPyUnicode_Check(obj.ctx().as_raw(), obj.as_raw()) != 0 }
    }

    /// A `str` holding `text`, NUL characters included.
    pub fn new(ctx: Ctx<'ctx>, text: &str) -> HPyResult<Str<'ctx>> {
        let obj = crate::conversion::string::new_str(ctx, text)?;
        // SAFETY: `new_str` makes a `str`.
        Ok(unsafe { Str::from_handle_unchecked(obj) })
    }

    /// A `str` from NUL-terminated UTF-8 (`HPyUnicode_FromString`);
    /// invalid UTF-8 raises `UnicodeDecodeError`.
    pub fn from_c_str(ctx: Ctx<'ctx>, text: &CStr) -> HPyResult<Str<'ctx>> {
        if crate::runtime::is_pypy() && text.to_str().is_err() {
            let bytes = crate::Bytes::new(ctx, text.to_bytes())?;
            return Err(crate::runtime::pypy::decode_invalid_utf8(&bytes));
        }
        // SAFETY: `text` is NUL-terminated.
        unsafe { wrap(ctx, hpy_sys::HPyUnicode_FromString(ctx.as_raw(), text.as_ptr())) }
    }

    /// A `str` from C wide characters (`wchar_t`: UTF-32 on Unix, UTF-16
    /// on Windows) (`HPyUnicode_FromWideChar`).
    pub fn from_wide(ctx: Ctx<'ctx>, text: &[hpy_sys::wchar_t]) -> HPyResult<Str<'ctx>> {
        let len = ssize(text.len())?;
        // SAFETY: `text` covers `len` readable characters.
        unsafe { wrap(ctx, hpy_sys::HPyUnicode_FromWideChar(ctx.as_raw(), text.as_ptr(), len)) }
    }

    /// Decodes ASCII (`HPyUnicode_DecodeASCII`). `errors` is a codec error
    /// handler (`"strict"`, the default, `"replace"`, `"ignore"`, ...).
    pub fn decode_ascii(ctx: Ctx<'ctx>, data: &[u8], errors: Option<&str>) -> HPyResult<Str<'ctx>> {
        let len = ssize(data.len())?;
        with_opt_c_str(errors, "errors", |errors| {
            // SAFETY: `data` covers `len` bytes; `errors` is null or NUL-terminated.
            unsafe {
                wrap(ctx, hpy_sys::HPyUnicode_DecodeASCII(ctx.as_raw(), data.as_ptr().cast(), len, errors))
            }
        })?
    }

    /// Decodes Latin-1 (`HPyUnicode_DecodeLatin1`), which cannot fail.
    pub fn decode_latin1(ctx: Ctx<'ctx>, data: &[u8], errors: Option<&str>) -> HPyResult<Str<'ctx>> {
        let len = ssize(data.len())?;
        with_opt_c_str(errors, "errors", |errors| {
            // SAFETY: `data` covers `len` bytes; `errors` is null or NUL-terminated.
            unsafe {
                wrap(ctx, hpy_sys::HPyUnicode_DecodeLatin1(ctx.as_raw(), data.as_ptr().cast(), len, errors))
            }
        })?
    }

    /// Decodes a file name from the file system encoding with its error
    /// handler (`surrogateescape` on Unix), as `os.fsdecode` does
    /// (`HPyUnicode_DecodeFSDefaultAndSize`).
    pub fn decode_fs(ctx: Ctx<'ctx>, data: &[u8]) -> HPyResult<Str<'ctx>> {
        let len = ssize(data.len())?;
        // SAFETY: `data` covers `len` bytes.
        unsafe {
            wrap(ctx, hpy_sys::HPyUnicode_DecodeFSDefaultAndSize(ctx.as_raw(), data.as_ptr().cast(), len))
        }
    }

    /// [`Str::decode_fs`] for a NUL-terminated file name
    /// (`HPyUnicode_DecodeFSDefault`).
    pub fn decode_fs_c_str(ctx: Ctx<'ctx>, data: &CStr) -> HPyResult<Str<'ctx>> {
        // SAFETY: `data` is NUL-terminated.
        unsafe { wrap(ctx, hpy_sys::HPyUnicode_DecodeFSDefault(ctx.as_raw(), data.as_ptr())) }
    }

    /// A path or other OS string, decoded as [`Str::decode_fs`] does.
    #[cfg(unix)]
    pub fn from_os_str(ctx: Ctx<'ctx>, text: &std::ffi::OsStr) -> HPyResult<Str<'ctx>> {
        use std::os::unix::ffi::OsStrExt;
        Str::decode_fs(ctx, text.as_bytes())
    }

    /// `str(obj, encoding, errors)`: decodes a bytes-like object
    /// (`HPyUnicode_FromEncodedObject`); `encoding` defaults to UTF-8 and
    /// `errors` to `"strict"`.
    pub fn from_encoded_object(
        obj: &Handle<'ctx>,
        encoding: Option<&str>,
        errors: Option<&str>,
    ) -> HPyResult<Str<'ctx>> {
        let ctx = obj.ctx();
        if crate::runtime::is_pypy() && !obj.is_instance_of::<crate::Bytes<'_>>() {
            return crate::runtime::pypy::decode_object(obj, encoding, errors);
        }
        with_opt_c_str(encoding, "encoding", |encoding| {
            with_opt_c_str(errors, "errors", |errors| {
                // SAFETY: `obj` is open; the strings are null or NUL-terminated.
                unsafe {
                    wrap(
                        ctx,
                        hpy_sys::HPyUnicode_FromEncodedObject(ctx.as_raw(), obj.as_raw(), encoding, errors),
                    )
                }
            })
        })??
    }

    /// The text as UTF-8, borrowed from the object: no copy
    /// (`HPyUnicode_AsUTF8AndSize`). A string with lone surrogates raises
    /// `UnicodeEncodeError`.
    pub fn to_str(&self) -> HPyResult<&str> {
        crate::conversion::string::utf8_of(self)
    }

    /// `self.encode("utf-8")` (`HPyUnicode_AsUTF8String`).
    pub fn encode_utf8(&self) -> HPyResult<Bytes<'ctx>> {
        let ctx = self.ctx();
        // SAFETY: `self` is a `str`; the result is a new `bytes` or null.
        unsafe { wrap(ctx, hpy_sys::HPyUnicode_AsUTF8String(ctx.as_raw(), self.as_raw())) }
    }

    /// `self.encode("ascii")` (`HPyUnicode_AsASCIIString`).
    pub fn encode_ascii(&self) -> HPyResult<Bytes<'ctx>> {
        let ctx = self.ctx();
        // SAFETY: `self` is a `str`; the result is a new `bytes` or null.
        unsafe { wrap(ctx, hpy_sys::HPyUnicode_AsASCIIString(ctx.as_raw(), self.as_raw())) }
    }

    /// `self.encode("latin-1")` (`HPyUnicode_AsLatin1String`).
    pub fn encode_latin1(&self) -> HPyResult<Bytes<'ctx>> {
        let ctx = self.ctx();
        // SAFETY: `self` is a `str`; the result is a new `bytes` or null.
        unsafe { wrap(ctx, hpy_sys::HPyUnicode_AsLatin1String(ctx.as_raw(), self.as_raw())) }
    }

    /// `os.fsencode(self)`: the file system encoding with its error handler
    /// (`HPyUnicode_EncodeFSDefault`).
    pub fn encode_fs(&self) -> HPyResult<Bytes<'ctx>> {
        let ctx = self.ctx();
        // SAFETY: `self` is a `str`; the result is a new `bytes` or null.
        unsafe { wrap(ctx, hpy_sys::HPyUnicode_EncodeFSDefault(ctx.as_raw(), self.as_raw())) }
    }

    /// The text as an OS string, encoded as [`Str::encode_fs`] does.
    #[cfg(unix)]
    pub fn to_os_string(&self) -> HPyResult<std::ffi::OsString> {
        use std::os::unix::ffi::OsStrExt;
        Ok(std::ffi::OsStr::from_bytes(self.encode_fs()?.as_bytes()).to_os_string())
    }

    /// The code point at `index` (`HPyUnicode_ReadChar`): a `u32`, as it may
    /// be a lone surrogate (use `char::from_u32`). `IndexError` when out of
    /// range.
    pub fn read_char(&self, index: usize) -> HPyResult<u32> {
        let ctx = self.ctx();
        let index = isize::try_from(index).unwrap_or(isize::MAX);
        // SAFETY: `self` is a `str` open in `ctx`.
        let code = unsafe { hpy_sys::HPyUnicode_ReadChar(ctx.as_raw(), self.as_raw(), index) };
        // SAFETY: querying the error indicator is always allowed.
        if code == u32::MAX && unsafe { hpy_sys::HPyErr_Occurred(ctx.as_raw()) } != 0 {
            return Err(HPyErr::fetch());
        }
        Ok(code)
    }

    /// `self[start:end]` in code points (`HPyUnicode_Substring`); the bounds
    /// are clamped to the length.
    pub fn substring(&self, start: usize, end: usize) -> HPyResult<Str<'ctx>> {
        let ctx = self.ctx();
        let clamp = |i: usize| isize::try_from(i).unwrap_or(isize::MAX);
        // SAFETY: `self` is a `str`, as HPy requires; the bounds are non-negative.
        unsafe {
            wrap(ctx, hpy_sys::HPyUnicode_Substring(ctx.as_raw(), self.as_raw(), clamp(start), clamp(end)))
        }
    }
}
