//! Trackers: a boxed `Vec` of handles behind the tracker's word.

use super::h2py;
use crate::{HPy, HPy_ssize_t, HPyContext, HPyTracker};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::ffi::c_int;

fn handles(tracker: HPyTracker) -> *mut Vec<HPy> {
    tracker._i as *mut Vec<HPy>
}

/// `HPyTracker_New`: room for `size` handles (it grows as needed).
///
/// # Safety
/// Always safe to call; `unsafe` for the signature of the API.
pub unsafe fn HPyTracker_New(_ctx: *mut HPyContext, size: HPy_ssize_t) -> HPyTracker {
    let list = Vec::<HPy>::with_capacity(usize::try_from(size).unwrap_or(0));
    HPyTracker { _i: Box::into_raw(Box::new(list)) as isize }
}

/// `HPyTracker_Add`.
///
/// # Safety
/// `tracker` must come from `New` and not be closed.
pub unsafe fn HPyTracker_Add(_ctx: *mut HPyContext, tracker: HPyTracker, handle: HPy) -> c_int {
    // SAFETY: the tracker is live, so its `Vec` is.
    unsafe { (*handles(tracker)).push(handle) };
    0
}

/// `HPyTracker_ForgetAll`: keeps the handles open, forgets them.
///
/// # Safety
/// As for `Add`.
pub unsafe fn HPyTracker_ForgetAll(_ctx: *mut HPyContext, tracker: HPyTracker) {
    // SAFETY: the tracker is live.
    unsafe { (*handles(tracker)).clear() }
}

/// `HPyTracker_Close`: closes every tracked handle and frees the tracker.
///
/// # Safety
/// As for `Add`, with the interpreter's lock held; the tracker is used up.
pub unsafe fn HPyTracker_Close(_ctx: *mut HPyContext, tracker: HPyTracker) {
    // SAFETY: the tracker was made by `Box::into_raw` and is closed once.
    let list = unsafe { Box::from_raw(handles(tracker)) };
    for handle in list.iter() {
        // SAFETY: the tracker owns each handle; the lock is held.
        unsafe { pyo3_ffi::Py_XDECREF(h2py(*handle)) };
    }
}
