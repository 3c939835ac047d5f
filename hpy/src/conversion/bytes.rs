//! `bytes` <-> `&[u8]`, `Vec<u8>`.

use super::FromHPy;
use crate::{Ctx, HPyErr, HPyResult, Handle};

impl<'a, 'ctx> FromHPy<'a, 'ctx> for &'a [u8] {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("bytes");

    /// Borrows the contents of a `bytes` object: no copy.
    #[inline]
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<&'a [u8]> {
        let ctx = obj.ctx().as_raw();
        // SAFETY: `obj` is open; the unchecked accessors run only on bytes.
        unsafe {
            if hpy_sys::HPyBytes_Check(ctx, obj.as_raw()) == 0 {
                return Err(HPyErr::wrong_type(obj, "bytes"));
            }
            let data = hpy_sys::HPyBytes_AS_STRING(ctx, obj.as_raw());
            let len = hpy_sys::HPyBytes_GET_SIZE(ctx, obj.as_raw());
            // The data lives as long as the object, which `'a` keeps alive.
            Ok(core::slice::from_raw_parts(data.cast(), len as usize))
        }
    }
}

/// `bytes` from a slice.
pub(crate) fn new_bytes<'ctx>(ctx: Ctx<'ctx>, data: &[u8]) -> HPyResult<Handle<'ctx>> {
    // SAFETY: `data` covers `len` readable bytes; HPy copies them.
    unsafe {
        ctx.wrap(hpy_sys::HPyBytes_FromStringAndSize(ctx.as_raw(), data.as_ptr().cast(), data.len() as isize))
    }
}

/// A `bytes` object copied out (`None` for anything else).
pub(super) fn bytes_to_vec(obj: &Handle<'_>) -> Option<HPyResult<Vec<u8>>> {
    // SAFETY: `obj` is open in its context.
    if unsafe { hpy_sys::HPyBytes_Check(obj.ctx().as_raw(), obj.as_raw()) } != 0 {
        return Some(<&[u8]>::from_hpy(obj).map(<[u8]>::to_vec));
    }
    None
}
