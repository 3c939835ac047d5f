//! [`ContextVar`]: a `contextvars.ContextVar`.

use crate::ffi::c_str::with_c_str_or_err;
use crate::{Ctx, FromHPy, HPyErr, HPyResult, Handle, IntoHPy};

/// A `contextvars.ContextVar`: a value per execution context (thread or
/// asyncio task).
///
/// Not a checked view: HPy checks the object itself, so [`ContextVar::get`]
/// and [`ContextVar::set`] raise `TypeError` when it is something else.
#[repr(transparent)]
pub struct ContextVar<'ctx>(Handle<'ctx>);

impl<'ctx> ContextVar<'ctx> {
    /// `contextvars.ContextVar(name, default=default)` (`HPyContextVar_New`).
    pub fn new(ctx: Ctx<'ctx>, name: &str, default: Option<&Handle<'ctx>>) -> HPyResult<ContextVar<'ctx>> {
        let default = default.map_or(hpy_sys::HPy_NULL, Handle::as_raw);
        let raw = with_c_str_or_err(name, "the name", |name| {
            // SAFETY: `name` is NUL-terminated; `default` is open or null (none).
            unsafe { hpy_sys::HPyContextVar_New(ctx.as_raw(), name, default) }
        })?;
        // SAFETY: a new handle or null with an exception set.
        unsafe { ctx.wrap(raw) }.map(ContextVar)
    }

    /// Uses `obj` as a context variable.
    pub fn from_handle(obj: Handle<'ctx>) -> ContextVar<'ctx> {
        ContextVar(obj)
    }

    /// The handle.
    pub fn into_handle(self) -> Handle<'ctx> {
        self.0
    }

    /// The value in the current context, else the variable's default, else
    /// `None` (`HPyContextVar_Get` without a default).
    pub fn get(&self) -> HPyResult<Option<Handle<'ctx>>> {
        self.get_raw(hpy_sys::HPy_NULL)
    }

    /// The value in the current context, else `default`
    /// (`HPyContextVar_Get`), as `var.get(default)` in Python.
    pub fn get_or(&self, default: &Handle<'ctx>) -> HPyResult<Handle<'ctx>> {
        Ok(self.get_raw(default.as_raw())?.unwrap_or_else(|| default.dup()))
    }

    fn get_raw(&self, default: hpy_sys::HPy) -> HPyResult<Option<Handle<'ctx>>> {
        let ctx = self.0.ctx();
        let mut result = hpy_sys::HPy_NULL;
        // SAFETY: the handles are open (`default` may be null); `result` is writable.
        let status =
            unsafe { hpy_sys::HPyContextVar_Get(ctx.as_raw(), self.0.as_raw(), default, &mut result) };
        if status < 0 {
            return Err(HPyErr::fetch());
        }
        // SAFETY: on success `result` is a new handle, or null for no value.
        Ok((!result.is_null()).then(|| unsafe { Handle::from_raw(ctx, result) }))
    }

    /// Sets the value in the current context (`HPyContextVar_Set`); returns
    /// the `contextvars.Token` that `var.reset(token)` takes.
    pub fn set(&self, value: impl IntoHPy<'ctx>) -> HPyResult<Handle<'ctx>> {
        let ctx = self.0.ctx();
        let value = value.into_hpy(ctx)?;
        // SAFETY: both handles are open in `ctx`.
        unsafe { ctx.wrap(hpy_sys::HPyContextVar_Set(ctx.as_raw(), self.0.as_raw(), value.as_raw())) }
    }
}

impl<'ctx> core::ops::Deref for ContextVar<'ctx> {
    type Target = Handle<'ctx>;

    fn deref(&self) -> &Handle<'ctx> {
        &self.0
    }
}

impl<'a, 'ctx> FromHPy<'a, 'ctx> for ContextVar<'ctx> {
    /// A new handle to the object (checked when it is used).
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<ContextVar<'ctx>> {
        Ok(ContextVar(obj.dup()))
    }
}

impl<'ctx> IntoHPy<'ctx> for ContextVar<'ctx> {
    fn into_hpy(self, _ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        Ok(self.0)
    }
}
