//! The object protocol on handles: attributes, `repr`, `str`, type, truth.

use crate::conversion::string::new_str;
use crate::{HPyErr, HPyResult, Handle};
use std::ffi::CString;

fn c_name(name: &str) -> HPyResult<CString> {
    CString::new(name).map_err(|_| HPyErr::new_type::<crate::exceptions::ValueError>("name contains NUL"))
}

impl<'ctx> Handle<'ctx> {
    /// `getattr(self, name)`.
    pub fn getattr(&self, name: &str) -> HPyResult<Handle<'ctx>> {
        let name = c_name(name)?;
        let ctx = self.ctx();
        // SAFETY: `self` is open; `name` is NUL-terminated.
        unsafe { ctx.wrap(hpy_sys::HPy_GetAttr_s(ctx.as_raw(), self.as_raw(), name.as_ptr())) }
    }

    /// `setattr(self, name, value)`.
    pub fn setattr(&self, name: &str, value: &Handle<'ctx>) -> HPyResult<()> {
        let name = c_name(name)?;
        // SAFETY: both handles are open; `name` is NUL-terminated.
        let status = unsafe {
            hpy_sys::HPy_SetAttr_s(self.ctx().as_raw(), self.as_raw(), name.as_ptr(), value.as_raw())
        };
        if status < 0 { Err(HPyErr::fetch()) } else { Ok(()) }
    }

    /// `repr(self)`.
    pub fn repr(&self) -> HPyResult<Handle<'ctx>> {
        let ctx = self.ctx();
        // SAFETY: `self` is open in `ctx`.
        unsafe { ctx.wrap(hpy_sys::HPy_Repr(ctx.as_raw(), self.as_raw())) }
    }

    /// `str(self)`.
    pub fn str(&self) -> HPyResult<Handle<'ctx>> {
        let ctx = self.ctx();
        // SAFETY: `self` is open in `ctx`.
        unsafe { ctx.wrap(hpy_sys::HPy_Str(ctx.as_raw(), self.as_raw())) }
    }

    /// `repr(self)` as a Rust string.
    pub fn repr_string(&self) -> HPyResult<String> {
        self.repr()?.extract()
    }

    /// `type(self)`.
    pub fn get_type(&self) -> Handle<'ctx> {
        let ctx = self.ctx();
        // SAFETY: `self` is open; HPy_Type cannot fail and returns a new handle.
        unsafe { Handle::from_raw(ctx, hpy_sys::HPy_Type(ctx.as_raw(), self.as_raw())) }
    }

    /// The name of `type(self)`, as CPython prints it in messages (`int`).
    pub fn type_name(&self) -> String {
        let ty = self.get_type();
        // SAFETY: `ty` is a type open in this call; the name lives as long as it.
        let name = unsafe { hpy_sys::HPyType_GetName(self.ctx().as_raw(), ty.as_raw()) };
        if name.is_null() {
            HPyErr::fetch().clear(self.ctx());
            return "<unknown>".to_string();
        }
        // SAFETY: HPyType_GetName returns a NUL-terminated UTF-8 name.
        unsafe { core::ffi::CStr::from_ptr(name) }.to_string_lossy().into_owned()
    }

    /// `bool(self)`.
    pub fn is_true(&self) -> HPyResult<bool> {
        // SAFETY: `self` is open in its context.
        match unsafe { hpy_sys::HPy_IsTrue(self.ctx().as_raw(), self.as_raw()) } {
            status if status < 0 => Err(HPyErr::fetch()),
            status => Ok(status != 0),
        }
    }

    /// `len(self)`.
    pub fn len(&self) -> HPyResult<usize> {
        // SAFETY: `self` is open in its context.
        match unsafe { hpy_sys::HPy_Length(self.ctx().as_raw(), self.as_raw()) } {
            len if len < 0 => Err(HPyErr::fetch()),
            len => Ok(len as usize),
        }
    }

    /// Whether `len(self) == 0`.
    pub fn is_empty(&self) -> HPyResult<bool> {
        self.len().map(|len| len == 0)
    }

    /// Whether `self` is an instance of `ty` (`isinstance`); `false` when
    /// `ty` is not a type.
    pub fn is_instance(&self, ty: &Handle<'_>) -> bool {
        let ctx = self.ctx().as_raw();
        // SAFETY: both handles are open in this call; HPy_TypeCheck needs a
        // type as its second argument, which the first call checks.
        unsafe {
            hpy_sys::HPy_TypeCheck(ctx, ty.as_raw(), self.ctx().type_type().as_raw()) != 0
                && hpy_sys::HPy_TypeCheck(ctx, self.as_raw(), ty.as_raw()) != 0
        }
    }

    /// A new `str` holding `text`.
    pub fn new_str(ctx: crate::Ctx<'ctx>, text: &str) -> HPyResult<Handle<'ctx>> {
        new_str(ctx, text)
    }
}
