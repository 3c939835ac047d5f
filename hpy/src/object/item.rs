//! Items: `obj[key]`, `obj[key] = value`, `del obj[key]`, `value in obj`.

use crate::ffi::c_str::with_c_str;
use crate::types::View;
use crate::{Borrowed, HPyErr, HPyResult, Handle, IntoHPy};
use core::ffi::c_int;

/// A key or index for [`Handle::get_item`], [`Handle::set_item`] and
/// [`Handle::del_item`]: an integer (HPy's `_i` functions, or an `int`
/// object when it does not fit in `isize`), a Rust string (the `_s`
/// functions) or any object.
pub trait ItemKey<'ctx> {
    /// The key, for the item functions.
    fn item_key(&self) -> HPyResult<Key<'_, 'ctx>>;
}

/// How an [`ItemKey`] reaches HPy.
#[derive(Clone, Copy, Debug)]
pub enum Key<'a, 'ctx> {
    /// An integer index or key.
    Index(isize),
    /// An integer key beyond `isize` (`u64::MAX` in a dict), passed as an
    /// `int` object: a list then raises `IndexError` as Python does.
    Int(i128),
    /// A `str` key given as UTF-8 text.
    Text(&'a str),
    /// Any object.
    Object(&'a Handle<'ctx>),
}

macro_rules! integer_keys {
    ($($t:ty),*) => {$(
        impl<'ctx> ItemKey<'ctx> for $t {
            #[inline]
            fn item_key(&self) -> HPyResult<Key<'_, 'ctx>> {
                // Every type listed has at most 64 bits: `i128` holds it.
                Ok(isize::try_from(*self).map_or(Key::Int(*self as i128), Key::Index))
            }
        }
    )*};
}
integer_keys!(isize, usize, i32, i64, u32, u64);

impl<'ctx> ItemKey<'ctx> for &str {
    #[inline]
    fn item_key(&self) -> HPyResult<Key<'_, 'ctx>> {
        Ok(Key::Text(self))
    }
}

impl<'ctx> ItemKey<'ctx> for &String {
    #[inline]
    fn item_key(&self) -> HPyResult<Key<'_, 'ctx>> {
        Ok(Key::Text(self))
    }
}

impl<'ctx> ItemKey<'ctx> for &Handle<'ctx> {
    #[inline]
    fn item_key(&self) -> HPyResult<Key<'_, 'ctx>> {
        Ok(Key::Object(self))
    }
}

impl<'ctx> ItemKey<'ctx> for &Borrowed<'_, 'ctx> {
    #[inline]
    fn item_key(&self) -> HPyResult<Key<'_, 'ctx>> {
        Ok(Key::Object(self))
    }
}

impl<'ctx, V: View<'ctx>> ItemKey<'ctx> for &V {
    #[inline]
    fn item_key(&self) -> HPyResult<Key<'_, 'ctx>> {
        Ok(Key::Object(self))
    }
}

fn status(code: c_int) -> HPyResult<()> {
    if code < 0 { Err(HPyErr::fetch()) } else { Ok(()) }
}

impl<'ctx> Handle<'ctx> {
    /// `self[key]` (`HPy_GetItem_i` for an integer, `HPy_GetItem_s` for a
    /// Rust string, `HPy_GetItem` for an object).
    pub fn get_item(&self, key: impl ItemKey<'ctx>) -> HPyResult<Handle<'ctx>> {
        let ctx = self.ctx();
        let (raw, obj) = (ctx.as_raw(), self.as_raw());
        // In each call `self` and the key are open in `ctx` and C strings are
        // NUL-terminated; each returns a new handle or null with an exception set.
        let result = match key.item_key()? {
            // SAFETY: see above.
            Key::Index(index) => unsafe { hpy_sys::HPy_GetItem_i(raw, obj, index) },
            // SAFETY: see above.
            Key::Text(text) => match with_c_str(text, |c| unsafe { hpy_sys::HPy_GetItem_s(raw, obj, c) }) {
                Some(result) => result,
                None => return self.get_item(&text.into_hpy(ctx)?),
            },
            Key::Int(key) => return self.get_item(&key.into_hpy(ctx)?),
            // SAFETY: see above.
            Key::Object(key) => unsafe { hpy_sys::HPy_GetItem(raw, obj, key.as_raw()) },
        };
        // SAFETY: see above.
        unsafe { ctx.wrap(result) }
    }

    /// `self[key] = value` (`HPy_SetItem_i`, `HPy_SetItem_s` or `HPy_SetItem`).
    pub fn set_item(&self, key: impl ItemKey<'ctx>, value: impl IntoHPy<'ctx>) -> HPyResult<()> {
        let ctx = self.ctx();
        let value = value.into_hpy(ctx)?;
        let (raw, obj, value_raw) = (ctx.as_raw(), self.as_raw(), value.as_raw());
        // In each call every handle is open in `ctx`, C strings are
        // NUL-terminated, and HPy takes its own reference to `value`.
        let code = match key.item_key()? {
            // SAFETY: see above.
            Key::Index(index) => unsafe { hpy_sys::HPy_SetItem_i(raw, obj, index, value_raw) },
            Key::Text(text) => {
                // SAFETY: see above.
                match with_c_str(text, |c| unsafe { hpy_sys::HPy_SetItem_s(raw, obj, c, value_raw) }) {
                    Some(code) => code,
                    None => return self.set_item(&text.into_hpy(ctx)?, value),
                }
            }
            Key::Int(key) => return self.set_item(&key.into_hpy(ctx)?, value),
            // SAFETY: see above.
            Key::Object(key) => unsafe { hpy_sys::HPy_SetItem(raw, obj, key.as_raw(), value_raw) },
        };
        status(code)
    }

    /// `del self[key]` (`HPy_DelItem_i`, `HPy_DelItem_s` or `HPy_DelItem`).
    pub fn del_item(&self, key: impl ItemKey<'ctx>) -> HPyResult<()> {
        let ctx = self.ctx();
        let (raw, obj) = (ctx.as_raw(), self.as_raw());
        // In each call `self` and the key are open in `ctx` and C strings are
        // NUL-terminated.
        let code = match key.item_key()? {
            // SAFETY: see above.
            Key::Index(index) => unsafe { hpy_sys::HPy_DelItem_i(raw, obj, index) },
            // SAFETY: see above.
            Key::Text(text) => match with_c_str(text, |c| unsafe { hpy_sys::HPy_DelItem_s(raw, obj, c) }) {
                Some(code) => code,
                None => return self.del_item(&text.into_hpy(ctx)?),
            },
            Key::Int(key) => return self.del_item(&key.into_hpy(ctx)?),
            // SAFETY: see above.
            Key::Object(key) => unsafe { hpy_sys::HPy_DelItem(raw, obj, key.as_raw()) },
        };
        status(code)
    }

    /// `value in self` (`HPy_Contains`).
    pub fn contains(&self, value: impl IntoHPy<'ctx>) -> HPyResult<bool> {
        let value = value.into_hpy(self.ctx())?;
        // SAFETY: both handles are open in this call.
        match unsafe { hpy_sys::HPy_Contains(self.ctx().as_raw(), self.as_raw(), value.as_raw()) } {
            code if code < 0 => Err(HPyErr::fetch()),
            code => Ok(code != 0),
        }
    }
}
