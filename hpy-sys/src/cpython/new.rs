//! Instances: allocation (`_HPy_New`, `HPyType_GenericNew`) and finding
//! the payload (`_HPy_AsStruct_*`).

use super::type_extra::{OBJECT_HEADER, chain, header, payload};
use super::{h2py, py2h};
use crate::{HPy, HPy_NULL, HPy_ssize_t, HPyCallFunction, HPyContext};
use core::ffi::{c_int, c_void};
use pyo3_ffi::{self as ffi, PyTypeObject};

/// Gives a new instance of an HPy type with `HPy_tp_call` its default
/// vectorcall function.
///
/// # Safety
/// `obj` must be a new instance.
unsafe fn init_call(obj: *mut ffi::PyObject) {
    // SAFETY: forwarded from the caller; the word at the offset is the instance's.
    unsafe {
        let type_ = ffi::Py_TYPE(obj);
        // A type with `HPy_tp_call` has an offset, which every subclass
        // inherits (unlike the vectorcall flag before 3.12).
        if (*type_).tp_vectorcall_offset <= 0 {
            return;
        }
        if let Some((offset, call)) = chain(type_).find_map(|e| e.vectorcall) {
            obj.cast::<u8>().offset(offset).cast::<Option<ffi::vectorcallfunc>>().write(Some(call));
        }
    }
}

/// A new, zeroed instance of `type_` (GC-tracked if the type has GC).
///
/// # Safety
/// `type_` must be an open type, with the interpreter's lock held.
unsafe fn alloc(type_: HPy) -> HPy {
    let tp = h2py(type_).cast::<PyTypeObject>();
    // SAFETY: forwarded from the caller; `tp_alloc` zeroes the object.
    unsafe {
        let obj = match (*tp).tp_alloc {
            Some(alloc) => alloc(tp, 0),
            None => ffi::PyType_GenericAlloc(tp, 0),
        };
        if !obj.is_null() {
            init_call(obj);
        }
        py2h(obj)
    }
}

/// `tp_new` of an HPy type with `HPy_tp_call` and no `HPy_tp_new`: the
/// inherited `tp_new`, then the default vectorcall function.
pub(crate) unsafe extern "C" fn new_with_call(
    type_: *mut PyTypeObject,
    args: *mut ffi::PyObject,
    kwds: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    // SAFETY: CPython passes a live type; its base has a `tp_new` (object's at least).
    unsafe {
        let mut base = (*type_).tp_base;
        let ours = new_with_call as ffi::newfunc;
        while !base.is_null() && (*base).tp_new.is_some_and(|new| core::ptr::fn_addr_eq(new, ours)) {
            base = (*base).tp_base;
        }
        let Some(new) = base.as_ref().and_then(|b| b.tp_new) else {
            ffi::PyErr_SetString(ffi::PyExc_TypeError, c"cannot create instances of this type".as_ptr());
            return core::ptr::null_mut();
        };
        let obj = new(type_, args, kwds);
        if !obj.is_null() {
            init_call(obj);
        }
        obj
    }
}

/// `HPy_SetCallFunction`: the vectorcall function of this instance;
/// `TypeError` if its type has no `HPy_tp_call`.
///
/// # Safety
/// `h` must be open and `func` a static call function, with the lock held.
pub unsafe fn HPy_SetCallFunction(_ctx: *mut HPyContext, h: HPy, func: *mut HPyCallFunction) -> c_int {
    // SAFETY: forwarded from the caller.
    unsafe {
        let obj = h2py(h);
        let tp = ffi::Py_TYPE(obj);
        if ffi::PyType_HasFeature(tp, ffi::Py_TPFLAGS_HAVE_VECTORCALL) == 0 || (*tp).tp_vectorcall_offset <= 0
        {
            ffi::PyErr_SetString(
                ffi::PyExc_TypeError,
                c"type does not implement the vectorcall protocol".as_ptr(),
            );
            return -1;
        }
        let call = (*func).cpy_trampoline;
        obj.cast::<u8>().offset((*tp).tp_vectorcall_offset).cast::<crate::cpy_vectorcallfunc>().write(call);
        0
    }
}

/// `_HPy_New`: a new instance of `h_type`, and where its payload is.
///
/// # Safety
/// `h_type` must be an open type and `data` writable, with the lock held.
pub unsafe fn _HPy_New(_ctx: *mut HPyContext, h_type: HPy, data: *mut *mut c_void) -> HPy {
    // SAFETY: forwarded from the caller.
    unsafe {
        let obj = alloc(h_type);
        if obj.is_null() {
            return HPy_NULL;
        }
        data.write(payload(h2py(obj)));
        obj
    }
}

/// `HPyType_GenericNew`: a new instance; the arguments are ignored.
///
/// # Safety
/// `type_` must be an open type, with the interpreter's lock held.
pub unsafe fn HPyType_GenericNew(
    _ctx: *mut HPyContext,
    type_: HPy,
    _args: *const HPy,
    _nargs: HPy_ssize_t,
    _kw: HPy,
) -> HPy {
    // SAFETY: forwarded from the caller.
    unsafe { alloc(type_) }
}

/// `_HPy_AsStruct_Object`: the payload after the `PyObject` header.
///
/// # Safety
/// `h` must be an open instance of an HPy type of shape `Object`.
#[inline(always)]
pub unsafe fn _HPy_AsStruct_Object(_ctx: *mut HPyContext, h: HPy) -> *mut c_void {
    h2py(h).cast::<u8>().wrapping_add(OBJECT_HEADER).cast()
}

/// `_HPy_AsStruct_Legacy`: the object itself.
///
/// # Safety
/// Always safe to call; `unsafe` for the signature of the API.
#[inline(always)]
pub unsafe fn _HPy_AsStruct_Legacy(_ctx: *mut HPyContext, h: HPy) -> *mut c_void {
    h2py(h).cast()
}

macro_rules! as_struct {
    ($($name:ident: $shape:ident),*) => {$(
        #[doc = concat!("`", stringify!($name), "`: the payload after the builtin's struct.")]
        ///
        /// # Safety
        /// `h` must be an open instance of an HPy type of that shape.
        #[inline(always)]
        pub unsafe fn $name(_ctx: *mut HPyContext, h: HPy) -> *mut c_void {
            let header = header(crate::$shape).unwrap_or(0);
            h2py(h).cast::<u8>().wrapping_add(header).cast()
        }
    )*};
}

as_struct!(
    _HPy_AsStruct_Type: HPyType_BuiltinShape_Type,
    _HPy_AsStruct_Long: HPyType_BuiltinShape_Long,
    _HPy_AsStruct_Float: HPyType_BuiltinShape_Float,
    _HPy_AsStruct_Unicode: HPyType_BuiltinShape_Unicode,
    _HPy_AsStruct_Tuple: HPyType_BuiltinShape_Tuple,
    _HPy_AsStruct_List: HPyType_BuiltinShape_List
);
