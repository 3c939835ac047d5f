//! The end of an instance of a type HPy made: fields cleared, every
//! `tp_destroy` of the hierarchy run, the memory freed (through the builtin
//! base's own `tp_dealloc` if it has one), the type released;
//! and the traversal of its fields for the GC.

use super::type_extra::{chain, payload};
use crate::{HPyField, HPyFunc_traverseproc};
use core::ffi::{c_int, c_void};
use pyo3_ffi::{self as ffi, PyObject};

/// The visitor that empties a field.
unsafe extern "C" fn clear_field(field: *mut HPyField, _arg: *mut c_void) -> c_int {
    // SAFETY: the traversal passes fields of a live payload.
    unsafe {
        let old = (*field)._i as *mut PyObject;
        (*field)._i = 0;
        ffi::Py_XDECREF(old);
    }
    0
}

/// `tp_clear` of an HPy type with `tp_traverse`: empties every field.
pub(crate) unsafe extern "C" fn clear(obj: *mut PyObject) -> c_int {
    // SAFETY: CPython passes a live instance; the traversals read its payload.
    unsafe {
        for extra in chain(ffi::Py_TYPE(obj)) {
            if let Some(traverse) = extra.traverse {
                traverse(payload(obj), Some(clear_field), core::ptr::null_mut());
            }
        }
    }
    0
}

/// The start of every `tp_dealloc` here: the finalizer, if the type has
/// one, then the instance leaves the GC. The instance's type, or `None` if
/// the finalizer resurrected it.
///
/// # Safety
/// `obj` is a dying instance of a live heap type.
#[inline(always)]
unsafe fn begin(obj: *mut PyObject) -> Option<*mut ffi::PyTypeObject> {
    // SAFETY: forwarded from the caller.
    unsafe {
        let type_ = ffi::Py_TYPE(obj);
        if (*type_).tp_finalize.is_some() && ffi::PyObject_CallFinalizerFromDealloc(obj) < 0 {
            return None; // resurrected
        }
        if ffi::PyType_IS_GC(type_) != 0 {
            ffi::PyObject_GC_UnTrack(obj.cast());
        }
        Some(type_)
    }
}

/// `tp_dealloc` of the HPy types with nothing to clear or destroy (no
/// `tp_traverse` or `tp_destroy` in the type or its bases) and no builtin
/// base but `object`: [`dealloc`] without the walks over the type's records
/// and bases.
pub(crate) unsafe extern "C" fn dealloc_plain(obj: *mut PyObject) {
    // SAFETY: CPython passes the dying instance, whose type is a live heap type.
    unsafe {
        let Some(type_) = begin(obj) else { return };
        if let Some(free) = (*type_).tp_free {
            free(obj.cast());
        }
        ffi::Py_DECREF(type_.cast());
    }
}

/// Whether instances of `type_` need [`dealloc`] rather than
/// [`dealloc_plain`]: a record of the type or of a base has `tp_traverse`
/// or `tp_destroy`, or a builtin base frees the instance.
///
/// # Safety
/// `type_` must be a live heap type.
pub(crate) unsafe fn needs_full(type_: *mut ffi::PyTypeObject) -> bool {
    // SAFETY: forwarded from the caller.
    chain(type_).any(|e| e.traverse.is_some() || e.destroy.is_some())
        || unsafe { builtin_dealloc(type_) }.is_some()
}

/// The builtin base of the heap type `type_` (its first static base) and
/// that base's `tp_dealloc`, unless the base is `object`.
///
/// # Safety
/// `type_` must be a live heap type.
unsafe fn builtin_dealloc(
    type_: *mut ffi::PyTypeObject,
) -> Option<(*mut ffi::PyTypeObject, ffi::destructor)> {
    // The slots are compared as the addresses CPython stores.
    let address = |f: Option<ffi::destructor>| f.map(|f| f as usize);
    // SAFETY: forwarded from the caller; a heap type's bases end in a static type.
    unsafe {
        let mut base = type_;
        while (*base).tp_flags & ffi::Py_TPFLAGS_HEAPTYPE != 0 && !(*base).tp_base.is_null() {
            base = (*base).tp_base;
        }
        match (*base).tp_dealloc {
            Some(builtin) if address(Some(builtin)) != address(ffi::PyBaseObject_Type.tp_dealloc) => {
                Some((base, builtin))
            }
            _ => None,
        }
    }
}

/// `tp_dealloc` of the HPy types with fields to clear or a `tp_destroy`.
pub(crate) unsafe extern "C" fn dealloc(obj: *mut PyObject) {
    // SAFETY: CPython passes the dying instance, whose type is a live heap type.
    unsafe {
        let Some(type_) = begin(obj) else { return };
        clear(obj);
        for extra in chain(type_) {
            if let Some(destroy) = extra.destroy {
                destroy(payload(obj));
            }
        }
        release(obj, type_);
    }
}

/// The end of every `tp_dealloc` here: frees `obj` and gives back its
/// reference to `type_`. A builtin base other than `object` (`list`,
/// `str`, `int`, `type`, ...) frees what it owns in its own `tp_dealloc`
/// (items, text, a type's tables), so the instance goes through that one,
/// re-tracked first if the base is collected by the GC (which untracks it
/// itself), as CPython's `subtype_dealloc` does; otherwise `tp_free`.
///
/// # Safety
/// `obj` is a dying instance of the heap type `type_`, untracked, with its
/// fields cleared and its payload destroyed.
unsafe fn release(obj: *mut PyObject, type_: *mut ffi::PyTypeObject) {
    // SAFETY: forwarded from the caller.
    unsafe {
        match builtin_dealloc(type_) {
            Some((base, builtin)) => {
                if ffi::PyType_IS_GC(base) != 0 {
                    ffi::PyObject_GC_Track(obj.cast());
                }
                builtin(obj);
            }
            None => {
                if let Some(free) = (*type_).tp_free {
                    free(obj.cast());
                }
            }
        }
        ffi::Py_DECREF(type_.cast());
    }
}

/// The pair a field visit forwards to CPython's visitor.
struct Visit {
    visit: ffi::visitproc,
    arg: *mut c_void,
}

/// The HPy visitor given to a `tp_traverse` implementation: CPython's
/// visitor of the field's object.
unsafe extern "C" fn visit_field(field: *mut HPyField, arg: *mut c_void) -> c_int {
    // SAFETY: `arg` is the `Visit` of `traverse`; the field is in a live payload.
    unsafe {
        let object = (*field)._i as *mut PyObject;
        if object.is_null() {
            return 0;
        }
        let pair = &*arg.cast::<Visit>();
        (pair.visit)(object, pair.arg)
    }
}

/// What the `tp_traverse` trampoline does: the implementation with the
/// payload and a visitor of fields.
///
/// # Safety
/// `obj` must be a live instance and `traverse` its type's implementation.
pub(crate) unsafe fn traverse(
    obj: *mut PyObject,
    traverse: HPyFunc_traverseproc,
    visit: Option<ffi::visitproc>,
    arg: *mut c_void,
) -> c_int {
    let (Some(traverse), Some(visit)) = (traverse, visit) else { return 0 };
    let mut pair = Visit { visit, arg };
    // SAFETY: forwarded from the caller; `pair` outlives the traversal.
    unsafe { traverse(payload(obj), Some(visit_field), (&raw mut pair).cast()) }
}
