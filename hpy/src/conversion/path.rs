//! File-system paths from Python strings: `&Path` borrows the UTF-8 text of
//! a `str` (no copy), `PathBuf` copies it. (An `os.PathLike` object is not
//! a `str`: call `os.fspath` on it first, in Python.)

use crate::{FromHPy, HPyResult, Handle};
use std::path::{Path, PathBuf};

impl<'a, 'ctx> FromHPy<'a, 'ctx> for &'a Path {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("str");

    #[inline]
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<&'a Path> {
        <&str>::from_hpy(obj).map(Path::new)
    }
}

impl<'a, 'ctx> FromHPy<'a, 'ctx> for PathBuf {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("str");

    #[inline]
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<PathBuf> {
        <&str>::from_hpy(obj).map(PathBuf::from)
    }
}
