//! Passing Rust strings to HPy functions that take NUL-terminated C strings.

use crate::{HPyErr, HPyResult};
use core::ffi::c_char;

/// Runs `f` with `text` as a NUL-terminated C string, copied to the stack
/// when short. `None` if `text` contains a NUL (C cannot see past it).
#[inline]
pub(crate) fn with_c_str<R>(text: &str, f: impl FnOnce(*const c_char) -> R) -> Option<R> {
    if text.as_bytes().contains(&0) {
        return None;
    }
    let mut buffer = [0u8; 128];
    if text.len() < buffer.len() {
        buffer[..text.len()].copy_from_slice(text.as_bytes());
        return Some(f(buffer.as_ptr().cast()));
    }
    let owned = std::ffi::CString::new(text).expect("checked for NUL above");
    Some(f(owned.as_ptr()))
}

/// [`with_c_str`], with `ValueError` for a string that contains a NUL.
#[inline]
pub(crate) fn with_c_str_or_err<R>(
    text: &str,
    what: &str,
    f: impl FnOnce(*const c_char) -> R,
) -> HPyResult<R> {
    with_c_str(text, f).ok_or_else(|| {
        HPyErr::new_type::<crate::exceptions::ValueError>(format!("{what} contains a NUL character"))
    })
}

/// An optional C string argument (`None` is passed as NULL).
#[inline]
pub(crate) fn with_opt_c_str<R>(
    text: Option<&str>,
    what: &str,
    f: impl FnOnce(*const c_char) -> R,
) -> HPyResult<R> {
    match text {
        Some(text) => with_c_str_or_err(text, what, f),
        None => Ok(f(core::ptr::null())),
    }
}

#[cfg(test)]
mod tests {
    use super::with_c_str;
    use core::ffi::CStr;
    use proptest::prelude::*;

    fn texts() -> impl Strategy<Value = String> {
        // Short (copied to the stack) and long (allocated) texts, from
        // every plane, with or without NUL.
        proptest::collection::vec(any::<char>(), 0..300).prop_map(String::from_iter)
    }

    proptest! {
        /// A C string reads back as the text, unless the text holds a NUL.
        #[test]
        fn c_strings_read_back_or_refuse_nul(text in texts()) {
            // SAFETY: `with_c_str` passes a NUL-terminated string.
            let read = with_c_str(&text, |p| unsafe { CStr::from_ptr(p) }.to_str().map(str::to_owned));
            match read {
                None => prop_assert!(text.contains('\0')),
                Some(read) => prop_assert_eq!(read.ok(), Some(text)),
            }
        }
    }
}
