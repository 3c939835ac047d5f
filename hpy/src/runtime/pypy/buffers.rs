//! Buffer views. PyPy 7.3.19's HPy calls `bf_releasebuffer` with a new
//! `HPy_buffer` of its own, holding only `buf`, `len` and `ndim` (the rest,
//! `internal` included, is uninitialized), not the one `bf_getbuffer`
//! filled. On PyPy, what a view's `internal` would hold is kept here, found
//! again by the view's data address on release.

use core::ffi::c_void;
use std::sync::{Mutex, PoisonError};

/// `(buf, internal)` of every view not released yet. Views of the same
/// data are interchangeable: any of their entries may be taken.
static VIEWS: Mutex<Vec<(usize, usize)>> = Mutex::new(Vec::new());

/// Keeps `internal` for the view of `buf`.
pub(crate) fn keep_view(buf: *mut c_void, internal: *mut c_void) {
    VIEWS.lock().unwrap_or_else(PoisonError::into_inner).push((buf as usize, internal as usize));
}

/// The `internal` kept for a view of `buf` (null if none), forgotten.
pub(crate) fn take_view(buf: *mut c_void) -> *mut c_void {
    let mut views = VIEWS.lock().unwrap_or_else(PoisonError::into_inner);
    match views.iter().rposition(|&(b, _)| b == buf as usize) {
        Some(index) => views.swap_remove(index).1 as *mut c_void,
        None => core::ptr::null_mut(),
    }
}
