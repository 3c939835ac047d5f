//! Integers, floats and `bool`.

use super::{FromHPy, IntoHPy};
use crate::exceptions::{ExceptionType, OverflowError, TypeError};
use crate::{Ctx, HPyErr, HPyResult, Handle};

/// Turns the exception pending after a failed integer conversion into the
/// conversion error: `OverflowError` for a value out of range, `TypeError`
/// for a non-integer; anything else (raised by `__index__`) stays pending.
fn int_error(obj: &Handle<'_>, target: &str) -> HPyErr {
    let err = HPyErr::fetch();
    let ctx = obj.ctx();
    if err.is::<OverflowError>(ctx) {
        err.clear(ctx);
        out_of_range(target)
    } else if err.is::<TypeError>(ctx) {
        err.clear(ctx);
        HPyErr::wrong_type(obj, "int")
    } else {
        err
    }
}

/// Converts `obj` with `convert`; an object that is not an `int` but has
/// `__index__` (such as numpy integers) is converted through `int(obj)`, as
/// every integer argument of CPython accepts it.
#[inline]
fn with_index<'ctx, T>(
    obj: &Handle<'ctx>,
    target: &str,
    convert: impl Fn(&Handle<'ctx>) -> HPyResult<T>,
) -> HPyResult<T> {
    with_index_from(convert(obj), obj, target, convert)
}

/// [`with_index`] when the first conversion of `obj` already gave `first`.
#[inline]
fn with_index_from<'ctx, T>(
    first: HPyResult<T>,
    obj: &Handle<'ctx>,
    target: &str,
    convert: impl Fn(&Handle<'ctx>) -> HPyResult<T>,
) -> HPyResult<T> {
    match first {
        Err(err) if !err.is_pending() && err.is::<TypeError>(obj.ctx()) && !is_int(obj) => {
            let ctx = obj.ctx();
            // SAFETY: `obj` is open in `ctx`; HPy_Index returns a new handle or raises.
            match unsafe { ctx.wrap(hpy_sys::HPy_Index(ctx.as_raw(), obj.as_raw())) } {
                Ok(index) => {
                    convert(&index).map_err(|e| if e.is_pending() { int_error(&index, target) } else { e })
                }
                Err(pending) if pending.is::<TypeError>(ctx) => {
                    pending.clear(ctx);
                    Err(err)
                }
                Err(pending) => Err(pending),
            }
        }
        other => other,
    }
}

fn is_int(obj: &Handle<'_>) -> bool {
    obj.is_int_instance()
}

fn out_of_range(target: &str) -> HPyErr {
    HPyErr::conversion(OverflowError::exc_type(), format!("is out of range for {target}"))
}

/// Whether integer conversions must reject `float` (and objects with only
/// `__int__`) themselves: before 3.10, CPython's `PyLong_As*` convert them
/// through `__int__` (with a DeprecationWarning) where its argument parsing
/// refuses them. (PyPy's refuse floats; they accept an object with only
/// `__int__`, a rare case not worth two more context calls per argument on
/// a hot path: see docs/runtimes.md.) Set once when a module is executed.
static REJECT_FLOATS: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(false);

/// Records whether the running Python needs [`REJECT_FLOATS`].
pub(crate) fn set_reject_floats(reject: bool) {
    REJECT_FLOATS.store(reject, core::sync::atomic::Ordering::Relaxed);
}

/// Refuses a `float` where an int is expected, on CPython older than 3.10.
#[inline]
fn refuse_float(obj: &Handle<'_>) -> HPyResult<()> {
    if REJECT_FLOATS.load(core::sync::atomic::Ordering::Relaxed) {
        return refuse_float_slow(obj);
    }
    Ok(())
}

/// An int, or an object whose type has `__index__`, as CPython 3.10+
/// accepts; CPython 3.8/3.9 and PyPy also convert a float or an object
/// with only `__int__` through `__int__`.
#[cold]
#[inline(never)]
fn refuse_float_slow(obj: &Handle<'_>) -> HPyResult<()> {
    if obj.is_int_instance() {
        return Ok(());
    }
    if obj.is_float_instance() || !obj.get_type().hasattr("__index__")? {
        return Err(HPyErr::wrong_type(obj, "int"));
    }
    Ok(())
}

/// Whether an HPy call that returned its error value really failed.
#[inline]
fn failed(ctx: Ctx<'_>) -> bool {
    // SAFETY: querying the error indicator is always allowed.
    unsafe { hpy_sys::HPyErr_Occurred(ctx.as_raw()) != 0 }
}

macro_rules! int_via {
    ($($t:ty => $wide:ty, $as:ident, $from:ident $({ $($from_extra:item)* } { $($into_extra:item)* })?;)*) => {$(
        impl<'a, 'ctx> FromHPy<'a, 'ctx> for $t {
            const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("int");

            /// The usual case (an int in range) inline; errors, `-1` and
            /// objects with `__index__` in a cold function.
            #[inline]
            #[allow(irrefutable_let_patterns)] // `try_from` cannot fail for the widest types
            fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<$t> {
                refuse_float(obj)?;
                let ctx = obj.ctx();
                // SAFETY: `obj` is open in `ctx`.
                let wide: $wide = unsafe { hpy_sys::$as(ctx.as_raw(), obj.as_raw()) };
                if wide != (-1i8) as $wide {
                    if let Ok(value) = <$t>::try_from(wide) {
                        return Ok(value);
                    }
                }

                #[cold]
                #[inline(never)]
                fn finish(obj: &Handle<'_>, wide: $wide) -> HPyResult<$t> {
                    let convert = |obj: &Handle<'_>, wide: $wide| {
                        if wide == (-1i8) as $wide && failed(obj.ctx()) {
                            return Err(int_error(obj, stringify!($t)));
                        }
                        <$t>::try_from(wide).map_err(|_| out_of_range(stringify!($t)))
                    };
                    with_index_from(convert(obj, wide), obj, stringify!($t), |obj| {
                        let ctx = obj.ctx();
                        // SAFETY: `obj` is open in `ctx`.
                        convert(obj, unsafe { hpy_sys::$as(ctx.as_raw(), obj.as_raw()) })
                    })
                }
                finish(obj, wide)
            }
            $($($from_extra)*)?
        }

        impl<'ctx> IntoHPy<'ctx> for $t {
            const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("int");

            const MAY_BE_NOT_IMPLEMENTED: bool = false;

            #[inline]
            fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
                // SAFETY: creating an int from a value needs only a live context.
                unsafe { ctx.wrap(hpy_sys::$from(ctx.as_raw(), self.into())) }
            }

            #[inline]
            fn into_raw_result(self, ctx: Ctx<'ctx>) -> HPyResult<crate::impl_::RawReturn<'ctx>> {
                // SAFETY: as above; a null result comes with an exception set.
                Ok(unsafe { crate::impl_::RawReturn::from_raw(ctx, hpy_sys::$from(ctx.as_raw(), self.into())) })
            }
            $($($into_extra)*)?
        }
    )*};
}

int_via! {
    i8 => i64, HPyLong_AsInt64_t, HPyLong_FromInt32_t;
    i16 => i64, HPyLong_AsInt64_t, HPyLong_FromInt32_t;
    i32 => i64, HPyLong_AsInt64_t, HPyLong_FromInt32_t;
    i64 => i64, HPyLong_AsInt64_t, HPyLong_FromInt64_t;
    isize => isize, HPyLong_AsSsize_t, HPyLong_FromSsize_t;
    u8 => i64, HPyLong_AsInt64_t, HPyLong_FromUInt32_t {
        /// `Vec<u8>` copies `bytes` at once.
        fn vec_fast_path(obj: &'a Handle<'ctx>) -> Option<HPyResult<Vec<u8>>> {
            super::bytes::bytes_to_vec(obj)
        }
    } {
        const VEC_TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("bytes");

        /// `Vec<u8>` becomes `bytes`.
        fn vec_into_hpy(items: Vec<u8>, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
            super::bytes::new_bytes(ctx, &items)
        }
        /// `&[u8]` becomes `bytes`.
        fn slice_into_hpy(items: &[u8], ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
            super::bytes::new_bytes(ctx, items)
        }
    };
    u16 => i64, HPyLong_AsInt64_t, HPyLong_FromUInt32_t;
    u32 => i64, HPyLong_AsInt64_t, HPyLong_FromUInt32_t;
    u64 => u64, HPyLong_AsUInt64_t, HPyLong_FromUInt64_t;
    usize => usize, HPyLong_AsSize_t, HPyLong_FromSize_t;
}

/// The 64-bit halves of a 128-bit integer: `obj >> 64` and the low 64 bits.
fn split_128<'ctx>(obj: &Handle<'ctx>) -> HPyResult<(Handle<'ctx>, u64)> {
    let ctx = obj.ctx();
    let sixty_four = 64i32.into_hpy(ctx)?;
    // SAFETY: both operands are open in `ctx`.
    let high = unsafe { ctx.wrap(hpy_sys::HPy_Rshift(ctx.as_raw(), obj.as_raw(), sixty_four.as_raw())) }?;
    // SAFETY: `obj` is an int (the shift succeeded); masking cannot overflow.
    let low = unsafe { hpy_sys::HPyLong_AsUInt64_tMask(ctx.as_raw(), obj.as_raw()) };
    if low == u64::MAX && failed(ctx) {
        return Err(HPyErr::fetch());
    }
    Ok((high, low))
}

/// `(high << 64) | low` as a Python int.
fn join_128<'ctx>(ctx: Ctx<'ctx>, high: Handle<'ctx>, low: u64) -> HPyResult<Handle<'ctx>> {
    let sixty_four = 64i32.into_hpy(ctx)?;
    let low = low.into_hpy(ctx)?;
    // SAFETY: all operands are open in `ctx`.
    unsafe {
        let shifted = ctx.wrap(hpy_sys::HPy_Lshift(ctx.as_raw(), high.as_raw(), sixty_four.as_raw()))?;
        ctx.wrap(hpy_sys::HPy_Or(ctx.as_raw(), shifted.as_raw(), low.as_raw()))
    }
}

macro_rules! int_128 {
    ($($t:ty, $half:ty, $fast:ty;)*) => {$(
        impl<'a, 'ctx> FromHPy<'a, 'ctx> for $t {
            const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("int");

            fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<$t> {
                refuse_float(obj)?;
                with_index(obj, stringify!($t), |obj| {
                    let ctx = obj.ctx();
                    match <$fast>::from_hpy(obj) {
                        Ok(v) => return Ok(v.into()),
                        Err(e) if e.is::<OverflowError>(ctx) && !e.is_pending() => {}
                        Err(e) => return Err(e.for_target(stringify!($t))),
                    }
                    let (high, low) = split_128(obj).map_err(|e| int_error_from(obj, e, stringify!($t)))?;
                    let high = <$half>::from_hpy(&high).map_err(|_| out_of_range(stringify!($t)))?;
                    Ok((<$t>::from(high) << 64) | <$t>::from(low))
                })
            }
        }

        impl<'ctx> IntoHPy<'ctx> for $t {
            const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("int");

            fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
                if let Ok(small) = <$fast>::try_from(self) {
                    return small.into_hpy(ctx);
                }
                join_128(ctx, ((self >> 64) as $half).into_hpy(ctx)?, self as u64)
            }
        }
    )*};
}

fn int_error_from(obj: &Handle<'_>, err: HPyErr, target: &str) -> HPyErr {
    if err.is_pending() { int_error(obj, target) } else { err }
}

impl HPyErr {
    /// Rewrites "out of range for i64" into the real target type.
    fn for_target(self, target: &str) -> HPyErr {
        match (self.exc_type(), self.message()) {
            (Some(ty), Some(msg)) if msg.contains("is out of range for ") => {
                HPyErr::conversion(ty, format!("is out of range for {target}"))
            }
            _ => self,
        }
    }
}

int_128! {
    i128, i64, i64;
    u128, u64, u64;
}

impl<'a, 'ctx> FromHPy<'a, 'ctx> for f64 {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("float");

    #[inline]
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<f64> {
        let ctx = obj.ctx();
        if crate::runtime::is_pypy() && !obj.is_float_instance() && !obj.is_int_instance() {
            // PyPy's HPyFloat_AsDouble ignores `__index__`.
            return crate::runtime::pypy::as_f64(obj).map_err(|err| {
                if err.is::<TypeError>(ctx) {
                    err.clear(ctx);
                    return HPyErr::wrong_type(obj, "real number");
                }
                err
            });
        }
        // SAFETY: `obj` is open in `ctx`.
        let value = unsafe { hpy_sys::HPyFloat_AsDouble(ctx.as_raw(), obj.as_raw()) };
        if value == -1.0 && failed(ctx) {
            let err = HPyErr::fetch();
            if err.is::<TypeError>(ctx) {
                err.clear(ctx);
                return Err(HPyErr::wrong_type(obj, "real number"));
            }
            return Err(err);
        }
        Ok(value)
    }
}

impl<'ctx> IntoHPy<'ctx> for f64 {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("float");

    const MAY_BE_NOT_IMPLEMENTED: bool = false;

    #[inline]
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        // SAFETY: creating a float needs only a live context.
        unsafe { ctx.wrap(hpy_sys::HPyFloat_FromDouble(ctx.as_raw(), self)) }
    }

    #[inline]
    fn into_raw_result(self, ctx: Ctx<'ctx>) -> HPyResult<crate::impl_::RawReturn<'ctx>> {
        // SAFETY: as above; a null result comes with an exception set.
        Ok(unsafe {
            crate::impl_::RawReturn::from_raw(ctx, hpy_sys::HPyFloat_FromDouble(ctx.as_raw(), self))
        })
    }
}

impl<'a, 'ctx> FromHPy<'a, 'ctx> for f32 {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("float");

    /// Rounds to the nearest `f32` (values beyond its range become infinite).
    #[inline]
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<f32> {
        f64::from_hpy(obj).map(|v| v as f32)
    }
}

impl<'ctx> IntoHPy<'ctx> for f32 {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("float");

    const MAY_BE_NOT_IMPLEMENTED: bool = false;

    #[inline]
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        f64::from(self).into_hpy(ctx)
    }
}

impl<'a, 'ctx> FromHPy<'a, 'ctx> for bool {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("bool");

    /// Only `True` and `False` convert (as for PyO3; use `is_true` for truthiness).
    #[inline]
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<bool> {
        let ctx = obj.ctx();
        // GraalPy's `HPy_Is` takes `0` for `False` and `1` for `True`.
        if crate::runtime::is_graalpy() && !crate::runtime::graalpy::is_bool(obj) {
            return Err(HPyErr::wrong_type(obj, "bool"));
        }
        if obj.is(&ctx.true_()) {
            Ok(true)
        } else if obj.is(&ctx.false_()) {
            Ok(false)
        } else {
            Err(HPyErr::wrong_type(obj, "bool"))
        }
    }
}

impl<'ctx> IntoHPy<'ctx> for bool {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Name("bool");

    const MAY_BE_NOT_IMPLEMENTED: bool = false;

    #[inline]
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        Ok(ctx.bool_(self).to_owned())
    }
}
