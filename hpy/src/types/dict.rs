//! [`Dict`]: a `dict`, with HPy's dict functions.

use super::{List, View, view};
use crate::{Ctx, HPyResult, Handle};

view!(
    /// A `dict` object (or an instance of a subclass). Items are read and
    /// written with the [`Handle`] item methods (`dict.set_item("a", 1)`).
    Dict,
    "dict"
);

impl<'ctx> Dict<'ctx> {
    /// Whether `obj` is a dict (`HPyDict_Check`).
    #[inline]
    pub fn is_type_of(obj: &Handle<'_>) -> bool {
        // SAFETY: `obj` is open in its context.
        unsafe { hpy_sys::HPyDict_Check(obj.ctx().as_raw(), obj.as_raw()) != 0 }
    }

    /// A new empty dict (`HPyDict_New`).
    pub fn new(ctx: Ctx<'ctx>) -> HPyResult<Dict<'ctx>> {
        // SAFETY: a live context.
        let obj = unsafe { ctx.wrap(hpy_sys::HPyDict_New(ctx.as_raw())) }?;
        // SAFETY: the result is a dict.
        Ok(unsafe { Dict::from_handle_unchecked(obj) })
    }

    /// `list(self.keys())` (`HPyDict_Keys`).
    pub fn keys(&self) -> HPyResult<List<'ctx>> {
        let ctx = self.ctx();
        // SAFETY: `self` is a dict open in `ctx`.
        let obj = unsafe { ctx.wrap(hpy_sys::HPyDict_Keys(ctx.as_raw(), self.as_raw())) }?;
        // SAFETY: the result is a list.
        Ok(unsafe { List::from_handle_unchecked(obj) })
    }

    /// A shallow copy (`HPyDict_Copy`).
    pub fn copy(&self) -> HPyResult<Dict<'ctx>> {
        let ctx = self.ctx();
        // SAFETY: `self` is a dict open in `ctx`.
        let obj = unsafe { ctx.wrap(hpy_sys::HPyDict_Copy(ctx.as_raw(), self.as_raw())) }?;
        // SAFETY: the result is a dict.
        Ok(unsafe { Dict::from_handle_unchecked(obj) })
    }

    /// The `(key, value)` pairs, in order (through [`Dict::keys`]).
    pub fn items(&self) -> HPyResult<Vec<(Handle<'ctx>, Handle<'ctx>)>> {
        let keys = self.keys()?;
        let mut items = Vec::with_capacity(keys.len()?);
        for index in 0..keys.len()? {
            let key = keys.get_item(index)?;
            let value = self.get_item(&key)?;
            items.push((key, value));
        }
        Ok(items)
    }
}
