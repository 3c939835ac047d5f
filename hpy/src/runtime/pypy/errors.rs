//! Raising and new exception classes. PyPy's `HPyErr_SetString` and
//! `HPyErr_SetObject` raise `TypeError` for a type that is not an exception
//! class (CPython raises `SystemError`, which is what the safe API
//! documents), and its `HPyErr_NewException[WithDoc]` fails with
//! `AttributeError` when the metaclass of the base makes something other
//! than a class (CPython returns that object, which the safe API refuses
//! with `TypeError`).

use crate::exceptions::SystemError;
use crate::types::{Dict, Tuple, Type, View};
use crate::{Ctx, HPyErr, HPyResult, Handle};

/// `SystemError` as CPython raises it when `ty` is not an exception class.
pub(crate) fn check_exception_class(ty: &Handle<'_>) -> HPyResult<()> {
    let ctx = ty.ctx();
    let base_exception = ctx.base_exception().to_owned().downcast::<Type<'_>>()?;
    let is_exception = ty.is_instance_of::<Type<'_>>() && {
        // SAFETY: checked to be a type just above.
        let class = unsafe { Type::from_ref_unchecked(ty) };
        class.is_subtype(&base_exception)
    };
    if is_exception {
        return Ok(());
    }
    let repr = ty.repr()?.to_str()?.to_owned();
    Err(HPyErr::new_type::<SystemError>(format!("exception {repr} is not a BaseException subclass")))
}

/// CPython's `PyErr_NewException[WithDoc]`: `type(short_name, bases, dict)`
/// with `__module__` (and `__doc__`) set in `dict`.
pub(crate) fn new_exception<'ctx>(
    ctx: Ctx<'ctx>,
    name: &str,
    doc: Option<&str>,
    base: Option<&Handle<'ctx>>,
    dict: Option<&Dict<'ctx>>,
) -> HPyResult<Handle<'ctx>> {
    let Some((module, short)) = name.rsplit_once('.') else {
        return Err(HPyErr::new_type::<SystemError>("PyErr_NewException: name must be module.class"));
    };
    let dict = match dict {
        Some(dict) => dict.as_handle().clone(),
        None => Dict::new(ctx)?.into_handle(),
    };
    if let Some(doc) = doc {
        dict.set_item("__doc__", doc)?;
    }
    if !dict.contains("__module__")? {
        dict.set_item("__module__", module)?;
    }
    let base = match base {
        Some(base) => base.clone(),
        None => ctx.exception().to_owned(),
    };
    let bases = match base.is_instance_of::<Tuple<'_>>() {
        true => base,
        false => Tuple::new(ctx, (&base,))?.into_handle(),
    };
    ctx.type_type().call((short, &bases, &dict))
}
