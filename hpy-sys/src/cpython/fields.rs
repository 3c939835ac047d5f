//! Fields: an `HPyField` is a `PyObject *` owned by the object it is in.

use super::{load_strong, store_strong};
use crate::{HPy, HPyContext, HPyField};

/// `HPyField_Store`: the field takes a new reference, then drops the old one.
///
/// # Safety
/// `target_field` must point into the live `target_object`'s payload and
/// `h` be null or open, with the interpreter's lock held.
#[inline(always)]
pub unsafe fn HPyField_Store(
    _ctx: *mut HPyContext,
    _target_object: HPy,
    target_field: *mut HPyField,
    h: HPy,
) {
    // SAFETY: forwarded from the caller; the field owns its reference.
    unsafe { store_strong(&raw mut (*target_field)._i, h) }
}

/// `HPyField_Load`: a new handle to the field's object.
///
/// # Safety
/// `source_field` must be a field of the live `source_object`.
#[inline(always)]
pub unsafe fn HPyField_Load(_ctx: *mut HPyContext, _source_object: HPy, source_field: HPyField) -> HPy {
    // SAFETY: the object owns the field's reference.
    unsafe { load_strong(source_field._i) }
}
