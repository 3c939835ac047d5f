//! `HPyType_FromSpec`: an `HPyType_Spec` as a `PyType_Spec`. Methods,
//! members and getsets become CPython's tables (a member's offset moves past
//! the header of the shape), slots keep their numbers and CPython
//! trampolines, `tp_destroy` and `tp_traverse`'s implementation go into the
//! type's record (`type_extra.rs`), and every HPy type gets a `tp_dealloc`
//! of `dealloc.rs` (the plain one when no record of the type or its bases
//! has anything to clear or destroy and no builtin base but `object` frees
//! the instance).

use super::method_def::method_def;
use super::type_extra::{Extra, header, register};
use super::{dealloc, h2py, py2h};
use crate::*;
use alloc::vec::Vec;
use core::ffi::{CStr, c_int, c_uint, c_void};
use pyo3_ffi::{self as ffi, PyObject};

/// Why a spec cannot be made into a type: the exception type and message.
type Refusal = (*mut PyObject, &'static CStr);

fn system_error(message: &'static CStr) -> Refusal {
    // SAFETY: reading the exception type needs an initialized interpreter.
    (unsafe { ffi::PyExc_SystemError }, message)
}

fn slot(slot: c_int, pfunc: *mut c_void) -> ffi::PyType_Slot {
    ffi::PyType_Slot { slot, pfunc }
}

/// What the definitions of a spec become.
#[derive(Default)]
struct Tables {
    slots: Vec<ffi::PyType_Slot>,
    methods: Vec<ffi::PyMethodDef>,
    members: Vec<ffi::PyMemberDef>,
    getsets: Vec<ffi::PyGetSetDef>,
    traverse: HPyFunc_traverseproc,
    destroy: HPyFunc_destroyfunc,
    buffer: (cpy_PyCFunction, cpy_PyCFunction),
    /// `HPy_tp_call`'s trampoline: a vectorcall function.
    call: cpy_PyCFunction,
    has_new: bool,
}

/// Sorts the definitions of `spec` into CPython's tables.
///
/// # Safety
/// `spec.defines` must be null or a null-terminated array of definitions.
unsafe fn tables(spec: &HPyType_Spec, header: usize) -> Result<Tables, Refusal> {
    let mut t = Tables::default();
    let mut define = spec.defines;
    // SAFETY: forwarded from the caller.
    while let Some(d) = unsafe { define.as_ref().and_then(|d| d.as_ref()) } {
        define = define.wrapping_add(1);
        match d.kind {
            HPyDef_Kind_Slot => {
                // SAFETY: the kind says which member of the union is set.
                let s = unsafe { &d.u.slot };
                let trampoline = s.cpy_trampoline.map_or(core::ptr::null_mut(), |f| f as *mut c_void);
                match s.slot {
                    // SAFETY: a `tp_destroy` implementation is a `destroyfunc`.
                    HPy_tp_destroy => t.destroy = unsafe { core::mem::transmute_copy(&s.impl_) },
                    HPy_tp_traverse => {
                        // SAFETY: a `tp_traverse` implementation is a `traverseproc`.
                        t.traverse = unsafe { core::mem::transmute_copy(&s.impl_) };
                        t.slots.push(slot(ffi::Py_tp_traverse, trampoline));
                    }
                    HPy_bf_getbuffer => t.buffer.0 = s.cpy_trampoline,
                    HPy_bf_releasebuffer => t.buffer.1 = s.cpy_trampoline,
                    HPy_tp_call => t.call = s.cpy_trampoline,
                    HPy_tp_new => {
                        t.has_new = true;
                        t.slots.push(slot(ffi::Py_tp_new, trampoline));
                    }
                    // The other slots have CPython's numbers.
                    other => t.slots.push(slot(other.0, trampoline)),
                }
            }
            HPyDef_Kind_Meth => {
                // SAFETY: as above.
                t.methods.push(method_def(unsafe { &d.u.meth }).map_err(system_error)?);
            }
            HPyDef_Kind_Member => {
                // SAFETY: as above.
                let m = unsafe { &d.u.member };
                t.members.push(ffi::PyMemberDef {
                    name: m.name,
                    // HPy's member types have the numbers of CPython's `T_*`.
                    type_code: m.type_.0,
                    offset: m.offset + header as HPy_ssize_t,
                    flags: if m.readonly != 0 { ffi::Py_READONLY } else { 0 },
                    doc: m.doc,
                });
            }
            HPyDef_Kind_GetSet => {
                // SAFETY: as above.
                let g = unsafe { &d.u.getset };
                t.getsets.push(ffi::PyGetSetDef {
                    name: g.name,
                    // The trampolines have CPython's getter and setter types.
                    get: g.getter_cpy_trampoline,
                    set: g.setter_cpy_trampoline,
                    doc: g.doc,
                    closure: g.closure,
                });
            }
            _ => return Err(system_error(c"unknown kind of definition")),
        }
    }
    Ok(t)
}

/// The bases, the metaclass, or a refusal.
///
/// # Safety
/// `params` must be null or end with a zero kind, its handles open.
unsafe fn parameters(
    params: *mut HPyType_SpecParam,
) -> Result<(Vec<*mut PyObject>, *mut PyObject, *mut PyObject), Refusal> {
    let (mut bases, mut tuple, mut metaclass) = (Vec::new(), core::ptr::null_mut(), core::ptr::null_mut());
    let mut param = params;
    // SAFETY: forwarded from the caller.
    while let Some(p) = unsafe { param.as_ref() }.filter(|p| p.kind.0 != 0) {
        param = param.wrapping_add(1);
        match p.kind {
            HPyType_SpecParam_Base => bases.push(h2py(p.object)),
            HPyType_SpecParam_BasesTuple => tuple = h2py(p.object),
            HPyType_SpecParam_Metaclass => metaclass = h2py(p.object),
            _ => return Err(system_error(c"unknown HPyType_SpecParam kind")),
        }
    }
    if !bases.is_empty() && !tuple.is_null() {
        // SAFETY: reading the exception type needs an initialized interpreter.
        let type_error = unsafe { ffi::PyExc_TypeError };
        return Err((
            type_error,
            c"cannot specify both HPyType_SpecParam_Base and HPyType_SpecParam_BasesTuple",
        ));
    }
    // SAFETY: the metaclass is null or a live object.
    if !metaclass.is_null() && unsafe { ffi::PyType_Check(metaclass) } == 0 {
        // SAFETY: reading the exception type needs an initialized interpreter.
        let type_error = unsafe { ffi::PyExc_TypeError };
        return Err((type_error, c"HPyType_SpecParam_Metaclass must be a type"));
    }
    Ok((bases, tuple, metaclass))
}

/// `HPyType_FromSpec`: the new type, or null with an exception set.
///
/// # Safety
/// `spec` must be a valid spec whose definitions are static, `params` null or
/// terminated, with the interpreter's lock held.
pub unsafe fn HPyType_FromSpec(
    _ctx: *mut HPyContext,
    spec: *mut HPyType_Spec,
    params: *mut HPyType_SpecParam,
) -> HPy {
    // SAFETY: forwarded from the caller.
    match unsafe { from_spec(&*spec, params) } {
        Ok(type_) => py2h(type_),
        Err((exception, message)) => {
            // SAFETY: the lock is held.
            unsafe { ffi::PyErr_SetString(exception, message.as_ptr()) };
            HPy_NULL
        }
    }
}

/// The work of [`HPyType_FromSpec`]; `Ok(null)` if CPython raised.
unsafe fn from_spec(spec: &HPyType_Spec, params: *mut HPyType_SpecParam) -> Result<*mut PyObject, Refusal> {
    let Some(header) = header(spec.builtin_shape) else {
        return Err(system_error(c"invalid HPyType_BuiltinShape"));
    };
    if !spec.legacy_slots.is_null() {
        return Err(system_error(c"legacy slots are not supported in the CPython ABI yet"));
    }
    // SAFETY: forwarded from the caller.
    let mut t = unsafe { tables(spec, header) }?;
    if spec.flags & HPy_TPFLAGS_HAVE_GC != 0 && t.traverse.is_none() {
        // SAFETY: reading the exception type needs an initialized interpreter.
        let value_error = unsafe { ffi::PyExc_ValueError };
        return Err((value_error, c"A type with HPy_TPFLAGS_HAVE_GC must define HPy_tp_traverse"));
    }
    // SAFETY: forwarded from the caller.
    let (bases, bases_tuple, metaclass) = unsafe { parameters(params) }?;
    if !spec.doc.is_null() {
        t.slots.push(slot(ffi::Py_tp_doc, spec.doc.cast_mut().cast()));
    }
    if t.traverse.is_some() {
        t.slots.push(slot(ffi::Py_tp_clear, dealloc::clear as *mut c_void));
    }
    t.slots.push(slot(ffi::Py_tp_dealloc, dealloc::dealloc as *mut c_void));
    let mut basicsize = if spec.basicsize == 0 { 0 } else { spec.basicsize + header as c_int };
    let mut flags = spec.flags as c_uint;
    // `HPy_tp_call`: each instance holds its vectorcall function in a hidden
    // word after the payload (`HPy_SetCallFunction` replaces it).
    // SAFETY: the trampoline of a KEYWORDS slot has the C type of a vectorcall function.
    let call: Option<ffi::vectorcallfunc> = unsafe { core::mem::transmute(t.call) };
    let mut vectorcall = None;
    if let Some(call) = call {
        if spec.itemsize != 0 {
            // SAFETY: reading the exception type needs an initialized interpreter.
            let type_error = unsafe { ffi::PyExc_TypeError };
            return Err((type_error, c"HPy_tp_call cannot be used with var-sized objects"));
        }
        let offset = (basicsize.max(header as c_int) as usize).div_ceil(16) * 16;
        basicsize = (offset + core::mem::size_of::<usize>()) as c_int;
        vectorcall = Some((offset as ffi::Py_ssize_t, call));
        t.members.push(ffi::PyMemberDef {
            name: c"__vectorcalloffset__".as_ptr(),
            type_code: ffi::Py_T_PYSSIZET,
            offset: offset as ffi::Py_ssize_t,
            flags: ffi::Py_READONLY,
            doc: core::ptr::null(),
        });
        t.slots.push(slot(ffi::Py_tp_call, ffi::PyVectorcall_Call as *mut c_void));
        if !t.has_new {
            t.slots.push(slot(ffi::Py_tp_new, super::new::new_with_call as *mut c_void));
        }
        flags |= ffi::Py_TPFLAGS_HAVE_VECTORCALL as c_uint;
    }
    t.methods.push(ffi::PyMethodDef::zeroed());
    // SAFETY: a zeroed member and getset are the tables' sentinels.
    t.members.push(unsafe { core::mem::zeroed() });
    // SAFETY: as above.
    t.getsets.push(unsafe { core::mem::zeroed() });
    t.slots.push(slot(ffi::Py_tp_methods, t.methods.leak().as_mut_ptr().cast()));
    t.slots.push(slot(ffi::Py_tp_members, t.members.leak().as_mut_ptr().cast()));
    t.slots.push(slot(ffi::Py_tp_getset, t.getsets.leak().as_mut_ptr().cast()));
    t.slots.push(slot(0, core::ptr::null_mut()));
    // CPython keeps pointing to the name: a copy that lives as long as the type.
    // SAFETY: the spec's name is a C string.
    let name = alloc::ffi::CString::from(unsafe { CStr::from_ptr(spec.name) });
    let mut py_spec = ffi::PyType_Spec {
        name: name.into_raw(),
        basicsize,
        itemsize: spec.itemsize,
        flags,
        slots: t.slots.leak().as_mut_ptr(),
    };
    // SAFETY: the lock is held; the spec and its tables live for the process.
    let type_ = unsafe {
        let owned_bases = if bases.is_empty() { core::ptr::null_mut() } else { bases_tuple_of(&bases) };
        let bases = if owned_bases.is_null() { bases_tuple } else { owned_bases };
        let type_ = create(&mut py_spec, bases, metaclass);
        ffi::Py_XDECREF(owned_bases);
        type_?
    };
    if type_.is_null() {
        return Ok(type_);
    }
    if t.buffer.0.is_some() || t.buffer.1.is_some() {
        // SAFETY: a heap type's buffer table is its own; 3.8's FromSpec cannot set it.
        unsafe {
            let heap = type_.cast::<ffi::PyHeapTypeObject>();
            (*heap).as_buffer.bf_getbuffer =
                core::mem::transmute::<cpy_PyCFunction, Option<ffi::getbufferproc>>(t.buffer.0);
            (*heap).as_buffer.bf_releasebuffer =
                core::mem::transmute::<cpy_PyCFunction, Option<ffi::releasebufferproc>>(t.buffer.1);
            (*type_.cast::<ffi::PyTypeObject>()).tp_as_buffer = &raw mut (*heap).as_buffer;
        }
    }
    if let Some((offset, _)) = vectorcall {
        // SAFETY: the type is new; 3.8 ignores `__vectorcalloffset__`.
        unsafe {
            let tp = type_.cast::<ffi::PyTypeObject>();
            if (*tp).tp_vectorcall_offset == 0 {
                (*tp).tp_vectorcall_offset = offset;
            }
        }
    }
    register(
        type_.cast(),
        Extra { shape: spec.builtin_shape, traverse: t.traverse, destroy: t.destroy, vectorcall },
    );
    // SAFETY: the type is new (live, a heap type): no instance or subclass
    // has read the slot yet.
    unsafe {
        if !dealloc::needs_full(type_.cast()) {
            (*type_.cast::<ffi::PyTypeObject>()).tp_dealloc = Some(dealloc::dealloc_plain);
        }
    }
    Ok(type_)
}

/// A new tuple of `bases`.
unsafe fn bases_tuple_of(bases: &[*mut PyObject]) -> *mut PyObject {
    // SAFETY: the caller holds the lock; the bases are live.
    unsafe {
        let tuple = ffi::PyTuple_New(bases.len() as ffi::Py_ssize_t);
        for (i, base) in bases.iter().enumerate() {
            ffi::Py_INCREF(*base);
            ffi::PyTuple_SET_ITEM(tuple, i as ffi::Py_ssize_t, *base);
        }
        tuple
    }
}

/// The type, made with its metaclass if it has one (`PyType_FromMetaclass`
/// on 3.12, `metaclass.rs` before).
unsafe fn create(
    spec: &mut ffi::PyType_Spec,
    bases: *mut PyObject,
    metaclass: *mut PyObject,
) -> Result<*mut PyObject, Refusal> {
    if metaclass.is_null() {
        // SAFETY: forwarded from the caller.
        return Ok(unsafe { ffi::PyType_FromSpecWithBases(spec, bases) });
    }
    #[cfg(Py_3_12)]
    {
        // SAFETY: forwarded from the caller.
        Ok(unsafe { ffi::PyType_FromMetaclass(metaclass.cast(), core::ptr::null_mut(), spec, bases) })
    }
    #[cfg(not(Py_3_12))]
    {
        // SAFETY: forwarded from the caller; `parameters` checked that it is a type.
        Ok(unsafe { super::metaclass::from_metaclass(spec, bases, metaclass.cast()) })
    }
}
