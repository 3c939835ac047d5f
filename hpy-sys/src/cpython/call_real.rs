//! `_HPy_CallRealFunctionFromTrampoline` in the CPython ABI: the
//! trampolines of `hpy` keep their shape, and this, inlined into each with a
//! constant signature, calls the implementation directly: the arguments are
//! already handles.

use super::{context, h2py, not_yet, py2h};
use crate::*;
use core::ffi::c_void;

/// The implementation as the function pointer type of its signature.
///
/// # Safety
/// `F` must be the `HPyFunc_*` type of the signature `func` was defined with.
#[inline(always)]
unsafe fn typed<F>(func: HPyCFunction) -> F {
    // SAFETY: both are nullable function pointers; the caller names the type.
    unsafe { core::mem::transmute_copy::<HPyCFunction, F>(&func) }
}

/// Calls `func` with the arguments in `args`, writing its result there.
///
/// # Safety
/// `args` must point to the `_HPyFunc_args_*` struct of `sig`, and `func`
/// be an implementation of `sig`, with the interpreter's lock held.
#[inline(always)]
pub unsafe fn _HPy_CallRealFunctionFromTrampoline(
    _ctx: *mut HPyContext,
    sig: HPyFunc_Signature,
    func: HPyCFunction,
    args: *mut c_void,
) {
    let ctx = context();
    /// An argument passed as it is.
    #[inline(always)]
    fn same<T>(value: T) -> T {
        value
    }
    // A signature whose arguments convert one by one, with a result.
    macro_rules! plain {
        ($args:ty, $impl:ty, ($($field:ident: $convert:ident),*) -> $result:ident) => {
            // SAFETY: the caller passes the struct and an implementation of `sig`.
            unsafe {
                let a = &mut *args.cast::<$args>();
                if let Some(f) = typed::<$impl>(func) {
                    a.result = $result(f(ctx, $($convert(a.$field)),*));
                }
            }
        };
    }
    // `__init__` and `__new__`: the items of the arguments tuple are an
    // `HPy[]`, then the keywords dict.
    macro_rules! tuple_and_dict {
        ($args:ty, $impl:ty, $result:ident) => {
            // SAFETY: as for `plain!`; `args` is a tuple.
            unsafe {
                let a = &mut *args.cast::<$args>();
                if let Some(f) = typed::<$impl>(func) {
                    let (items, n) = super::types::tuple_items(a.args);
                    a.result = $result(f(ctx, py2h(a.self_), items, n, py2h(a.kw)));
                }
            }
        };
    }
    match sig {
        HPyFunc_NOARGS => plain!(_HPyFunc_args_NOARGS, HPyFunc_noargs, (self_: py2h) -> h2py),
        HPyFunc_O => plain!(_HPyFunc_args_O, HPyFunc_o, (self_: py2h, arg: py2h) -> h2py),
        HPyFunc_VARARGS => {
            // SAFETY: the caller passes the struct and an implementation of `sig`;
            // an `HPy[]` is a `PyObject *[]`.
            unsafe {
                let a = &mut *args.cast::<_HPyFunc_args_VARARGS>();
                if let Some(f) = typed::<HPyFunc_varargs>(func) {
                    a.result = h2py(f(ctx, py2h(a.self_), a.args.cast(), a.nargs as usize));
                }
            }
        }
        HPyFunc_KEYWORDS => {
            // SAFETY: as above.
            unsafe {
                let a = &mut *args.cast::<_HPyFunc_args_KEYWORDS>();
                if let Some(f) = typed::<HPyFunc_keywords>(func) {
                    let nargs = pyo3_ffi::PyVectorcall_NARGS(a.nargsf) as usize;
                    a.result = h2py(f(ctx, py2h(a.self_), a.args.cast(), nargs, py2h(a.kwnames)));
                }
            }
        }
        HPyFunc_UNARYFUNC => plain!(_HPyFunc_args_UNARYFUNC, HPyFunc_unaryfunc, (arg0: py2h) -> h2py),
        HPyFunc_BINARYFUNC => {
            plain!(_HPyFunc_args_BINARYFUNC, HPyFunc_binaryfunc, (arg0: py2h, arg1: py2h) -> h2py)
        }
        HPyFunc_TERNARYFUNC => plain!(
            _HPyFunc_args_TERNARYFUNC, HPyFunc_ternaryfunc, (arg0: py2h, arg1: py2h, arg2: py2h) -> h2py
        ),
        HPyFunc_INQUIRY => plain!(_HPyFunc_args_INQUIRY, HPyFunc_inquiry, (arg0: py2h) -> same),
        HPyFunc_LENFUNC => plain!(_HPyFunc_args_LENFUNC, HPyFunc_lenfunc, (arg0: py2h) -> same),
        HPyFunc_SSIZEARGFUNC => {
            plain!(_HPyFunc_args_SSIZEARGFUNC, HPyFunc_ssizeargfunc, (arg0: py2h, arg1: same) -> h2py)
        }
        HPyFunc_SSIZESSIZEARGFUNC => plain!(
            _HPyFunc_args_SSIZESSIZEARGFUNC, HPyFunc_ssizessizeargfunc, (arg0: py2h, arg1: same, arg2: same) -> h2py
        ),
        HPyFunc_SSIZEOBJARGPROC => plain!(
            _HPyFunc_args_SSIZEOBJARGPROC, HPyFunc_ssizeobjargproc, (arg0: py2h, arg1: same, arg2: py2h) -> same
        ),
        HPyFunc_SSIZESSIZEOBJARGPROC => plain!(
            _HPyFunc_args_SSIZESSIZEOBJARGPROC,
            HPyFunc_ssizessizeobjargproc,
            (arg0: py2h, arg1: same, arg2: same, arg3: py2h) -> same
        ),
        HPyFunc_OBJOBJARGPROC => plain!(
            _HPyFunc_args_OBJOBJARGPROC, HPyFunc_objobjargproc, (arg0: py2h, arg1: py2h, arg2: py2h) -> same
        ),
        HPyFunc_OBJOBJPROC => {
            plain!(_HPyFunc_args_OBJOBJPROC, HPyFunc_objobjproc, (arg0: py2h, arg1: py2h) -> same)
        }
        HPyFunc_GETATTRFUNC => {
            plain!(_HPyFunc_args_GETATTRFUNC, HPyFunc_getattrfunc, (arg0: py2h, arg1: same) -> h2py)
        }
        HPyFunc_GETATTROFUNC => {
            plain!(_HPyFunc_args_GETATTROFUNC, HPyFunc_getattrofunc, (arg0: py2h, arg1: py2h) -> h2py)
        }
        HPyFunc_SETATTRFUNC => plain!(
            _HPyFunc_args_SETATTRFUNC, HPyFunc_setattrfunc, (arg0: py2h, arg1: same, arg2: py2h) -> same
        ),
        HPyFunc_SETATTROFUNC => plain!(
            _HPyFunc_args_SETATTROFUNC, HPyFunc_setattrofunc, (arg0: py2h, arg1: py2h, arg2: py2h) -> same
        ),
        HPyFunc_REPRFUNC => plain!(_HPyFunc_args_REPRFUNC, HPyFunc_reprfunc, (arg0: py2h) -> h2py),
        HPyFunc_HASHFUNC => plain!(_HPyFunc_args_HASHFUNC, HPyFunc_hashfunc, (arg0: py2h) -> same),
        HPyFunc_RICHCMPFUNC => plain!(
            _HPyFunc_args_RICHCMPFUNC, HPyFunc_richcmpfunc, (arg0: py2h, arg1: py2h, arg2: same) -> h2py
        ),
        HPyFunc_GETITERFUNC => plain!(_HPyFunc_args_GETITERFUNC, HPyFunc_getiterfunc, (arg0: py2h) -> h2py),
        HPyFunc_ITERNEXTFUNC => {
            plain!(_HPyFunc_args_ITERNEXTFUNC, HPyFunc_iternextfunc, (arg0: py2h) -> h2py)
        }
        HPyFunc_DESCRGETFUNC => plain!(
            _HPyFunc_args_DESCRGETFUNC, HPyFunc_descrgetfunc, (arg0: py2h, arg1: py2h, arg2: py2h) -> h2py
        ),
        HPyFunc_DESCRSETFUNC => plain!(
            _HPyFunc_args_DESCRSETFUNC, HPyFunc_descrsetfunc, (arg0: py2h, arg1: py2h, arg2: py2h) -> same
        ),
        HPyFunc_GETTER => plain!(_HPyFunc_args_GETTER, HPyFunc_getter, (arg0: py2h, arg1: same) -> h2py),
        HPyFunc_SETTER => {
            plain!(_HPyFunc_args_SETTER, HPyFunc_setter, (arg0: py2h, arg1: py2h, arg2: same) -> same)
        }
        HPyFunc_INITPROC => tuple_and_dict!(_HPyFunc_args_INITPROC, HPyFunc_initproc, same),
        HPyFunc_NEWFUNC => tuple_and_dict!(_HPyFunc_args_NEWFUNC, HPyFunc_newfunc, h2py),
        HPyFunc_GETBUFFERPROC => {
            // SAFETY: as above; `HPy_buffer` and `Py_buffer` have the same layout.
            unsafe {
                let a = &mut *args.cast::<_HPyFunc_args_GETBUFFERPROC>();
                if let Some(f) = typed::<HPyFunc_getbufferproc>(func) {
                    a.result = f(ctx, py2h(a.self_), a.view.cast(), a.flags);
                }
            }
        }
        HPyFunc_RELEASEBUFFERPROC => {
            // SAFETY: as above.
            unsafe {
                let a = &mut *args.cast::<_HPyFunc_args_RELEASEBUFFERPROC>();
                if let Some(f) = typed::<HPyFunc_releasebufferproc>(func) {
                    f(ctx, py2h(a.self_), a.view.cast());
                }
            }
        }
        HPyFunc_DESTRUCTOR => {
            // SAFETY: as above.
            unsafe {
                let a = &mut *args.cast::<_HPyFunc_args_DESTRUCTOR>();
                if let Some(f) = typed::<HPyFunc_destructor>(func) {
                    f(ctx, py2h(a.arg0));
                }
            }
        }
        HPyFunc_TRAVERSEPROC => {
            // SAFETY: as above.
            unsafe {
                let a = &mut *args.cast::<_HPyFunc_args_TRAVERSEPROC>();
                a.result =
                    super::dealloc::traverse(a.self_, typed::<HPyFunc_traverseproc>(func), a.visit, a.arg);
            }
        }
        // SAFETY: for this signature, `args` is the dying capsule itself.
        HPyFunc_CAPSULE_DESTRUCTOR => unsafe {
            super::capsule::destroy(args.cast(), typed::<HPyFunc_Capsule_Destructor>(func));
        },
        // SAFETY: the lock is held. The result keeps its error value (the
        // trampoline's initial null or 0) with `SystemError` set.
        _ => unsafe { not_yet::<()>(c"this HPy signature") },
    }
}
