//! Attributes: `getattr`, `hasattr`, `setattr`, `delattr`.

use crate::exceptions::AttributeError;
use crate::ffi::c_str::with_c_str;
use crate::types::View;
use crate::{Borrowed, HPyErr, HPyResult, Handle, IntoHPy};

/// The name of an attribute: a Rust string (HPy's `_s` functions, which
/// make no handle) or a `str` object.
pub trait AttrName<'ctx> {
    /// The name, for the attribute functions.
    fn attr_name(&self) -> Name<'_, 'ctx>;
}

/// How an [`AttrName`] or an [`ItemKey`](crate::ItemKey) reaches HPy.
#[derive(Clone, Copy, Debug)]
pub enum Name<'a, 'ctx> {
    /// UTF-8 text (passed as a C string; text with a NUL is passed as a `str`).
    Text(&'a str),
    /// An object.
    Object(&'a Handle<'ctx>),
}

impl<'ctx> AttrName<'ctx> for Name<'_, 'ctx> {
    #[inline]
    fn attr_name(&self) -> Name<'_, 'ctx> {
        *self
    }
}

impl<'ctx> AttrName<'ctx> for &str {
    #[inline]
    fn attr_name(&self) -> Name<'_, 'ctx> {
        Name::Text(self)
    }
}

impl<'ctx> AttrName<'ctx> for &String {
    #[inline]
    fn attr_name(&self) -> Name<'_, 'ctx> {
        Name::Text(self)
    }
}

impl<'ctx> AttrName<'ctx> for &Handle<'ctx> {
    #[inline]
    fn attr_name(&self) -> Name<'_, 'ctx> {
        Name::Object(self)
    }
}

impl<'ctx> AttrName<'ctx> for &Borrowed<'_, 'ctx> {
    #[inline]
    fn attr_name(&self) -> Name<'_, 'ctx> {
        Name::Object(self)
    }
}

impl<'ctx, V: View<'ctx>> AttrName<'ctx> for &V {
    #[inline]
    fn attr_name(&self) -> Name<'_, 'ctx> {
        Name::Object(self)
    }
}

/// Runs `f` with the name as an object: text with a NUL cannot go through
/// the `_s` functions, so it becomes a `str` first.
pub(crate) fn with_name_object<'ctx, R>(
    owner: &Handle<'ctx>,
    name: Name<'_, 'ctx>,
    f: impl FnOnce(&Handle<'ctx>) -> HPyResult<R>,
) -> HPyResult<R> {
    match name {
        Name::Object(name) => f(name),
        Name::Text(text) => f(&text.into_hpy(owner.ctx())?),
    }
}

/// On PyPy, whose `HPy_GetAttr` and `HPy_SetAttr` word a name that is not
/// a `str` in their own way: the error Python's `op()` raises.
fn check_name(name: &Name<'_, '_>, op: &str) -> HPyResult<()> {
    match name {
        Name::Object(obj) if crate::runtime::is_pypy() && !obj.is_instance_of::<crate::types::Str<'_>>() => {
            Err(HPyErr::new_type::<crate::exceptions::TypeError>(format!(
                "{op}(): attribute name must be string, not '{}'",
                obj.type_name()
            )))
        }
        _ => Ok(()),
    }
}

fn status(code: core::ffi::c_int) -> HPyResult<()> {
    if code < 0 { Err(HPyErr::fetch()) } else { Ok(()) }
}

impl<'ctx> Handle<'ctx> {
    /// `getattr(self, name)` (`HPy_GetAttr_s`, or `HPy_GetAttr` for a `str`
    /// object).
    pub fn getattr(&self, name: impl AttrName<'ctx>) -> HPyResult<Handle<'ctx>> {
        let ctx = self.ctx();
        let name = name.attr_name();
        check_name(&name, "getattr")?;
        if let Name::Text(text) = name
            // SAFETY: `self` is open; the name is NUL-terminated.
            && let Some(raw) = with_c_str(text, |c| unsafe { hpy_sys::HPy_GetAttr_s(ctx.as_raw(), self.as_raw(), c) })
        {
            // SAFETY: a new handle or null with an exception set.
            return unsafe { ctx.wrap(raw) };
        }
        with_name_object(self, name, |name| {
            // SAFETY: both handles are open in `ctx`.
            unsafe { ctx.wrap(hpy_sys::HPy_GetAttr(ctx.as_raw(), self.as_raw(), name.as_raw())) }
        })
    }

    /// `hasattr(self, name)`, as Python's `hasattr`: `Ok(false)` when
    /// looking the attribute up raises `AttributeError`; any other exception
    /// (a property raising `ValueError`, a name that is not a `str`) is
    /// returned as the error. It gets the attribute (`HPy_GetAttr[_s]`),
    /// since HPy's `HPy_HasAttr` cannot tell "missing" from "failed".
    pub fn hasattr(&self, name: impl AttrName<'ctx>) -> HPyResult<bool> {
        let ctx = self.ctx();
        let name = name.attr_name();
        check_name(&name, "hasattr")?;
        match self.getattr(name) {
            Ok(_) => Ok(true),
            Err(err) if err.is::<AttributeError>(ctx) => {
                err.clear(ctx);
                Ok(false)
            }
            Err(err) => Err(err),
        }
    }

    /// `hasattr` with the C API's semantics (`PyObject_HasAttr`, through
    /// `HPy_HasAttr_s` or `HPy_HasAttr`): **every** exception raised while
    /// looking the attribute up is discarded and means `false`, even
    /// `MemoryError` or `KeyboardInterrupt`. For a probe that must not fail
    /// (in a `Debug` implementation, say); prefer [`Handle::hasattr`].
    pub fn hasattr_ignoring_errors(&self, name: impl AttrName<'ctx>) -> bool {
        let ctx = self.ctx();
        let name = name.attr_name();
        if let Name::Text(text) = name
            // SAFETY: `self` is open; the name is NUL-terminated.
            && let Some(found) = with_c_str(text, |c| unsafe { hpy_sys::HPy_HasAttr_s(ctx.as_raw(), self.as_raw(), c) })
        {
            return found != 0;
        }
        with_name_object(self, name, |name| {
            // SAFETY: both handles are open in `ctx`.
            Ok(unsafe { hpy_sys::HPy_HasAttr(ctx.as_raw(), self.as_raw(), name.as_raw()) } != 0)
        })
        .unwrap_or_else(|err| {
            err.clear(ctx);
            false
        })
    }

    /// `setattr(self, name, value)` (`HPy_SetAttr_s` or `HPy_SetAttr`).
    pub fn setattr(&self, name: impl AttrName<'ctx>, value: impl IntoHPy<'ctx>) -> HPyResult<()> {
        let name = name.attr_name();
        check_name(&name, "setattr")?;
        let value = value.into_hpy(self.ctx())?;
        self.set_or_del_attr(name, value.as_raw())
    }

    /// `delattr(self, name)`: `HPy_SetAttr[_s]` with a null value, as
    /// HPy's `HPy_DelAttr[_s]` helpers do.
    pub fn delattr(&self, name: impl AttrName<'ctx>) -> HPyResult<()> {
        let name = name.attr_name();
        check_name(&name, "delattr")?;
        self.set_or_del_attr(name, hpy_sys::HPy_NULL)
    }

    /// Sets the attribute to `value`, or deletes it when `value` is null.
    fn set_or_del_attr(&self, name: Name<'_, 'ctx>, value: hpy_sys::HPy) -> HPyResult<()> {
        let ctx = self.ctx();
        if let Name::Text(text) = name
            && let Some(code) = with_c_str(text, |c| {
                // SAFETY: `self` is open, `value` is open or null (delete);
                // the name is NUL-terminated.
                unsafe { hpy_sys::HPy_SetAttr_s(ctx.as_raw(), self.as_raw(), c, value) }
            })
        {
            return status(code);
        }
        with_name_object(self, name, |name| {
            // SAFETY: the handles are open in `ctx`; `value` may be null (delete).
            status(unsafe { hpy_sys::HPy_SetAttr(ctx.as_raw(), self.as_raw(), name.as_raw(), value) })
        })
    }
}
