//! Classes.
//!
//! Python subclasses: PyPy 7.3.19's HPy ignores `HPy_TPFLAGS_BASETYPE`
//! (any HPy type can be subclassed in Python), and it aborts the
//! interpreter (an RPython `AssertionError` in `W_HPyObject._finalize_`)
//! when it finalizes an instance of a *Python* subclass of an HPy type that
//! has `tp_destroy` or `tp_finalize`: the finalizer is registered, but it
//! requires the instance's type to be an HPy type. So on PyPy a Python
//! subclass of a class not declared `subclass` is refused as CPython refuses
//! it, and one of a `subclass` class with a finalizer is refused with a
//! `TypeError` that says why, instead of a crash later.

use crate::class::HPyClass;
use crate::exceptions::TypeError;
use crate::types::{Dict, SourceKind, Type};
use crate::{HPyErr, HPyResult, Handle};

/// Why Python subclasses of a class with a finalizer are refused.
pub(crate) fn finalizer_bug(name: &str) -> String {
    format!(
        "Python subclasses of {name} are not supported on PyPy 7.3.19: its HPy aborts the \
         interpreter when it finalizes their instances (a PyPy bug, see docs/runtimes.md in hpy-rs)"
    )
}

/// CPython's refusal to subclass a type without `Py_TPFLAGS_BASETYPE`.
pub(crate) fn not_a_base(ty: &Handle<'_>, name: &str) -> HPyResult<String> {
    let module = ty.getattr("__module__")?.extract::<String>()?;
    Ok(format!("type '{module}.{name}' is not an acceptable base type"))
}

/// Makes Python subclasses of `ty` fail with `TypeError(message)`.
pub(crate) fn refuse_python_subclasses(ty: &Handle<'_>, message: String) -> HPyResult<()> {
    let ctx = ty.ctx();
    let globals = Dict::new(ctx)?;
    globals.set_item("__builtins__", ctx.builtins())?;
    globals.set_item("MESSAGE", message)?;
    let source = "def __init_subclass__(cls, **kwargs):\n    raise TypeError(MESSAGE)\n";
    ctx.compile(source, "<hpy-rs: PyPy subclass guard>", SourceKind::File)?.eval(&globals, None)?;
    let function = globals.get_item("__init_subclass__")?;
    let method = ctx.builtins().get_item("classmethod")?.call((&function,))?;
    ty.setattr("__init_subclass__", &method)
}

/// The check CPython's `T.__new__(cls, ...)` makes before it calls
/// `tp_new`, which PyPy's does not: `cls` must be a subtype of `T`.
pub(crate) fn check_new_subtype<T: HPyClass>(cls: &Handle<'_>) -> HPyResult<()> {
    let ty = crate::class::type_object::<T>(cls.ctx())?;
    if cls.is(&ty) {
        return Ok(());
    }
    check_other_class::<T>(cls, &ty)
}

/// [`check_new_subtype`] for a class other than `T`'s own.
#[cold]
#[inline(never)]
fn check_other_class<T: HPyClass>(cls: &Handle<'_>, ty: &Handle<'_>) -> HPyResult<()> {
    let name = format!("{}.{}", ty.getattr("__module__")?.extract::<String>()?, T::NAME);
    let Ok(cls) = cls.downcast_ref::<Type<'_>>() else {
        let repr = cls.repr_string()?;
        return Err(HPyErr::new_type::<TypeError>(format!(
            "{name}.__new__(X): X is not a type object ({repr})"
        )));
    };
    if cls.is_subtype(ty.downcast_ref::<Type<'_>>()?) {
        return Ok(());
    }
    let sub = cls.getattr("__name__")?.extract::<String>()?;
    Err(HPyErr::new_type::<TypeError>(format!("{name}.__new__({sub}): {sub} is not a subtype of {name}")))
}

/// Refuses to create an instance of a Rust class on the builtin `base`
/// (`int`, `float`, `str`, `tuple`, `list`). PyPy 7.3.19's HPy implements
/// `_HPy_AsStruct_Object` and `_Type` only: the universal mode reaches such
/// a payload through `_Object` (but `HPy_New` cannot give `int`, `float`,
/// `str` or `tuple` their value), the debug mode aborts on that shape
/// mismatch, so the classes are refused in every mode.
pub(crate) fn refuse_builtin_base(base: &Handle<'_>) -> HPyErr {
    let name = base.getattr("__name__").and_then(|n| n.extract::<String>()).unwrap_or_default();
    HPyErr::new_type::<TypeError>(format!(
        "Rust classes based on {name} are not supported on PyPy 7.3.19: its HPy cannot reach their \
         payload (see docs/runtimes.md in hpy-rs)"
    ))
}

/// PyPy keeps the `name(signature)\n--\n\n` head of a method's docstring in
/// its `__doc__` (and has no use for it): on PyPy, the methods of a class
/// get their docstring without it.
pub(crate) fn strip_method_signatures(list: &mut [&'static hpy_sys::HPyDef]) {
    const MARKER: &[u8] = b"\n--\n\n";
    for def in list.iter_mut().filter(|def| def.kind == hpy_sys::HPyDef_Kind_Meth) {
        // SAFETY: a method definition's union holds an `HPyMeth`.
        let meth = unsafe { def.u.meth };
        if meth.doc.is_null() {
            continue;
        }
        // SAFETY: docs are NUL-terminated static strings.
        let doc = unsafe { core::ffi::CStr::from_ptr(meth.doc) }.to_bytes();
        let Some(at) = doc.windows(MARKER.len()).position(|w| w == MARKER) else { continue };
        if !doc[..at].contains(&b'(') {
            continue;
        }
        let mut copy = **def;
        // SAFETY: the rest of the same static string, still NUL-terminated.
        copy.u.meth = hpy_sys::HPyMeth { doc: unsafe { meth.doc.add(at + MARKER.len()) }, ..meth };
        *def = Box::leak(Box::new(copy));
    }
}

/// `__reduce_ex__` for a class that defines no pickling of its own: on
/// CPython, `object.__reduce_ex__` refuses an object with a payload it
/// cannot save ("cannot pickle 'X' object"); PyPy's pickles it, and
/// unpickling makes an instance no constructor set up.
struct RefusePickling<T>(core::marker::PhantomData<T>);

// SAFETY: the body returns no handle, only an error.
unsafe impl<T: crate::class::HPyClass> crate::impl_::Body<crate::impl_::sig::O> for RefusePickling<T> {
    unsafe fn call(_: crate::Ctx<'_>, _: (hpy_sys::HPy, hpy_sys::HPy)) -> HPyResult<hpy_sys::HPy> {
        Err(HPyErr::new_type::<TypeError>(format!("cannot pickle '{}' object", T::NAME)))
    }
}

// SAFETY: the implementation is the shell running the body above.
unsafe impl<T: crate::class::HPyClass> crate::impl_::trampolines::Target for RefusePickling<T> {
    type Sig = crate::impl_::sig::O;
    const IMPL: <Self::Sig as crate::impl_::Signature>::Impl =
        <crate::impl_::sig::O as crate::impl_::Shell<Self>>::SHELL;
}

/// Adds the `__reduce_ex__` that refuses pickling, unless the class
/// defines how it pickles.
pub(crate) fn add_pickling_refusal<T: crate::class::HPyClass>(list: &mut Vec<&'static hpy_sys::HPyDef>) {
    let own = ["__reduce__", "__reduce_ex__", "__getstate__", "__getnewargs__", "__getnewargs_ex__"];
    let defines_pickling = list.iter().filter(|def| def.kind == hpy_sys::HPyDef_Kind_Meth).any(|def| {
        // SAFETY: a method definition's name is a NUL-terminated static string.
        let name = unsafe { core::ffi::CStr::from_ptr(def.u.meth.name) };
        own.iter().any(|o| name.to_bytes() == o.as_bytes())
    });
    if !defines_pickling {
        let def = crate::impl_::meth_def::<RefusePickling<T>>(c"__reduce_ex__", None);
        list.push(Box::leak(Box::new(def)));
    }
}
