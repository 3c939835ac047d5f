//! What the CPython ABI keeps about each type it made: the builtin shape
//! and the HPy-only slots (`tp_traverse`'s and `tp_destroy`'s
//! implementations), in a list that lives for the process (a type made by
//! HPy is never freed by the modules of this crate, which keep it in a
//! global; its record is leaked, as decided for issue #12).

use crate::{HPyFunc_destroyfunc, HPyFunc_traverseproc, HPyType_BuiltinShape, HPyType_BuiltinShape_Legacy};
use alloc::boxed::Box;
use core::sync::atomic::{AtomicPtr, Ordering};
use pyo3_ffi::{PyObject, PyTypeObject};

/// The record of one type.
pub(crate) struct Extra {
    pub shape: HPyType_BuiltinShape,
    pub traverse: HPyFunc_traverseproc,
    pub destroy: HPyFunc_destroyfunc,
    /// `HPy_tp_call`: where instances keep their vectorcall function, and
    /// the one a new instance gets.
    pub vectorcall: Option<(pyo3_ffi::Py_ssize_t, pyo3_ffi::vectorcallfunc)>,
}

struct Node {
    type_: *mut PyTypeObject,
    extra: Extra,
    next: *mut Node,
}

/// The records, newest first (only ever prepended).
static TYPES: AtomicPtr<Node> = AtomicPtr::new(core::ptr::null_mut());

/// Records `type_`, a type this backend made.
pub(crate) fn register(type_: *mut PyTypeObject, extra: Extra) {
    let node = Box::into_raw(Box::new(Node { type_, extra, next: core::ptr::null_mut() }));
    let mut head = TYPES.load(Ordering::Acquire);
    loop {
        // SAFETY: `node` is ours until published.
        unsafe { (*node).next = head };
        match TYPES.compare_exchange_weak(head, node, Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => return,
            Err(current) => head = current,
        }
    }
}

/// The record of `type_`, if this backend made it.
pub(crate) fn find(type_: *mut PyTypeObject) -> Option<&'static Extra> {
    let mut node = TYPES.load(Ordering::Acquire);
    // SAFETY: nodes are leaked, so every published one lives forever.
    while let Some(n) = unsafe { node.as_ref() } {
        if n.type_ == type_ {
            return Some(&n.extra);
        }
        node = n.next;
    }
    None
}

/// The records of `type_` and of its bases, most derived first.
pub(crate) fn chain(type_: *mut PyTypeObject) -> impl Iterator<Item = &'static Extra> {
    let mut current = type_;
    core::iter::from_fn(move || {
        while !current.is_null() {
            let this = current;
            // SAFETY: a live type's `tp_base` is null or a live type.
            current = unsafe { (*this).tp_base };
            if let Some(extra) = find(this) {
                return Some(extra);
            }
        }
        None
    })
}

/// The shape of `type_`: its record's, else `Legacy`.
pub(crate) fn shape(type_: *mut PyTypeObject) -> HPyType_BuiltinShape {
    find(type_).map_or(HPyType_BuiltinShape_Legacy, |e| e.shape)
}

/// `size` rounded up to the largest alignment (16 bytes): where HPy puts a
/// payload after a builtin object's struct.
const fn aligned(size: usize) -> usize {
    size.div_ceil(16) * 16
}

/// The size of the header before the payload of shape `Object`.
pub(crate) const OBJECT_HEADER: usize = aligned(core::mem::size_of::<PyObject>());

/// The size of the header before the payload of `shape`, as HPy's
/// `_HPy_GetHeaderSize` computes it (the `sizeof` of the builtin's struct,
/// aligned); `None` for an unknown shape.
pub(crate) fn header(shape: HPyType_BuiltinShape) -> Option<usize> {
    use core::mem::size_of;
    use pyo3_ffi as ffi;
    Some(match shape {
        crate::HPyType_BuiltinShape_Legacy => 0,
        crate::HPyType_BuiltinShape_Object => OBJECT_HEADER,
        crate::HPyType_BuiltinShape_Type => aligned(size_of::<ffi::PyHeapTypeObject>()),
        // `PyLongObject` (opaque in `pyo3-ffi`): the variable header (3.12: the
        // object header and a tag word, the same size) and one 30-bit digit.
        crate::HPyType_BuiltinShape_Long => aligned(size_of::<ffi::PyVarObject>() + size_of::<u32>()),
        crate::HPyType_BuiltinShape_Float => aligned(size_of::<ffi::PyFloatObject>()),
        crate::HPyType_BuiltinShape_Unicode => aligned(size_of::<ffi::PyUnicodeObject>()),
        crate::HPyType_BuiltinShape_Tuple => aligned(size_of::<ffi::PyTupleObject>()),
        crate::HPyType_BuiltinShape_List => aligned(size_of::<ffi::PyListObject>()),
        _ => return None,
    })
}

/// Where the payload of `obj` starts, by the shape of its type (a Python
/// subclass of an HPy type is `Legacy`: its payload is the object, as in
/// HPy's own runtime).
///
/// # Safety
/// `obj` must be a live object.
pub(crate) unsafe fn payload(obj: *mut PyObject) -> *mut core::ffi::c_void {
    // SAFETY: forwarded from the caller.
    let type_ = unsafe { pyo3_ffi::Py_TYPE(obj) };
    let header = header(shape(type_)).unwrap_or(0);
    obj.cast::<u8>().wrapping_add(header).cast()
}
