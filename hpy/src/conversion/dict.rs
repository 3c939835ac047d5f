//! `dict` <-> `HashMap<K, V>`, `BTreeMap<K, V>`.

use super::{FromHPy, FromHPyOwned, IntoHPy};
use crate::{Ctx, HPyErr, HPyResult, Handle};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

/// Calls `f(key, value)` for every item of a dict.
fn for_each_item<'ctx>(
    obj: &Handle<'ctx>,
    mut f: impl FnMut(&Handle<'ctx>, &Handle<'ctx>) -> HPyResult<()>,
) -> HPyResult<()> {
    let ctx = obj.ctx();
    let raw = ctx.as_raw();
    // SAFETY: `obj` is open in `ctx`; every call below returns a new handle
    // or raises.
    unsafe {
        if hpy_sys::HPyDict_Check(raw, obj.as_raw()) == 0 {
            return Err(HPyErr::wrong_type(obj, "dict"));
        }
        let keys = ctx.wrap(hpy_sys::HPyDict_Keys(raw, obj.as_raw()))?;
        let len = hpy_sys::HPy_Length(raw, keys.as_raw());
        for index in 0..len {
            let key = ctx.wrap(hpy_sys::HPy_GetItem_i(raw, keys.as_raw(), index))?;
            let value = ctx.wrap(hpy_sys::HPy_GetItem(raw, obj.as_raw(), key.as_raw()))?;
            f(&key, &value)?;
        }
    }
    Ok(())
}

/// Calls `f(key, value)` with every item of a dict, converted (an error
/// names the part that failed).
fn for_each_pair<'ctx, K: FromHPyOwned<'ctx>, V: FromHPyOwned<'ctx>>(
    obj: &Handle<'ctx>,
    mut f: impl FnMut(K, V),
) -> HPyResult<()> {
    for_each_item(obj, |k, v| {
        let key = K::from_hpy(k).map_err(|e| e.in_item(format_args!("key")))?;
        let value = V::from_hpy(v).map_err(|e| e.in_item(format_args!("value")))?;
        f(key, value);
        Ok(())
    })
}

/// A new dict from key/value pairs.
fn new_dict<'ctx, K: IntoHPy<'ctx>, V: IntoHPy<'ctx>>(
    ctx: Ctx<'ctx>,
    items: impl IntoIterator<Item = (K, V)>,
) -> HPyResult<Handle<'ctx>> {
    // SAFETY: a live context; Dict_New returns a new handle or raises.
    let dict = unsafe { ctx.wrap(hpy_sys::HPyDict_New(ctx.as_raw())) }?;
    for (key, value) in items {
        let (key, value) = (key.into_hpy(ctx)?, value.into_hpy(ctx)?);
        // SAFETY: all three handles are open in `ctx`.
        if unsafe { hpy_sys::HPy_SetItem(ctx.as_raw(), dict.as_raw(), key.as_raw(), value.as_raw()) } < 0 {
            return Err(HPyErr::fetch());
        }
    }
    Ok(dict)
}

impl<'a, 'ctx, K, V, S> FromHPy<'a, 'ctx> for HashMap<K, V, S>
where
    K: FromHPyOwned<'ctx> + Eq + Hash,
    V: FromHPyOwned<'ctx>,
    S: BuildHasher + Default,
{
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::DictOf(
        &<K as FromHPy<'a, 'ctx>>::TYPE_HINT,
        &<V as FromHPy<'a, 'ctx>>::TYPE_HINT,
    );

    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<Self> {
        let mut out = HashMap::default();
        for_each_pair(obj, |key: K, value: V| {
            out.insert(key, value);
        })?;
        Ok(out)
    }
}

impl<'a, 'ctx, K, V> FromHPy<'a, 'ctx> for BTreeMap<K, V>
where
    K: FromHPyOwned<'ctx> + Ord,
    V: FromHPyOwned<'ctx>,
{
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::DictOf(
        &<K as FromHPy<'a, 'ctx>>::TYPE_HINT,
        &<V as FromHPy<'a, 'ctx>>::TYPE_HINT,
    );

    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<Self> {
        let mut out = BTreeMap::new();
        for_each_pair(obj, |key: K, value: V| {
            out.insert(key, value);
        })?;
        Ok(out)
    }
}

impl<'ctx, K: IntoHPy<'ctx>, V: IntoHPy<'ctx>, S> IntoHPy<'ctx> for HashMap<K, V, S> {
    const TYPE_HINT: crate::conversion::TypeHint =
        crate::conversion::TypeHint::DictOf(&K::TYPE_HINT, &V::TYPE_HINT);

    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        new_dict(ctx, self)
    }
}

impl<'ctx, K: IntoHPy<'ctx>, V: IntoHPy<'ctx>> IntoHPy<'ctx> for BTreeMap<K, V> {
    const TYPE_HINT: crate::conversion::TypeHint =
        crate::conversion::TypeHint::DictOf(&K::TYPE_HINT, &V::TYPE_HINT);

    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        new_dict(ctx, self)
    }
}
