//! Finding the payload of an instance: HPy's `_HPy_AsStruct_*`, with the
//! workaround for Python subclasses described at [`Anchor`].

use super::base::{Anchor, payload_of};
use super::{ClassBase, HPyClass};
use crate::Handle;
use core::ffi::c_void;

/// The payload of `obj`, an instance of `T` (or of a subclass of it).
///
/// A class that Python code may subclass (`subclass`) checks the shape
/// the instance's type reports: a Python subclass reports "legacy", and
/// its payload is then found from the object's start (see [`Anchor`]).
pub fn payload<T: HPyClass>(obj: &Handle<'_>) -> *mut c_void {
    let shape = <T as ClassBase>::SHAPE;
    if T::FLAGS & hpy_sys::HPy_TPFLAGS_BASETYPE == 0 {
        return payload_of(obj, shape);
    }
    let ctx = obj.ctx();
    let ty = obj.get_type();
    // SAFETY: `ty` is a type open in this call.
    let actual = unsafe { hpy_sys::_HPyType_GetBuiltinShape(ctx.as_raw(), ty.as_raw()) };
    if actual != hpy_sys::HPyType_BuiltinShape_Legacy {
        return payload_of(obj, shape);
    }
    // SAFETY: a legacy-shaped object's "struct" is the object itself.
    let start = unsafe { hpy_sys::_HPy_AsStruct_Legacy(ctx.as_raw(), obj.as_raw()) };
    start.cast::<u8>().wrapping_add(<T as ClassBase>::header_size()).cast()
}

/// The payload of a new instance of `T`, with its anchor set.
pub fn new_payload<T: HPyClass>(obj: &Handle<'_>) -> *mut c_void {
    let payload = payload::<T>(obj);
    // SAFETY: a fresh, zeroed payload.
    unsafe { Anchor::set(payload) };
    payload
}

/// The payload HPy means by `ptr` in `tp_destroy`/`tp_traverse`, or
/// `None` if it cannot be found (then nothing is touched).
///
/// # Safety
/// `ptr` must be what HPy passed to `tp_destroy` or `tp_traverse` of `T`.
pub unsafe fn resolve<T: HPyClass>(ptr: *mut c_void) -> Option<*mut c_void> {
    // SAFETY: `ptr` is the payload or the start of a live object; both
    // have at least one readable word.
    if unsafe { Anchor::is_at(ptr) } {
        return Some(ptr);
    }
    let payload = ptr.cast::<u8>().wrapping_add(<T as ClassBase>::header_size()).cast::<c_void>();
    // SAFETY: `ptr` is an object's start: the payload follows its header.
    unsafe { Anchor::is_at(payload) }.then_some(payload)
}
