//! `str`. GraalPy 24.2's `HPyUnicode_AsUTF8AndSize` replaces a lone
//! surrogate with U+FFFD instead of raising `UnicodeEncodeError`.

use crate::{HPyResult, Handle};

/// Checks the UTF-8 that GraalPy's `HPyUnicode_AsUTF8AndSize` returned for
/// `obj`: text with U+FFFD in it may have been a lone surrogate, so the
/// `str` is encoded once more by Python (`obj.encode()`, strict), whose
/// `UnicodeEncodeError`, if any, is raised.
pub(crate) fn checked_utf8<'a>(obj: &Handle<'_>, bytes: &'a [u8]) -> HPyResult<&'a str> {
    let text = crate::runtime::pypy::checked_utf8(obj, bytes)?;
    if text.contains('\u{FFFD}') {
        obj.call_method("encode", ())?;
    }
    Ok(text)
}
