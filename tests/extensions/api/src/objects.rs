//! The object protocol: attributes, items, repr/str/hash/truth/length,
//! types, comparison, dump, void pointers.

use hpy::prelude::*;
use hpy::{Borrowed, CompareOp};

/// `getattr` by Rust string (`_s`) and by `str` object; a name with a NUL
/// goes through an object.
#[hpy_function]
pub fn getattr_both<'ctx>(obj: &Handle<'ctx>, name: &str) -> HPyResult<(Handle<'ctx>, Handle<'ctx>)> {
    let by_object = obj.getattr(&Str::new(obj.ctx(), name)?)?;
    Ok((obj.getattr(name)?, by_object))
}

/// `hasattr` both ways (by text and by object), as Python's `hasattr`.
#[hpy_function]
pub fn hasattr_both(obj: &Handle<'_>, name: &Handle<'_>) -> HPyResult<(bool, bool)> {
    let by_object = obj.hasattr(name)?;
    let by_text = match name.downcast_ref::<Str<'_>>() {
        Ok(text) => obj.hasattr(text.to_str()?)?,
        Err(_) => by_object,
    };
    Ok((by_text, by_object))
}

/// `hasattr` with the C API's semantics (every error means false), both ways.
#[hpy_function]
pub fn hasattr_ignoring_errors(obj: &Handle<'_>, name: &Handle<'_>) -> HPyResult<(bool, bool)> {
    let by_object = obj.hasattr_ignoring_errors(name);
    let by_text = match name.downcast_ref::<Str<'_>>() {
        Ok(text) => obj.hasattr_ignoring_errors(text.to_str()?),
        Err(_) => by_object,
    };
    Ok((by_text, by_object))
}

/// `setattr(obj, name, value)`, by text when `by_text`, else by object.
#[hpy_function]
pub fn setattr_by<'ctx>(
    obj: &Handle<'ctx>,
    name: &str,
    value: &Handle<'ctx>,
    by_text: bool,
) -> HPyResult<()> {
    if by_text { obj.setattr(name, value) } else { obj.setattr(&Str::new(obj.ctx(), name)?, value) }
}

/// `delattr(obj, name)`, by text or by object.
#[hpy_function]
pub fn delattr_by(obj: &Handle<'_>, name: &str, by_text: bool) -> HPyResult<()> {
    if by_text { obj.delattr(name) } else { obj.delattr(&Str::new(obj.ctx(), name)?) }
}

/// `obj[key]` with every kind of key: an int goes through `_i`, a str
/// through `_s`, anything else as an object.
#[hpy_function]
pub fn get_item<'ctx>(obj: &Handle<'ctx>, key: &Handle<'ctx>) -> HPyResult<Handle<'ctx>> {
    if let Ok(index) = key.extract::<i64>()
        && !key.is_instance_of::<Str<'_>>()
    {
        return obj.get_item(index);
    }
    if let Ok(text) = key.downcast_ref::<Str<'_>>() {
        return obj.get_item(text.to_str()?);
    }
    obj.get_item(key)
}

/// `obj[index]` with an unsigned index (may be too large for `isize`).
#[hpy_function]
pub fn get_item_usize<'ctx>(obj: &Handle<'ctx>, index: u64) -> HPyResult<Handle<'ctx>> {
    obj.get_item(index)
}

/// `obj[key] = value`, then `(obj[key], key in obj)`, then `del obj[key]`
/// and `key in obj` again, with a `u64` key (may be too large for `isize`).
#[hpy_function]
pub fn u64_key_round_trip<'ctx>(
    obj: &Handle<'ctx>,
    key: u64,
    value: &Handle<'ctx>,
) -> HPyResult<(Handle<'ctx>, bool, bool)> {
    obj.set_item(key, value)?;
    let (found, present) = (obj.get_item(key)?, obj.contains(key)?);
    obj.del_item(key)?;
    Ok((found, present, obj.contains(key)?))
}

/// `obj[key] = value`, dispatched as `get_item`.
#[hpy_function]
pub fn set_item<'ctx>(obj: &Handle<'ctx>, key: &Handle<'ctx>, value: &Handle<'ctx>) -> HPyResult<()> {
    if let Ok(index) = key.extract::<i64>()
        && !key.is_instance_of::<Str<'_>>()
    {
        return obj.set_item(index, value);
    }
    if let Ok(text) = key.downcast_ref::<Str<'_>>() {
        return obj.set_item(text.to_str()?, value);
    }
    obj.set_item(key, value)
}

/// `del obj[key]`, dispatched as `get_item`.
#[hpy_function]
pub fn del_item(obj: &Handle<'_>, key: &Handle<'_>) -> HPyResult<()> {
    if let Ok(index) = key.extract::<i32>()
        && !key.is_instance_of::<Str<'_>>()
    {
        return obj.del_item(index);
    }
    if let Ok(text) = key.downcast_ref::<Str<'_>>() {
        return obj.del_item(text.to_str()?);
    }
    obj.del_item(key)
}

/// `value in obj`, with a handle and with a Rust value.
#[hpy_function]
pub fn contains(obj: &Handle<'_>, value: &Handle<'_>) -> HPyResult<(bool, bool)> {
    Ok((obj.contains(value)?, obj.contains(7)?))
}

/// `(repr(obj), str(obj), ascii(obj), repr as a Rust string)`.
#[hpy_function]
pub fn texts<'ctx>(obj: &Handle<'ctx>) -> HPyResult<(Str<'ctx>, Str<'ctx>, Str<'ctx>, String)> {
    Ok((obj.repr()?, obj.str()?, obj.ascii()?, obj.repr_string()?))
}

/// `bytes(obj)`.
#[hpy_function]
pub fn to_bytes<'ctx>(obj: &Handle<'ctx>) -> HPyResult<Bytes<'ctx>> {
    obj.bytes()
}

/// `hash(obj)`.
#[hpy_function]
pub fn hash(obj: &Handle<'_>) -> HPyResult<isize> {
    obj.hash()
}

/// `bool(obj)`.
#[hpy_function]
pub fn is_true(obj: &Handle<'_>) -> HPyResult<bool> {
    obj.is_true()
}

/// `(len(obj), len(obj) == 0)`.
#[hpy_function]
pub fn length(obj: &Handle<'_>) -> HPyResult<(usize, bool)> {
    Ok((obj.len()?, obj.is_empty()?))
}

/// `(type(obj), its name, the name again through type_name)`.
#[hpy_function]
pub fn type_of<'ctx>(obj: &Handle<'ctx>) -> HPyResult<(Type<'ctx>, String, String)> {
    let ty = obj.get_type();
    let name = ty.name()?;
    Ok((ty, name, obj.type_name()))
}

/// Whether `type(obj)` is `ty` or a subclass (by the MRO); false when `ty`
/// is not a type.
#[hpy_function]
pub fn is_instance(obj: &Handle<'_>, ty: &Handle<'_>) -> bool {
    obj.is_instance(ty)
}

/// Whether `sub` is `sup` or a subclass (by the MRO), for two types
/// (parameters checked as types).
#[hpy_function]
pub fn is_subtype(sub: &Type<'_>, sup: &Type<'_>) -> bool {
    sub.is_subtype(sup)
}

/// The builtin shape of a type's instances (`-1`: not made by HPy).
#[hpy_function]
pub fn builtin_shape(ty: &Type<'_>) -> i32 {
    ty.builtin_shape().0
}

/// Whether `obj` is a type, checked three ways.
#[hpy_function]
pub fn is_a_type(obj: &Handle<'_>) -> bool {
    let checks =
        [Type::is_type_of(obj), obj.is_instance_of::<Type<'_>>(), obj.downcast_ref::<Type<'_>>().is_ok()];
    assert!(checks.iter().all(|c| *c == checks[0]));
    checks[0]
}

/// `(a is b, a is None)`.
#[hpy_function]
pub fn identity(a: &Handle<'_>, b: &Handle<'_>) -> (bool, bool) {
    (a.is(b), a.is_none())
}

fn op(name: &str) -> HPyResult<CompareOp> {
    Ok(match name {
        "<" => CompareOp::Lt,
        "<=" => CompareOp::Le,
        "==" => CompareOp::Eq,
        "!=" => CompareOp::Ne,
        ">" => CompareOp::Gt,
        ">=" => CompareOp::Ge,
        _ => return Err(hpy::exceptions::ValueError::new_err("unknown operator")),
    })
}

/// `a <op> b` as the object the comparison returns.
#[hpy_function]
pub fn rich_compare<'ctx>(a: &Handle<'ctx>, b: &Handle<'ctx>, operator: &str) -> HPyResult<Handle<'ctx>> {
    a.rich_compare(b, op(operator)?)
}

/// `bool(a <op> b)`.
#[hpy_function]
pub fn compare(a: &Handle<'_>, b: &Handle<'_>, operator: &str) -> HPyResult<bool> {
    a.compare(b, op(operator)?)
}

/// `_HPy_Dump(obj)`: prints to the C stderr.
#[hpy_function]
pub fn dump(obj: &Handle<'_>) {
    obj.dump()
}

/// A handle through `void *` and back: the same object.
#[hpy_function]
pub fn void_p_round_trip<'ctx>(ctx: Ctx<'ctx>, obj: &Handle<'ctx>) -> HPyResult<(Handle<'ctx>, bool)> {
    let pointer = obj.as_void_p();
    // SAFETY: `pointer` comes from `as_void_p` of `obj`, open for this call.
    let back = unsafe { Borrowed::from_void_p(ctx, pointer) };
    Ok((back.to_owned(), back.is(obj)))
}

/// `Handle::new_str` and `downcast` of the result.
#[hpy_function]
pub fn new_str<'ctx>(ctx: Ctx<'ctx>, text: &str) -> HPyResult<Str<'ctx>> {
    Handle::new_str(ctx, text)?.downcast::<Str<'_>>()
}

/// Downcasts an owned handle to a list: a conversion error otherwise.
#[hpy_function]
pub fn downcast_list(obj: Handle<'_>) -> HPyResult<List<'_>> {
    obj.downcast()
}
