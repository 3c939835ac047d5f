//! Special methods (`__iter__`, `__getitem__`, ...) looked up as Python
//! looks them up: in the dicts of the type's MRO, skipping the instance and
//! the metaclass, and without the builtins namespace, which Python code can
//! change (`builtins.iter = ...`, `del builtins.set`).

use crate::types::{Tuple, Type};
use crate::{HPyResult, Handle};

/// The attribute `name` as found in the `__dict__` of the first class of
/// `ty.__mro__` that defines it (unbound: a function, a slot wrapper, or
/// `None` for a method disabled with `__iter__ = None`); `None` if no class
/// defines it.
pub(crate) fn find_in_mro<'ctx>(ty: &Type<'ctx>, name: &str) -> HPyResult<Option<Handle<'ctx>>> {
    let mro = ty.getattr("__mro__")?.downcast::<Tuple<'ctx>>()?;
    for index in 0..mro.len()? {
        let namespace = mro.get_item(index)?.getattr("__dict__")?;
        if namespace.contains(name)? {
            return namespace.get_item(name).map(Some);
        }
    }
    Ok(None)
}

/// The special method `name` of `obj`, bound to it as Python binds it
/// (through the `__get__` of its type, if it has one); `None` if the type
/// does not define it. A method set to `None` comes back as `None` (the
/// object), for the caller to refuse.
pub(crate) fn lookup_special<'ctx>(obj: &Handle<'ctx>, name: &str) -> HPyResult<Option<Handle<'ctx>>> {
    let ty = obj.get_type();
    let Some(found) = find_in_mro(&ty, name)? else {
        return Ok(None);
    };
    match find_in_mro(&found.get_type(), "__get__")? {
        Some(get) if !get.is_none() => get.call((&found, obj, &ty)).map(Some),
        _ => Ok(Some(found)),
    }
}
