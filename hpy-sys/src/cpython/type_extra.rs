//! What the CPython ABI keeps about each type it made: the builtin shape
//! and the HPy-only slots (`tp_traverse`'s and `tp_destroy`'s
//! implementations), in a table keyed by the type's address that lives for
//! the process (a type made by HPy is never freed by the modules of this
//! crate, which keep it in a global; its record is leaked, as decided for
//! issue #12).
//!
//! The record is read on hot paths (every `_HPy_New` and every `tp_dealloc`),
//! so the table is open-addressed: a lookup is a hash and, in a table at most
//! half full, about one probe, whether the type is there or not.

use crate::{HPyFunc_destroyfunc, HPyFunc_traverseproc, HPyType_BuiltinShape, HPyType_BuiltinShape_Legacy};
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};
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
}

/// The records by type: a power-of-two number of slots, null when free.
struct Table {
    slots: Box<[AtomicPtr<Node>]>,
    /// How far the hash is shifted right: `usize::BITS - log2(slots)`.
    shift: u32,
    used: AtomicUsize,
}

impl Table {
    fn with_slots(count: usize) -> Table {
        let slots = (0..count).map(|_| AtomicPtr::new(core::ptr::null_mut())).collect();
        Table { slots, shift: usize::BITS - count.trailing_zeros(), used: AtomicUsize::new(0) }
    }

    /// The first slot to probe for `type_` (Fibonacci hashing of its address).
    fn start(&self, type_: *mut PyTypeObject) -> usize {
        ((type_ as usize).wrapping_mul(0x9E37_79B9_7F4A_7C15_u64 as usize)) >> self.shift
    }

    fn insert(&self, node: *mut Node) {
        let mask = self.slots.len() - 1;
        // SAFETY: the nodes given are live (leaked).
        let mut i = self.start(unsafe { (*node).type_ });
        while !self.slots[i].load(Ordering::Relaxed).is_null() {
            i = (i + 1) & mask;
        }
        self.slots[i].store(node, Ordering::Release);
        self.used.fetch_add(1, Ordering::Relaxed);
    }
}

/// The table (null before the first type). Written only by [`register`],
/// under the interpreter's lock; a replaced table is leaked, since a reader
/// may still hold it.
static TYPES: AtomicPtr<Table> = AtomicPtr::new(core::ptr::null_mut());

/// Records `type_`, a type this backend made. The caller holds the
/// interpreter's lock (as every `HPyType_FromSpec` does), which orders writers.
pub(crate) fn register(type_: *mut PyTypeObject, extra: Extra) {
    let node = Box::into_raw(Box::new(Node { type_, extra }));
    let current = TYPES.load(Ordering::Acquire);
    // SAFETY: a published table is leaked, so it lives for the process.
    match unsafe { current.as_ref() } {
        Some(table) if 2 * (table.used.load(Ordering::Relaxed) + 1) <= table.slots.len() => {
            table.insert(node)
        }
        old => {
            // At most half full: a new table twice as large, with every record.
            let mut nodes: Vec<*mut Node> = Vec::new();
            let mut count = 16;
            if let Some(old) = old {
                nodes.extend(old.slots.iter().map(|s| s.load(Ordering::Relaxed)).filter(|n| !n.is_null()));
                count = old.slots.len() * 2;
            }
            let table = Table::with_slots(count);
            for n in nodes {
                table.insert(n);
            }
            table.insert(node);
            TYPES.store(Box::into_raw(Box::new(table)), Ordering::Release);
        }
    }
}

/// The record of `type_`, if this backend made it.
#[inline]
pub(crate) fn find(type_: *mut PyTypeObject) -> Option<&'static Extra> {
    // SAFETY: a published table is leaked, so it lives for the process.
    let table = unsafe { TYPES.load(Ordering::Acquire).as_ref() }?;
    let mask = table.slots.len() - 1;
    let mut i = table.start(type_);
    loop {
        // SAFETY: published nodes are leaked, so each lives forever.
        let node = unsafe { table.slots[i].load(Ordering::Acquire).as_ref() }?;
        if node.type_ == type_ {
            return Some(&node.extra);
        }
        i = (i + 1) & mask;
    }
}

/// The records of `type_` and of its bases, most derived first. Only heap
/// types are looked up: this backend makes heap types, and a static type's
/// bases are static (`object` ends every chain).
pub(crate) fn chain(type_: *mut PyTypeObject) -> impl Iterator<Item = &'static Extra> {
    let mut current = type_;
    core::iter::from_fn(move || {
        while !current.is_null() {
            let this = current;
            // SAFETY: a live type's flags are readable, and its `tp_base` is
            // null or a live type.
            unsafe {
                if pyo3_ffi::PyType_HasFeature(this, pyo3_ffi::Py_TPFLAGS_HEAPTYPE) == 0 {
                    return None;
                }
                current = (*this).tp_base;
            }
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
