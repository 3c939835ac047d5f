//! `str`. PyPy keeps strings in UTF-8 with lone surrogates encoded (as
//! WTF-8): its `HPyUnicode_AsUTF8AndSize` returns them instead of raising
//! `UnicodeEncodeError`, and its `HPyUnicode_FromString` fails on invalid
//! UTF-8 with an internal `SystemError` instead of `UnicodeDecodeError`. Its
//! `HPyUnicode_FromEncodedObject` decodes `bytes` only, not other
//! bytes-like objects.

use crate::exceptions::SystemError;
use crate::types::Str;
use crate::{HPyErr, HPyResult, Handle, IntoHPy};

/// Checks the UTF-8 that PyPy's `HPyUnicode_AsUTF8AndSize` returned for
/// `obj`: text with lone surrogates raises what CPython raises (through
/// `HPyUnicode_AsUTF8String`, which encodes strictly on PyPy too). GraalPy's
/// check starts with this one.
pub(crate) fn checked_utf8<'a>(obj: &Handle<'_>, bytes: &'a [u8]) -> HPyResult<&'a str> {
    if let Ok(text) = core::str::from_utf8(bytes) {
        return Ok(text);
    }
    let ctx = obj.ctx();
    // SAFETY: `obj` is an open `str` (its UTF-8 was just read).
    let encoded = unsafe { ctx.wrap(hpy_sys::HPyUnicode_AsUTF8String(ctx.as_raw(), obj.as_raw())) };
    Err(match encoded {
        Err(err) => err,
        Ok(_) => HPyErr::new_type::<SystemError>("a str is not valid UTF-8 but encodes to UTF-8"),
    })
}

/// `HPyUnicode_FromString` of bytes that are not UTF-8: decoded strictly
/// from a `bytes` object, which raises `UnicodeDecodeError` as CPython does.
pub(crate) fn decode_invalid_utf8<'ctx>(text: &Handle<'ctx>) -> HPyErr {
    match Str::from_encoded_object(text, Some("utf-8"), Some("strict")) {
        Err(err) => err,
        Ok(_) => HPyErr::new_type::<SystemError>("invalid UTF-8 decoded without error"),
    }
}

/// `str(obj, encoding, errors)` through Python, for the bytes-like objects
/// other than `bytes` that PyPy's `HPyUnicode_FromEncodedObject` refuses.
pub(crate) fn decode_object<'ctx>(
    obj: &Handle<'ctx>,
    encoding: Option<&str>,
    errors: Option<&str>,
) -> HPyResult<Str<'ctx>> {
    let ctx = obj.ctx();
    let encoding = encoding.unwrap_or("utf-8").into_hpy(ctx)?;
    let errors = errors.unwrap_or("strict").into_hpy(ctx)?;
    ctx.unicode_type().call((obj, &encoding, &errors))?.downcast()
}
