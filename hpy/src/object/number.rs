//! Numbers: the number protocol on handles, Rust operators, `int` and
//! `float` conversions with HPy's exact semantics, and `bool`.
//!
//! Most of it is generated from the ABI table (`generated/number.rs`):
//!
//! - every binary, unary and in-place operation of HPy as a method taking
//!   `&Handle` (`a.add(&b)`, `a.inplace_or(&b)`, `a.pow(&b, Some(&m))`,
//!   `a.index()`, `a.to_int()`, `a.to_float()`);
//! - the Rust operators where Python has the same one (`+ - * / % << >> & ^
//!   |`, unary `-`, and `!` for Python's `~`) on `Handle` and `&Handle`,
//!   with any [`IntoHPy`](crate::IntoHPy) value on the right:
//!   `(&a + 1)?`, `(&a * &b)?`, `(-&a)?`;
//! - `HPyLong_As*` and `HPyFloat_AsDouble` as `as_i32`, `as_u64_mask`,
//!   `as_f64`, ... (`OverflowError` and `TypeError` as HPy raises them).
//!
//! Making numbers is [`IntoHPy`](crate::IntoHPy): `42i64.into_hpy(ctx)`
//! (`HPyLong_FromInt64_t`), `2.5.into_hpy(ctx)` (`HPyFloat_FromDouble`).

use crate::{Ctx, Handle};

impl<'ctx> Handle<'ctx> {
    /// Whether the object is a number (`HPyNumber_Check`: it has
    /// `__index__`, `__int__` or `__float__`).
    pub fn is_number(&self) -> bool {
        // SAFETY: `self` is open in its context.
        let answer = unsafe { hpy_sys::HPyNumber_Check(self.ctx().as_raw(), self.as_raw()) != 0 };
        if crate::runtime::is_pypy() {
            return crate::runtime::pypy::is_number(self, answer);
        }
        answer
    }
}

impl<'ctx> Ctx<'ctx> {
    /// An owned `True` or `False` (`HPyBool_FromBool`); [`Ctx::bool_`]
    /// borrows the constant instead.
    pub fn new_bool(self, value: bool) -> Handle<'ctx> {
        // SAFETY: a live context; HPyBool_FromBool cannot fail and returns a
        // new handle.
        unsafe { Handle::from_raw(self, hpy_sys::HPyBool_FromBool(self.as_raw(), value)) }
    }
}
