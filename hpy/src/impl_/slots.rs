//! Runtime helpers for the slot implementations `#[hpy_methods]` generates.

use crate::class::{ClassCell, HPyClass, IntoInstance};
use crate::exceptions::TypeError;
use crate::types::Type;
use crate::{Ctx, ExcType, FromHPy, Global, HPyErr, HPyResult, Handle, Module};
use core::ffi::c_int;
use hpy_sys::HPy;

/// `NotImplemented`, as a slot's result.
///
/// # Safety
/// The caller takes the new handle over: it must return it to HPy.
pub unsafe fn not_implemented(ctx: Ctx<'_>) -> HPyResult<HPy> {
    // SAFETY: forwarded from the caller.
    Ok(unsafe { ctx.not_implemented().to_owned().into_raw() })
}

/// `!=` derived from a class's `__eq__`, as Python derives it: the truth
/// value of `eq` (what `__eq__` returned) negated, unless it is
/// `NotImplemented` (returned as it is).
///
/// # Safety
/// `eq` must be a new handle open in `ctx`, which is consumed, or null with
/// an exception set; the caller takes the result over (it must return it
/// to HPy).
pub unsafe fn negate_eq(ctx: Ctx<'_>, eq: HPy) -> HPyResult<HPy> {
    if eq.is_null() {
        return Err(HPyErr::fetch());
    }
    // SAFETY: forwarded from the caller: an owned handle.
    let eq = unsafe { Handle::from_raw(ctx, eq) };
    if eq.is(&ctx.not_implemented()) {
        // SAFETY: the caller takes the handle over.
        return Ok(unsafe { eq.into_raw() });
    }
    let equal = eq.is_true()?;
    // SAFETY: the caller takes the handle over.
    Ok(unsafe { ctx.bool_(!equal).to_owned().into_raw() })
}

/// `!=` for an instance of a Python subclass of a class that defines
/// `__eq__` only: `self.__eq__(other)` (which the subclass may override),
/// negated as [`negate_eq`] does.
///
/// # Safety
/// The caller takes the result over (it must return it to HPy).
pub unsafe fn ne_from_eq_method(slf: &Handle<'_>, other: &Handle<'_>) -> HPyResult<HPy> {
    let eq = slf.getattr("__eq__")?.call((other,))?;
    // SAFETY: `eq` is a new handle, given over; the caller takes the result.
    unsafe { negate_eq(slf.ctx(), eq.into_raw()) }
}

/// Whether `obj`'s type is exactly `T`'s (not a subclass).
pub fn is_exact_instance<T: HPyClass>(obj: &Handle<'_>) -> HPyResult<bool> {
    let ty = crate::class::type_object::<T>(obj.ctx())?;
    Ok(obj.get_type().is(&ty))
}

/// `Some(result)` unless it is `NotImplemented` (then closed).
///
/// # Safety
/// `result` must be an open handle the caller owns (it is consumed).
unsafe fn unless_not_implemented(ctx: Ctx<'_>, result: HPy) -> Option<HPy> {
    // SAFETY: forwarded from the caller.
    let result = unsafe { Handle::from_raw(ctx, result) };
    // SAFETY: the caller takes the handle over (forwarded from the caller).
    if result.is(&ctx.not_implemented()) { None } else { Some(unsafe { result.into_raw() }) }
}

/// The result of a binary operator's method: `None` for `NotImplemented`
/// (the other operand is tried), checked only for types that may be it.
///
/// # Safety
/// The caller takes a returned handle over: it must return it to HPy.
#[inline(always)]
pub unsafe fn operator_result<'ctx, R: super::IntoReturn<'ctx>>(
    ctx: Ctx<'ctx>,
    value: R,
) -> HPyResult<Option<HPy>> {
    // SAFETY: the handle is returned or consumed below.
    let result = unsafe { value.into_return(ctx) }?;
    if !R::MAY_BE_NOT_IMPLEMENTED {
        return Ok(Some(result));
    }
    // SAFETY: `into_return` made a new handle, which this function owns.
    Ok(unsafe { unless_not_implemented(ctx, result) })
}

/// A new handle to `raw` (the `self` an in-place operator returns).
///
/// # Safety
/// `raw` must be a handle open in `ctx` for the call.
pub unsafe fn dup_raw(ctx: Ctx<'_>, raw: HPy) -> HPy {
    // SAFETY: forwarded from the caller; Dup returns a new handle.
    unsafe { hpy_sys::HPy_Dup(ctx.as_raw(), raw) }
}

/// Converts a binary operator's operand: `None` when it does not convert
/// (the operator then answers `NotImplemented`); errors raised by Python
/// code on the way propagate.
pub fn extract_operand<'a, 'ctx, T: FromHPy<'a, 'ctx>>(obj: &'a Handle<'ctx>) -> HPyResult<Option<T>> {
    match T::from_hpy(obj) {
        Ok(value) => Ok(Some(value)),
        Err(err) if !err.is_pending() => Ok(None),
        Err(err) if err.is::<TypeError>(obj.ctx()) => {
            err.clear(obj.ctx());
            Ok(None)
        }
        Err(err) => Err(err),
    }
}

/// The cell of an operand that must be an instance of `C`, or `None`.
pub fn operand_cell<'a, C: HPyClass>(obj: &'a Handle<'_>) -> HPyResult<Option<&'a ClassCell<C>>> {
    super::ClassType::<C>::load(obj.ctx())?.cell_of(obj)
}

/// What a method returns that stands for "nothing": `()` or `Result<(), E>`.
pub trait UnitResult {
    /// The error type.
    type Error: Into<HPyErr>;
    /// As a `Result`.
    fn into_unit_result(self) -> Result<(), Self::Error>;
}

impl UnitResult for () {
    type Error = HPyErr;
    fn into_unit_result(self) -> Result<(), HPyErr> {
        Ok(())
    }
}

impl<E: Into<HPyErr>> UnitResult for Result<(), E> {
    type Error = E;
    fn into_unit_result(self) -> Result<(), E> {
        self
    }
}

/// `()` or `Result<(), E>` as a `Result`.
pub fn unit_result<R: UnitResult>(value: R) -> Result<(), R::Error> {
    value.into_unit_result()
}

/// A value a slot returns as a C number, from `T` or `Result<T, E>`.
pub trait SlotValue<T> {
    /// The value, or the error to raise.
    fn into_slot_value(self) -> HPyResult<T>;
}

macro_rules! slot_values {
    ($($t:ty),*) => {$(
        impl SlotValue<$t> for $t {
            fn into_slot_value(self) -> HPyResult<$t> {
                Ok(self)
            }
        }
        impl<E: Into<HPyErr>> SlotValue<$t> for Result<$t, E> {
            fn into_slot_value(self) -> HPyResult<$t> {
                self.map_err(Into::into)
            }
        }
    )*};
}

slot_values!(bool, usize, i8, i16, i32, i64, isize, u8, u16, u32, u64);

/// `__bool__` and `__contains__`: a `bool` as a C int.
pub fn into_bool(value: impl SlotValue<bool>) -> HPyResult<c_int> {
    value.into_slot_value().map(c_int::from)
}

/// `__len__`: a `usize` as `HPy_ssize_t` (`OverflowError` beyond it).
pub fn into_len(value: impl SlotValue<usize>) -> HPyResult<isize> {
    let len = value.into_slot_value()?;
    isize::try_from(len).map_err(|_| HPyErr::new_type::<crate::exceptions::OverflowError>("length too large"))
}

/// A hash value: any integer, folded to `HPy_hash_t` as Python folds large
/// hashes; -1 (the error value) becomes -2, as in CPython.
pub trait HashValue {
    /// The folded hash.
    fn into_hash_value(self) -> HPyResult<isize>;
}

macro_rules! hash_values {
    ($($t:ty),*) => {$(
        impl HashValue for $t {
            fn into_hash_value(self) -> HPyResult<isize> {
                Ok(self as isize)
            }
        }
        impl<E: Into<HPyErr>> HashValue for Result<$t, E> {
            fn into_hash_value(self) -> HPyResult<isize> {
                self.map(|h| h as isize).map_err(Into::into)
            }
        }
    )*};
}

hash_values!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

/// `__hash__`: any integer as `HPy_hash_t`, never -1.
pub fn into_hash(value: impl HashValue) -> HPyResult<isize> {
    value.into_hash_value().map(|h| if h == -1 { -2 } else { h })
}

/// The error for a missing `__setitem__` or `__delitem__`.
pub fn no_item_support(class: &str, what: &str) -> HPyErr {
    let verb = if what == "deletion" { "doesn't" } else { "does not" };
    HPyErr::new_type::<TypeError>(format!("'{class}' object {verb} support item {what}"))
}

/// Finishes `tp_new`: creates an instance of `cls` from the constructor's
/// result (the macro unwraps a `Result` first).
///
/// # Safety
/// `cls` must be `T`'s type or a subtype of it, as for the `cls` CPython
/// passes to `tp_new` (it checks `T.__new__(cls)` calls itself), and the
/// caller takes the new handle over (it returns it to HPy).
#[inline]
pub unsafe fn construct<'ctx, T: HPyClass>(
    init: impl IntoInstance<'ctx, T>,
    cls: &Handle<'ctx>,
) -> HPyResult<HPy> {
    if crate::runtime::is_pypy() {
        // PyPy's `T.__new__` does not check `cls` as CPython's does.
        crate::runtime::pypy::check_new_subtype::<T>(cls)?;
    }
    let layout = core::alloc::Layout::new::<crate::class::ClassLayout<T>>();
    // SAFETY: forwarded from the caller; `layout` is `T`'s whole payload.
    let (obj, _payload) = unsafe { init.create(cls, layout) }?;
    // SAFETY: the caller returns the new object to HPy (`tp_new`'s result).
    Ok(unsafe { obj.into_raw() })
}

/// Finishes a `__new__` static method: as [`construct`], once `cls` is
/// checked to be `T`'s type or a subtype, as Python's `__new__` does
/// (`T.__new__(float)` raises `TypeError`).
///
/// # Safety
/// The caller takes the new handle over: it must return it to HPy.
pub unsafe fn construct_checked<'ctx, T: HPyClass>(
    init: impl IntoInstance<'ctx, T>,
    cls: &Handle<'ctx>,
) -> HPyResult<HPy> {
    let ty = crate::class::type_object::<T>(cls.ctx())?;
    let ty = ty.downcast_ref::<Type<'ctx>>()?;
    match cls.downcast_ref::<Type<'ctx>>() {
        Ok(cls) if cls.is_subtype(ty) => {}
        Ok(cls) => {
            let name = cls.name()?;
            let message = format!("{0}.__new__({name}): {name} is not a subtype of {0}", T::NAME);
            return Err(HPyErr::new_type::<TypeError>(message));
        }
        Err(_) => {
            let name = cls.repr_string()?;
            let message = format!("{}.__new__(X): X is not a type object ({name})", T::NAME);
            return Err(HPyErr::new_type::<TypeError>(message));
        }
    }
    // SAFETY: `cls` is `T`'s type or a subtype (checked above); the handle
    // goes to the caller, per its contract.
    unsafe { construct(init, cls) }
}

/// Moves the module function `module_name` (a static or class method) onto
/// the type as `name`, wrapped in `staticmethod` or `classmethod`.
pub fn install_function(
    ty: &Handle<'_>,
    module: &Module<'_, '_>,
    module_name: &str,
    name: &str,
    wrapper: &str,
) -> HPyResult<()> {
    let ctx = ty.ctx();
    let function = module.getattr(module_name).map_err(|_| {
        let class = module_name.split('.').next().unwrap_or(module_name);
        HPyErr::new_type::<crate::exceptions::RuntimeError>(format!(
            "class {class} is used by this module (as a base or a metaclass) but is not in it: \
             add it to the #[hpy_module]"
        ))
    })?;
    let wrapper = std::ffi::CString::new(wrapper).expect("no NUL in builtin names");
    // SAFETY: `h_Builtins` is the builtins namespace; GetItem_s reads a name from it.
    let wrapper =
        unsafe { ctx.wrap(hpy_sys::HPy_GetItem_s(ctx.as_raw(), ctx.builtins().as_raw(), wrapper.as_ptr())) }?;
    let wrapped = wrapper.call((&function,))?;
    ty.setattr(name, &wrapped)?;
    let dict = module.getattr("__dict__")?;
    let key = Handle::new_str(ctx, module_name)?;
    // SAFETY: all handles are open; deleting the entry the type now owns.
    if unsafe { hpy_sys::HPy_DelItem(ctx.as_raw(), dict.as_raw(), key.as_raw()) } < 0 {
        return Err(HPyErr::fetch());
    }
    Ok(())
}

/// Creates a module's exception type `module.name` (with `doc`, derived
/// from `base`), keeps it in `global` and adds it to the module.
pub fn create_exception(
    module: &Module<'_, '_>,
    name: &str,
    doc: Option<&'static core::ffi::CStr>,
    base: ExcType,
    global: &'static Global,
) -> HPyResult<()> {
    let ctx = module.ctx();
    let qualified = std::ffi::CString::new(format!("{}.{name}", module.name()?))
        .map_err(|_| HPyErr::new_type::<crate::exceptions::ValueError>("NUL in a name"))?;
    let base = base.type_object(ctx)?;
    // SAFETY: the strings are NUL-terminated; `base` is an open exception type.
    let ty = unsafe {
        ctx.wrap(hpy_sys::HPyErr_NewExceptionWithDoc(
            ctx.as_raw(),
            qualified.as_ptr(),
            doc.map_or(core::ptr::null(), |d| d.as_ptr()),
            base.as_raw(),
            hpy_sys::HPy_NULL,
        ))
    }?;
    global.store(&ty);
    module.add(name, ty)
}

#[cfg(test)]
mod tests {
    use super::{into_hash, into_len};
    use proptest::prelude::*;

    proptest! {
        /// A hash is any integer folded to `HPy_hash_t`, never -1 (the
        /// error value: CPython uses -2 instead).
        #[test]
        fn hashes_fold_and_avoid_the_error_value(i in any::<i64>(), u in any::<u64>(), small in any::<i8>()) {
            for (value, hash) in [(i as isize, into_hash(i)), (u as isize, into_hash(u)), (small as isize, into_hash(small))] {
                prop_assert_eq!(hash.ok(), Some(if value == -1 { -2 } else { value }));
            }
        }

        /// A length fits in `HPy_ssize_t`, or is `OverflowError`.
        #[test]
        fn lengths_fit_in_ssize_t(len in prop_oneof![any::<usize>(), Just(isize::MAX as usize), Just(isize::MAX as usize + 1)]) {
            match into_len(len) {
                Ok(n) => prop_assert_eq!(n as usize, len),
                Err(_) => prop_assert!(len > isize::MAX as usize),
            }
        }
    }
}
