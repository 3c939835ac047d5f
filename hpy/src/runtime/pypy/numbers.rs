//! `int` and `float` conversions. PyPy's `HPyLong_AsInt32_t` and
//! `HPyLong_AsUInt32_t` wrap around instead of raising `OverflowError` (and
//! the former accepts a `float`), `HPyLong_AsVoidPtr` refuses addresses of
//! 2**63 and more, `HPyLong_AsDouble` accepts any number, `HPyFloat_AsDouble`
//! ignores `__index__`, and `HPyNumber_Check` ignores `__index__`.

use crate::exceptions::{OverflowError, TypeError};
use crate::{HPyErr, HPyResult, Handle};
use core::ffi::c_void;

/// Whether `obj` is an `int` (or a subclass, such as `bool`).
fn is_int(obj: &Handle<'_>) -> bool {
    obj.is_int_instance()
}

/// `OverflowError` with CPython's message for a C type.
fn too_large(c_type: &str) -> HPyErr {
    HPyErr::new_type::<OverflowError>(format!("Python int too large to convert to C {c_type}"))
}

/// CPython's `HPyLong_AsInt32_t`: an `int` or `__index__`, range-checked.
pub(crate) fn as_i32(obj: &Handle<'_>) -> HPyResult<i32> {
    i32::try_from(as_i64(obj)?).map_err(|_| too_large("int32_t"))
}

/// CPython's `HPyLong_AsUInt32_t`: an `int` only (anything else is an
/// `OverflowError` there too), range-checked.
pub(crate) fn as_u32(obj: &Handle<'_>) -> HPyResult<u32> {
    if !is_int(obj) {
        return Err(too_large("uint32_t"));
    }
    u32::try_from(obj.as_u64()?).map_err(|_| too_large("uint32_t"))
}

/// CPython's `HPyLong_AsVoidPtr`: an `int` from -2**63 to 2**64 - 1.
pub(crate) fn as_void_ptr(obj: &Handle<'_>) -> HPyResult<*mut c_void> {
    if !is_int(obj) {
        return Err(HPyErr::new_type::<TypeError>("an integer is required"));
    }
    let address = match obj.as_i64() {
        Ok(value) => value as usize,
        Err(err) if err.is::<OverflowError>(obj.ctx()) => {
            err.clear(obj.ctx());
            usize::try_from(obj.as_u64()?).map_err(|_| too_large("unsigned long"))?
        }
        Err(err) => return Err(err),
    };
    Ok(address as *mut c_void)
}

/// CPython's `HPyLong_AsDouble`: an `int` only.
pub(crate) fn long_as_f64(obj: &Handle<'_>) -> HPyResult<f64> {
    if !is_int(obj) {
        return Err(HPyErr::new_type::<TypeError>("an integer is required"));
    }
    let ctx = obj.ctx();
    // SAFETY: `obj` is an open `int`.
    let value = unsafe { hpy_sys::HPyLong_AsDouble(ctx.as_raw(), obj.as_raw()) };
    // SAFETY: querying the error indicator is always allowed.
    if value == -1.0 && unsafe { hpy_sys::HPyErr_Occurred(ctx.as_raw()) } != 0 {
        return Err(HPyErr::fetch());
    }
    Ok(value)
}

/// CPython's `HPyFloat_AsDouble`: a `float`, else `__float__`, else
/// `__index__` (checked first: a pending error cannot be examined while
/// the type is looked at).
pub(crate) fn as_f64(obj: &Handle<'_>) -> HPyResult<f64> {
    let ctx = obj.ctx();
    if !obj.is_float_instance() && !is_int(obj) {
        let ty = obj.get_type();
        if !ty.hasattr("__float__")? && ty.hasattr("__index__")? {
            return long_as_f64(&obj.index()?);
        }
    }
    // SAFETY: `obj` is open.
    let value = unsafe { hpy_sys::HPyFloat_AsDouble(ctx.as_raw(), obj.as_raw()) };
    // SAFETY: querying the error indicator is always allowed.
    if value == -1.0 && unsafe { hpy_sys::HPyErr_Occurred(ctx.as_raw()) } != 0 {
        return Err(HPyErr::fetch());
    }
    Ok(value)
}

/// Whether the type of `obj` has `__index__` (special methods are looked
/// up on the type).
fn has_index(obj: &Handle<'_>) -> HPyResult<bool> {
    obj.get_type().hasattr("__index__")
}

/// CPython's `HPyNumber_Check`: `__index__` counts too, and complex
/// numbers are numbers.
pub(crate) fn is_number(obj: &Handle<'_>, pypy_says: bool) -> bool {
    // An error looking `__index__` up (a metaclass's `__getattr__` raising)
    // means "not a number", as for CPython, which checks slots.
    pypy_says
        || obj.is_instance(&obj.ctx().complex_type())
        || has_index(obj).unwrap_or_else(|err| {
            err.clear(obj.ctx());
            false
        })
}

/// `TypeError` as CPython 3.10+ raises it for an object that is neither an
/// int nor has `__index__` (PyPy converts it through `__int__`).
fn require_index(obj: &Handle<'_>) -> HPyResult<()> {
    if is_int(obj) || (!obj.is_float_instance() && has_index(obj)?) {
        return Ok(());
    }
    Err(HPyErr::new_type::<TypeError>(format!(
        "'{}' object cannot be interpreted as an integer",
        obj.type_name()
    )))
}

/// Calls `f` (an `HPyLong_As*` wrapper) with the error value check.
fn checked<T: PartialEq>(obj: &Handle<'_>, error: T, f: impl FnOnce() -> T) -> HPyResult<T> {
    let value = f();
    // SAFETY: querying the error indicator is always allowed.
    if value == error && unsafe { hpy_sys::HPyErr_Occurred(obj.ctx().as_raw()) } != 0 {
        return Err(HPyErr::fetch());
    }
    Ok(value)
}

/// CPython 3.10+'s `HPyLong_AsInt64_t`: an int or `__index__`.
pub(crate) fn as_i64(obj: &Handle<'_>) -> HPyResult<i64> {
    require_index(obj)?;
    // SAFETY: `obj` is open.
    checked(obj, -1, || unsafe { hpy_sys::HPyLong_AsInt64_t(obj.ctx().as_raw(), obj.as_raw()) })
}

/// CPython 3.10+'s `HPyLong_AsUInt32_tMask`: an int or `__index__`.
pub(crate) fn as_u32_mask(obj: &Handle<'_>) -> HPyResult<u32> {
    require_index(obj)?;
    // SAFETY: `obj` is open.
    checked(obj, u32::MAX, || unsafe { hpy_sys::HPyLong_AsUInt32_tMask(obj.ctx().as_raw(), obj.as_raw()) })
}

/// CPython 3.10+'s `HPyLong_AsUInt64_tMask`: an int or `__index__`.
pub(crate) fn as_u64_mask(obj: &Handle<'_>) -> HPyResult<u64> {
    require_index(obj)?;
    // SAFETY: `obj` is open.
    checked(obj, u64::MAX, || unsafe { hpy_sys::HPyLong_AsUInt64_tMask(obj.ctx().as_raw(), obj.as_raw()) })
}
