//! Classes.
//!
//! Python subclasses: PyPy 7.3.19's HPy aborts the interpreter (an RPython
//! `AssertionError` in `W_HPyObject._finalize_`) when it finalizes an
//! instance of a *Python* subclass of an HPy type that has `tp_destroy` or
//! `tp_finalize`: the finalizer is registered, but it requires the
//! instance's type to be an HPy type. The crate cannot make such instances
//! safe, so on PyPy a Python subclass of those classes is refused when it is
//! defined, with a `TypeError` that says why, instead of a crash later.

use crate::class::HPyClass;
use crate::exceptions::TypeError;
use crate::types::{Dict, SourceKind, Type};
use crate::{HPyErr, HPyResult, Handle};

/// Makes Python subclasses of `ty` (named `name`) fail with `TypeError`.
pub(crate) fn refuse_python_subclasses(ty: &Handle<'_>, name: &str) -> HPyResult<()> {
    let ctx = ty.ctx();
    let globals = Dict::new(ctx)?;
    globals.set_item("__builtins__", ctx.builtins())?;
    let message = format!(
        "Python subclasses of {name} are not supported on PyPy 7.3.19: its HPy aborts the \
         interpreter when it finalizes their instances (a PyPy bug, see docs/runtimes.md in hpy-rs)"
    );
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
    let name = format!("{}.{}", ty.getattr("__module__")?.extract::<String>()?, T::NAME);
    let Ok(cls) = cls.downcast_ref::<Type<'_>>() else {
        let repr = cls.repr_string()?;
        return Err(HPyErr::new_type::<TypeError>(format!("{name}.__new__(X): X is not a type object ({repr})")));
    };
    if cls.is_subtype(ty.downcast_ref::<Type<'_>>()?) {
        return Ok(());
    }
    let sub = cls.getattr("__name__")?.extract::<String>()?;
    Err(HPyErr::new_type::<TypeError>(format!("{name}.__new__({sub}): {sub} is not a subtype of {name}")))
}

/// Creates an instance of `cls`, a Rust class on the builtin `base`. PyPy
/// 7.3.19's HPy implements `_HPy_AsStruct_Object` and `_Type` only, and
/// gives a payload only to instances `HPy_New` makes, which it makes with
/// `base.__new__(cls)` and no arguments: a `list` is then filled by
/// `list.__init__`, but an `int`, `float`, `str` or `tuple` cannot get its
/// value, so classes on those are refused on PyPy.
///
/// # Safety
/// `args` must be handles open in `cls`'s context.
pub(crate) unsafe fn alloc_builtin<'ctx>(
    cls: &Handle<'ctx>,
    base: &Handle<'_>,
    args: &[hpy_sys::HPy],
) -> HPyResult<(Handle<'ctx>, *mut core::ffi::c_void)> {
    let ctx = cls.ctx();
    if !base.is(&ctx.list_type()) {
        let name = base.getattr("__name__")?.extract::<String>()?;
        return Err(HPyErr::new_type::<TypeError>(format!(
            "Rust classes based on {name} are not supported on PyPy 7.3.19: its HPy cannot give an \
             instance both its value and a payload (see docs/runtimes.md in hpy-rs)"
        )));
    }
    let mut data = core::ptr::null_mut();
    // SAFETY: `cls` is a type open in this call; HPy_New returns a new handle
    // (or raises) and reports the payload.
    let obj = unsafe { ctx.wrap(hpy_sys::_HPy_New(ctx.as_raw(), cls.as_raw(), &mut data)) }?;
    if data.is_null() {
        return Err(HPyErr::new_type::<TypeError>("PyPy gave the new instance no payload"));
    }
    let mut all = vec![obj.as_raw()];
    all.extend_from_slice(args);
    // SAFETY: every handle of `all` is open in this call.
    unsafe { crate::call::call_raw(&base.getattr("__init__")?, &all) }?;
    Ok((obj, data))
}
