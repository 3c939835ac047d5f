//! A type with a metaclass before CPython 3.12, which has no
//! `PyType_FromMetaclass`: the type is made from the spec as usual, then
//! moved into an object the metaclass allocates, and made ready again.
//!
//! HPy's own CPython ABI does the same on these versions. The steps:
//!
//! 1. `PyType_FromSpecWithBases` makes a temporary type with the real slots.
//! 2. The metaclass's `tp_alloc` makes the type object (with room for the
//!    metaclass's own payload), and everything after the object header is
//!    copied from the temporary type. The references the copy shares are
//!    added; what `PyType_Ready` derives (dict, MRO, caches, subclasses) is
//!    cleared, and the sub-tables point into the new object.
//! 3. `PyType_Ready` makes the new type's dict, so that its descriptors
//!    belong to it, and `__module__` is set as `PyType_FromSpec` does.
//!
//! The temporary type is kept alive (the new type's member table lives at
//! its end) but taken out of its bases' subclass lists, so
//! `__subclasses__()` shows only the real type. Metaclasses with their own
//! `tp_new` are refused with `TypeError`, as 3.12 does.

use core::ffi::{CStr, c_char, c_void};
use pyo3_ffi::{self as ffi, PyObject, PyTypeObject};

/// The number of entries in the spec's member table.
///
/// # Safety
/// `spec`'s slots must end with a zero slot and its member table with a
/// zeroed member.
unsafe fn members(spec: &ffi::PyType_Spec) -> ffi::Py_ssize_t {
    let mut count = 0;
    let mut slot = spec.slots;
    // SAFETY: the slot array ends with a zero slot; the table with a null name.
    unsafe {
        while (*slot).slot != 0 {
            if (*slot).slot == ffi::Py_tp_members {
                let mut member = (*slot).pfunc.cast::<ffi::PyMemberDef>();
                while !(*member).name.is_null() {
                    count += 1;
                    member = member.add(1);
                }
            }
            slot = slot.add(1);
        }
    }
    count
}

/// Makes the type of `spec` with `bases` and the metaclass `meta`; null
/// with an exception set if that fails.
///
/// # Safety
/// The interpreter's lock must be held; `spec` and its tables live for the
/// process; `bases` is null or a tuple; `meta` is a type.
pub(super) unsafe fn from_metaclass(
    spec: &mut ffi::PyType_Spec,
    bases: *mut PyObject,
    meta: *mut PyTypeObject,
) -> *mut PyObject {
    // SAFETY: the caller holds the lock; `meta` is a type, whose fields are read.
    unsafe {
        // The slots are compared as the addresses CPython stores.
        let address = |f: Option<ffi::newfunc>| f.map(|f| f as usize);
        if address((*meta).tp_new) != address(ffi::PyType_Type.tp_new) {
            ffi::PyErr_SetString(
                ffi::PyExc_TypeError,
                c"Metaclasses with custom tp_new are not supported.".as_ptr(),
            );
            return core::ptr::null_mut();
        }
        let temp = ffi::PyType_FromSpecWithBases(spec, bases);
        if temp.is_null() {
            return temp;
        }
        let Some(alloc) = (*meta).tp_alloc else {
            ffi::Py_DECREF(temp);
            ffi::PyErr_SetString(ffi::PyExc_TypeError, c"the metaclass cannot allocate".as_ptr());
            return core::ptr::null_mut();
        };
        let result = alloc(meta, members(spec));
        if result.is_null() {
            ffi::Py_DECREF(temp);
            return result;
        }
        let (old, new) = (temp.cast::<ffi::PyHeapTypeObject>(), result.cast::<ffi::PyHeapTypeObject>());
        // The header (reference count, type, size) stays the allocator's.
        let header = core::mem::size_of::<ffi::PyVarObject>();
        core::ptr::copy_nonoverlapping(
            old.cast::<u8>().add(header),
            new.cast::<u8>().add(header),
            core::mem::size_of::<ffi::PyHeapTypeObject>() - header,
        );
        // Shared with the temporary type, which keeps its own references.
        ffi::Py_INCREF((*new).ht_name);
        ffi::Py_INCREF((*new).ht_qualname);
        ffi::Py_XINCREF((*new).ht_slots);
        let tp = &raw mut (*new).ht_type;
        ffi::Py_XINCREF((*tp).tp_base.cast());
        ffi::Py_XINCREF((*tp).tp_bases);
        (*tp).tp_as_async = &raw mut (*new).as_async;
        (*tp).tp_as_number = &raw mut (*new).as_number;
        (*tp).tp_as_sequence = &raw mut (*new).as_sequence;
        (*tp).tp_as_mapping = &raw mut (*new).as_mapping;
        (*tp).tp_as_buffer = &raw mut (*new).as_buffer;
        (*tp).tp_flags = core::ffi::c_ulong::from(spec.flags) | ffi::Py_TPFLAGS_HEAPTYPE;
        // What `PyType_Ready` makes again, for this type.
        (*tp).tp_dict = core::ptr::null_mut();
        (*tp).tp_mro = core::ptr::null_mut();
        (*tp).tp_cache = core::ptr::null_mut();
        (*tp).tp_subclasses = core::ptr::null_mut();
        (*tp).tp_weaklist = core::ptr::null_mut();
        (*tp).tp_version_tag = 0;
        (*new).ht_cached_keys = core::ptr::null_mut();
        // The temporary type frees its own doc: this one gets a copy.
        if !(*tp).tp_doc.is_null() {
            let doc = CStr::from_ptr((*tp).tp_doc).to_bytes_with_nul();
            let copy = ffi::PyObject_Malloc(doc.len()).cast::<c_char>();
            if copy.is_null() {
                (*tp).tp_doc = core::ptr::null();
                return fail(result, temp, true);
            }
            core::ptr::copy_nonoverlapping(doc.as_ptr().cast::<c_char>(), copy, doc.len());
            (*tp).tp_doc = copy;
        }
        if ffi::PyType_Ready(tp) < 0 || set_module(tp, spec.name) < 0 {
            return fail(result, temp, false);
        }
        forget_subclass(temp);
        result
    }
}

/// Releases both types after a failure and returns null (`no_memory`: the
/// failure raised nothing yet).
///
/// # Safety
/// The lock is held; both are new references.
unsafe fn fail(result: *mut PyObject, temp: *mut PyObject, no_memory: bool) -> *mut PyObject {
    // SAFETY: forwarded from the caller.
    unsafe {
        if no_memory {
            ffi::PyErr_NoMemory();
        }
        ffi::Py_DECREF(result);
        ffi::Py_DECREF(temp);
    }
    core::ptr::null_mut()
}

/// Sets `__module__` from the part of `name` before its last dot, as
/// `PyType_FromSpec` does; -1 with an exception set on failure.
///
/// # Safety
/// The lock is held; `tp` is ready; `name` is a C string.
unsafe fn set_module(tp: *mut PyTypeObject, name: *const c_char) -> core::ffi::c_int {
    // SAFETY: forwarded from the caller.
    unsafe {
        let name = CStr::from_ptr(name).to_bytes();
        let Some(dot) = name.iter().rposition(|&b| b == b'.') else { return 0 };
        let module = ffi::PyUnicode_FromStringAndSize(name.as_ptr().cast(), dot as ffi::Py_ssize_t);
        if module.is_null() {
            return -1;
        }
        let status = ffi::PyDict_SetItemString((*tp).tp_dict, c"__module__".as_ptr(), module);
        ffi::Py_DECREF(module);
        status
    }
}

/// Takes the temporary type out of its bases' subclass lists (before 3.12
/// a dict from the address, as an int, to a weak reference). A failure
/// only leaves the temporary type listed, so it is cleared.
///
/// # Safety
/// The lock is held; `temp` is a ready type.
unsafe fn forget_subclass(temp: *mut PyObject) {
    // SAFETY: forwarded from the caller; the bases tuple is the type's own.
    unsafe {
        let bases = (*temp.cast::<PyTypeObject>()).tp_bases;
        let key = ffi::PyLong_FromVoidPtr(temp.cast::<c_void>());
        if key.is_null() || bases.is_null() {
            ffi::Py_XDECREF(key);
            ffi::PyErr_Clear();
            return;
        }
        for i in 0..ffi::PyTuple_Size(bases) {
            let base = ffi::PyTuple_GetItem(bases, i).cast::<PyTypeObject>();
            let subclasses = (*base).tp_subclasses;
            if !subclasses.is_null() && ffi::PyDict_Check(subclasses) != 0 {
                ffi::PyDict_DelItem(subclasses, key);
            }
        }
        ffi::Py_DECREF(key);
        ffi::PyErr_Clear();
    }
}
