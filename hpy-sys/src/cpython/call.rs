//! Calls: vectorcall with the handles as the argument array.
//!
//! CPython 3.8 has vectorcall only as a private inline function, and
//! `pyo3-ffi` 0.29's replacement declares the 3.9 signatures of the private
//! functions behind it (a crash on 3.8), so 3.8 gets its own path here
//! through the functions 3.8 exports, declared with their 3.8 signatures.

use super::{h2py, py2h};
use crate::{HPy, HPy_NULL, HPyContext};
use pyo3_ffi::{self as ffi, PyObject};

/// `HPy_Call`: `callable(*args[:nargs], **dict(zip(kwnames, args[nargs:])))`.
///
/// # Safety
/// `args` must hold `nargs` open handles plus one per name in the tuple
/// `kwnames` (or null), with the interpreter's lock held.
#[inline(always)]
pub unsafe fn HPy_Call(
    _ctx: *mut HPyContext,
    callable: HPy,
    args: *const HPy,
    nargs: usize,
    kwnames: HPy,
) -> HPy {
    // SAFETY: forwarded from the caller; `HPy[]` is `PyObject *[]`.
    py2h(unsafe { vectorcall(h2py(callable), args.cast(), nargs, h2py(kwnames)) })
}

/// `HPy_CallMethod`: calls the method `name` of `args[0]` with the rest.
///
/// # Safety
/// As for [`HPy_Call`], with `nargs >= 1` and `name` an open `str`.
#[inline(always)]
pub unsafe fn HPy_CallMethod(
    _ctx: *mut HPyContext,
    name: HPy,
    args: *const HPy,
    nargs: usize,
    kwnames: HPy,
) -> HPy {
    #[cfg(Py_3_9)]
    {
        // SAFETY: forwarded from the caller.
        py2h(unsafe { ffi::PyObject_VectorcallMethod(h2py(name), args.cast(), nargs, h2py(kwnames)) })
    }
    #[cfg(not(Py_3_9))]
    {
        // SAFETY: forwarded from the caller: `args[0]` is the receiver.
        let method = unsafe { ffi::PyObject_GetAttr(h2py(*args), h2py(name)) };
        if method.is_null() {
            return HPy_NULL;
        }
        // SAFETY: the rest of the arguments follow the receiver.
        let result = unsafe { vectorcall(method, args.add(1).cast(), nargs - 1, h2py(kwnames)) };
        // SAFETY: `method` is a new reference.
        unsafe { ffi::Py_DECREF(method) };
        py2h(result)
    }
}

/// `HPy_CallTupleDict`: `callable(*args, **kw)`; either may be null.
///
/// # Safety
/// The handles must be null or open, with the interpreter's lock held.
pub unsafe fn HPy_CallTupleDict(_ctx: *mut HPyContext, callable: HPy, args: HPy, kw: HPy) -> HPy {
    let (args, kw) = (h2py(args), h2py(kw));
    // SAFETY: the lock is held; the objects are alive.
    unsafe {
        if !args.is_null() && ffi::PyTuple_Check(args) == 0 {
            ffi::PyErr_SetString(
                ffi::PyExc_TypeError,
                c"HPy_CallTupleDict requires args to be a tuple or null handle".as_ptr(),
            );
            return HPy_NULL;
        }
        if !kw.is_null() && ffi::PyDict_Check(kw) == 0 {
            ffi::PyErr_SetString(
                ffi::PyExc_TypeError,
                c"HPy_CallTupleDict requires kw to be a dict or null handle".as_ptr(),
            );
            return HPy_NULL;
        }
        if kw.is_null() {
            return py2h(ffi::PyObject_CallObject(h2py(callable), args));
        }
        if !args.is_null() {
            return py2h(ffi::PyObject_Call(h2py(callable), args, kw));
        }
        let empty = ffi::PyTuple_New(0);
        if empty.is_null() {
            return HPy_NULL;
        }
        let result = ffi::PyObject_Call(h2py(callable), empty, kw);
        ffi::Py_DECREF(empty);
        py2h(result)
    }
}

/// `PyObject_Vectorcall`, whatever the version.
#[cfg(Py_3_9)]
#[inline(always)]
unsafe fn vectorcall(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: forwarded from the caller.
    unsafe { ffi::PyObject_Vectorcall(callable, args, nargsf, kwnames) }
}

#[cfg(not(Py_3_9))]
unsafe extern "C" {
    /// 3.8's `_PyObject_MakeTpCall` (3.9 added a thread state parameter).
    fn _PyObject_MakeTpCall(
        callable: *mut PyObject,
        args: *const *mut PyObject,
        nargs: ffi::Py_ssize_t,
        keywords: *mut PyObject,
    ) -> *mut PyObject;
    /// 3.8's `_Py_CheckFunctionResult` (3.9 added a thread state parameter).
    fn _Py_CheckFunctionResult(
        callable: *mut PyObject,
        result: *mut PyObject,
        where_: *const core::ffi::c_char,
    ) -> *mut PyObject;
}

/// What 3.8's inline `_PyObject_Vectorcall` does: the type's vectorcall
/// function if it has one, else `tp_call` with the arguments packed.
#[cfg(not(Py_3_9))]
unsafe fn vectorcall(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    /// `_Py_TPFLAGS_HAVE_VECTORCALL` in 3.8.
    const HAVE_VECTORCALL: core::ffi::c_ulong = 1 << 11;
    // SAFETY: `callable` is alive; a type with the flag keeps a (nullable)
    // vectorcall function pointer at `tp_vectorcall_offset` of its instances.
    unsafe {
        let tp = ffi::Py_TYPE(callable);
        if ffi::PyType_HasFeature(tp, HAVE_VECTORCALL) != 0 {
            let offset = (*tp).tp_vectorcall_offset;
            let func = callable.cast::<u8>().offset(offset).cast::<Option<ffi::vectorcallfunc>>().read();
            if let Some(func) = func {
                let result = func(callable, args, nargsf, kwnames);
                return _Py_CheckFunctionResult(callable, result, core::ptr::null());
            }
        }
        _PyObject_MakeTpCall(callable, args, ffi::PyVectorcall_NARGS(nargsf), kwnames)
    }
}
