//! Finding the payload of an instance: HPy's `_HPy_AsStruct_*`, with the
//! workaround for Python subclasses described at [`Anchor`], and the
//! detached payloads of variable-sized bases (see [`detached`](super::detached)).

use super::base::{Anchor, payload_of};
use super::{ClassBase, ClassCell, HPyClass, detached};
use crate::runtime::Kind;
use crate::{HPyErr, HPyResult, Handle};
use core::alloc::Layout;
use core::ffi::c_void;

/// Where HPy places the payload of `obj`, an instance of `T` (or of a
/// subclass of it): the payload itself, or its key if `T` is detached.
///
/// A class that Python code may subclass (`subclass`) checks the shape
/// the instance's type reports: a Python subclass reports "legacy", and
/// its payload is then found from the object's start (see [`Anchor`]).
#[inline(always)]
fn hpy_payload<T: HPyClass>(obj: &Handle<'_>, runtime: Kind) -> *mut c_void {
    let shape = <T as ClassBase>::SHAPE;
    // PyPy and GraalPy keep payloads apart from objects: no legacy layout to
    // correct (GraalPy reports a Python subclass as legacy-shaped, and its
    // `_HPy_AsStruct_Legacy` answers null: the object has no C memory).
    let apart = runtime != Kind::CPython;
    if T::FLAGS & hpy_sys::HPy_TPFLAGS_BASETYPE == 0 || apart {
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

/// The error for an instance no constructor of `T` set up (created by a
/// builtin's `__new__` directly).
fn not_constructed<T: HPyClass>() -> HPyErr {
    HPyErr::new_type::<crate::exceptions::TypeError>(format!(
        "the {} object was not initialized by its constructor",
        T::NAME
    ))
}

/// The payload of `obj`, an instance of `T` (or of a subclass of it).
///
/// # Safety
/// `obj` must be an instance of `T`'s type or of a subtype.
#[inline(always)]
pub unsafe fn payload<T: HPyClass>(obj: &Handle<'_>) -> HPyResult<*mut c_void> {
    // The runtime is read once: this is on the path of every method.
    let runtime = crate::runtime::kind();
    let place = hpy_payload::<T>(obj, runtime);
    // PyPy gives an object made without HPy (a builtin's `__new__`) no
    // payload at all, and aligns payloads to 8 bytes only (a class that
    // needs more is never constructed there).
    if runtime == Kind::PyPy
        && (place.is_null() || (place as usize) % core::mem::align_of::<ClassLayout<T>>() != 0)
    {
        return Err(not_constructed::<T>());
    }
    if runtime == Kind::GraalPy && place.is_null() {
        return Err(crate::runtime::graalpy::no_payload(obj, T::NAME));
    }
    if !<T as ClassBase>::DETACHED {
        return Ok(place);
    }
    detached::find(place as usize).map(|block| block.cast()).ok_or_else(not_constructed::<T>)
}

/// The payload of a new instance of `T`, zeroed, with its anchor set;
/// `layout` is the whole payload's (of the most derived Rust class).
///
/// # Safety
/// `obj` must be a new instance of `T`'s type or of a subtype, whose
/// payload nothing wrote yet, `layout` as described, and `reported` null
/// or the payload address `HPy_New` reported for `obj`. Returns null if
/// the runtime gave `obj` no payload (GraalPy, for a Python subclass).
pub unsafe fn new_payload<T: HPyClass>(
    obj: &Handle<'_>,
    layout: Layout,
    reported: *mut c_void,
) -> *mut c_void {
    debug_assert!(layout.size() >= core::mem::size_of::<ClassLayout<T>>());
    // What HPy_New reported is right unless `obj` is an instance of a Python
    // subclass, which only a `subclass` class can have.
    let trusted = !reported.is_null() && T::FLAGS & hpy_sys::HPy_TPFLAGS_BASETYPE == 0;
    let place = if trusted { reported } else { hpy_payload::<T>(obj, crate::runtime::kind()) };
    if place.is_null() {
        // GraalPy gives the instances of Python subclasses no payload.
        return place;
    }
    let payload =
        if <T as ClassBase>::DETACHED { detached::attach(place as usize, layout).cast() } else { place };
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
    let header = <T as ClassBase>::header_size();
    if <T as ClassBase>::DETACHED {
        // No memory is read: keys are unique (see `detached`).
        let key = ptr as usize;
        return detached::find(key).or_else(|| detached::find(key + header)).map(|block| block.cast());
    }
    if ptr.is_null() {
        // GraalPy destroys the instances of Python subclasses, which it
        // gave no payload, with a null one.
        return None;
    }
    // SAFETY: `ptr` is the payload or the start of a live object; both
    // have at least one readable word.
    if unsafe { Anchor::is_at(ptr) } {
        return Some(ptr);
    }
    let payload = ptr.cast::<u8>().wrapping_add(header).cast::<c_void>();
    // SAFETY: `ptr` is an object's start: the payload follows its header.
    unsafe { Anchor::is_at(payload) }.then_some(payload)
}

/// Frees the detached payload of a destroyed instance (if `T` is detached
/// and the root of its hierarchy: HPy calls the root's `tp_destroy` last).
///
/// # Safety
/// `ptr` must be what HPy passed to `tp_destroy` of `T`, after every
/// value in the payload was dropped.
pub(crate) unsafe fn release<T: HPyClass>(ptr: *mut c_void) {
    if !<T as ClassBase>::DETACHED || !<T::Base as ClassBase>::BUILTIN {
        return;
    }
    let key = ptr as usize;
    // SAFETY: forwarded from the caller; keys are unique (see `detached`).
    unsafe {
        if !detached::free(key) {
            detached::free(key + <T as ClassBase>::header_size());
        }
    }
}

/// The payload of an instance of `T`: its base's payload, then `T`'s cell.
#[repr(C)]
pub struct ClassLayout<T: HPyClass> {
    /// The base class's part.
    pub base: <T::Base as ClassBase>::Layout,
    /// This class's part.
    pub cell: ClassCell<T>,
}
