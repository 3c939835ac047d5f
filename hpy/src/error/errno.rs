//! `OSError`s from the C `errno`, with file names.

use crate::{Ctx, HPyErr, Handle};
use std::path::Path;

impl HPyErr {
    /// Raises `ty(errno, strerror(errno))` now, from the C `errno` of this
    /// thread (`HPyErr_SetFromErrnoWithFilenameObjects` with no file name);
    /// with `OSError`, Python picks the subclass for the code
    /// (`FileNotFoundError`, ...). Read `errno` right after the failing C
    /// call: anything in between may change it. Use
    /// [`HPyErr::from_os_error`] with a code you hold.
    pub fn from_errno(ty: &Handle<'_>) -> HPyErr {
        HPyErr::from_errno_with_filenames(ty, None, None)
    }

    /// [`HPyErr::from_errno`] with a file name, which becomes the
    /// exception's `filename` (`HPyErr_SetFromErrnoWithFilename`). On Unix
    /// the path's bytes are decoded as `os.fsdecode` does.
    pub fn from_errno_with_filename(ty: &Handle<'_>, filename: &Path) -> HPyErr {
        raise_errno(ty, None, filename)
    }

    /// [`HPyErr::from_errno`] with file name objects (usually `str`), the
    /// exception's `filename` and `filename2`
    /// (`HPyErr_SetFromErrnoWithFilenameObjects`).
    pub fn from_errno_with_filenames(
        ty: &Handle<'_>,
        filename: Option<&Handle<'_>>,
        filename2: Option<&Handle<'_>>,
    ) -> HPyErr {
        let raw = |h: Option<&Handle<'_>>| h.map_or(hpy_sys::HPy_NULL, Handle::as_raw);
        // SAFETY: the handles are open or null.
        unsafe {
            hpy_sys::HPyErr_SetFromErrnoWithFilenameObjects(
                ty.ctx().as_raw(),
                ty.as_raw(),
                raw(filename),
                raw(filename2),
            )
        };
        HPyErr::fetch()
    }

    /// Raises `ty` for the OS error code `code` (an `errno` value, such as
    /// `std::io::Error::raw_os_error` gives), with an optional file name:
    /// sets `errno`, then raises as [`HPyErr::from_errno_with_filename`].
    pub fn from_os_error(ty: &Handle<'_>, code: i32, filename: Option<&Path>) -> HPyErr {
        match filename {
            Some(filename) => raise_errno(ty, Some(code), filename),
            None => {
                set_errno(code);
                HPyErr::from_errno(ty)
            }
        }
    }

    /// [`HPyErr::from_os_error`] with `OSError` for an I/O error that has an
    /// OS code; other I/O errors convert as `From<std::io::Error>` does.
    pub fn from_io_error(ctx: Ctx<'_>, err: &std::io::Error, filename: Option<&Path>) -> HPyErr {
        match err.raw_os_error() {
            Some(code) => HPyErr::from_os_error(&ctx.os_error(), code, filename),
            None => HPyErr::from(std::io::Error::new(err.kind(), err.to_string())),
        }
    }
}

/// Raises `ty` from `errno` (set to `code` first, if given) with a file
/// name. `errno` is set last, right before the call that reads it.
fn raise_errno(ty: &Handle<'_>, code: Option<i32>, filename: &Path) -> HPyErr {
    let ctx = ty.ctx();
    // PyPy's HPyErr_SetFromErrnoWithFilename crashes on a name that is not
    // UTF-8: there, every name goes through an object.
    let c_name = match crate::runtime::is_pypy() {
        false => std::ffi::CString::new(path_bytes(filename)).ok(),
        true => None,
    };
    match c_name {
        Some(filename) => {
            if let Some(code) = code {
                set_errno(code);
            }
            // SAFETY: `ty` is open; `filename` is NUL-terminated. The function
            // raises and returns null, which is not a handle to close.
            unsafe { hpy_sys::HPyErr_SetFromErrnoWithFilename(ctx.as_raw(), ty.as_raw(), filename.as_ptr()) };
            HPyErr::fetch()
        }
        // A path with a NUL cannot be passed to C: go through an object.
        None => {
            // Making the object may change `errno`: read it first.
            let code = code.unwrap_or_else(|| std::io::Error::last_os_error().raw_os_error().unwrap_or(0));
            match crate::types::Str::decode_fs(ctx, &path_bytes(filename)) {
                Ok(name) => {
                    set_errno(code);
                    HPyErr::from_errno_with_filenames(ty, Some(&*name), None)
                }
                Err(err) => err,
            }
        }
    }
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

/// Sets the C `errno` of this thread.
pub fn set_errno(code: i32) {
    // SAFETY: each function returns this thread's `errno` location.
    unsafe { *errno_location() = code }
}

#[cfg(any(target_os = "linux", target_os = "android", target_os = "emscripten", target_os = "fuchsia"))]
unsafe fn errno_location() -> *mut i32 {
    unsafe extern "C" {
        #[cfg_attr(target_os = "android", link_name = "__errno")]
        fn __errno_location() -> *mut i32;
    }
    // SAFETY: provided by the C library.
    unsafe { __errno_location() }
}

#[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd", target_os = "dragonfly"))]
unsafe fn errno_location() -> *mut i32 {
    unsafe extern "C" {
        fn __error() -> *mut i32;
    }
    // SAFETY: provided by the C library.
    unsafe { __error() }
}

#[cfg(any(target_os = "openbsd", target_os = "netbsd"))]
unsafe fn errno_location() -> *mut i32 {
    unsafe extern "C" {
        fn __errno() -> *mut i32;
    }
    // SAFETY: provided by the C library.
    unsafe { __errno() }
}

#[cfg(windows)]
unsafe fn errno_location() -> *mut i32 {
    unsafe extern "C" {
        fn _errno() -> *mut i32;
    }
    // SAFETY: provided by the C runtime.
    unsafe { _errno() }
}
