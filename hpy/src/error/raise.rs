//! Raising exceptions now, and the interpreter's error indicator.
//!
//! Returning `Err(HPyErr::new(..))` (or `SomeError::new_err(..)`) raises an
//! exception when the function returns; the functions here raise one
//! immediately and return the *pending* [`HPyErr`], for exception types that
//! are objects, and exception values that are not strings.

use crate::ffi::c_str::with_c_str;
use crate::{Ctx, HPyErr, Handle};

impl HPyErr {
    /// Raises `ty(message)` now (`HPyErr_SetString`) and returns the pending
    /// exception. A `ty` that is not an exception class raises `SystemError`
    /// instead, as in CPython.
    pub fn raise(ty: &Handle<'_>, message: &str) -> HPyErr {
        let ctx = ty.ctx();
        if crate::runtime::is_pypy()
            && let Err(err) = crate::runtime::pypy::check_exception_class(ty)
        {
            return err;
        }
        let text = std::borrow::Cow::Owned(message.replace('\0', "\\0"));
        with_c_str(&text, |text| {
            // SAFETY: `ty` is open; `text` is NUL-terminated.
            unsafe { hpy_sys::HPyErr_SetString(ctx.as_raw(), ty.as_raw(), text) }
        });
        HPyErr::fetch()
    }

    /// Raises `ty` with `value` now (`HPyErr_SetObject`): an instance of `ty`
    /// is raised as is, a tuple is the arguments of `ty(*value)`, anything
    /// else is `ty(value)`.
    pub fn raise_object(ty: &Handle<'_>, value: &Handle<'_>) -> HPyErr {
        if crate::runtime::is_pypy()
            && let Err(err) = crate::runtime::pypy::check_exception_class(ty)
        {
            return err;
        }
        // SAFETY: both handles are open in this call.
        unsafe { hpy_sys::HPyErr_SetObject(ty.ctx().as_raw(), ty.as_raw(), value.as_raw()) };
        HPyErr::fetch()
    }

    /// Raises `MemoryError` now (`HPyErr_NoMemory`).
    pub fn no_memory(ctx: Ctx<'_>) -> HPyErr {
        // SAFETY: setting an exception needs only a live context.
        unsafe { hpy_sys::HPyErr_NoMemory(ctx.as_raw()) };
        HPyErr::fetch()
    }

    /// Reports the exception with `sys.unraisablehook` and discards it
    /// (`HPyErr_WriteUnraisable`), for errors that cannot propagate (in a
    /// destructor, a callback). `obj` is the object the hook names as the
    /// context of the error.
    pub fn write_unraisable(self, ctx: Ctx<'_>, obj: Option<&Handle<'_>>) {
        self.restore(ctx);
        let obj = obj.map_or(hpy_sys::HPy_NULL, Handle::as_raw);
        // SAFETY: an exception is set (restored above); `obj` is open or null.
        unsafe { hpy_sys::HPyErr_WriteUnraisable(ctx.as_raw(), obj) }
    }
}

impl Ctx<'_> {
    /// Whether an exception is set in the interpreter (`HPyErr_Occurred`).
    pub fn err_occurred(self) -> bool {
        // SAFETY: querying the error indicator is always allowed.
        unsafe { hpy_sys::HPyErr_Occurred(self.as_raw()) != 0 }
    }

    /// Whether the exception set in the interpreter is an instance of `ty`,
    /// a class or a tuple of classes (`HPyErr_ExceptionMatches`); `false`
    /// when none is set.
    pub fn err_matches(self, ty: &Handle<'_>) -> bool {
        // SAFETY: `ty` is open in this call.
        unsafe { hpy_sys::HPyErr_ExceptionMatches(self.as_raw(), ty.as_raw()) != 0 }
    }

    /// Clears the exception set in the interpreter, if any (`HPyErr_Clear`).
    pub fn err_clear(self) {
        // SAFETY: clearing the error indicator is always allowed.
        unsafe { hpy_sys::HPyErr_Clear(self.as_raw()) }
    }
}
