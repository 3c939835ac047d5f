//! `Number`: an integer with the whole number protocol, every operator
//! with its reflected and in-place forms (operands convert through
//! `__index__`, so plain ints and `Number`s mix).

use hpy::prelude::*;

/// An integer.
#[hpy_type]
pub struct Number {
    value: i64,
}

fn n(value: i64) -> Number {
    Number { value }
}

/// The result of a checked operation (`OverflowError` past 64 bits).
fn checked(value: Option<i64>) -> HPyResult<Number> {
    value.map(n).ok_or_else(|| hpy::exceptions::OverflowError::new_err("Number out of range"))
}

/// `a / b` or `a % b` (`ZeroDivisionError` for a zero `b`).
fn divided(a: i64, b: i64, op: fn(i64, i64) -> Option<i64>) -> HPyResult<Number> {
    if b == 0 {
        return Err(hpy::exceptions::ZeroDivisionError::new_err("division by zero"));
    }
    checked(op(a, b))
}

/// `a << b` or `a >> b` (`ValueError` for a shift out of 0..64).
fn shifted(a: i64, b: i64, op: fn(i64, u32) -> Option<i64>) -> HPyResult<Number> {
    let shift = u32::try_from(b).ok().filter(|&s| s < 64);
    shift
        .and_then(|s| op(a, s))
        .map(n)
        .ok_or_else(|| hpy::exceptions::ValueError::new_err("shift out of range"))
}

/// `base ** exponent % modulo`.
fn powered(base: i64, exponent: u32, modulo: Option<i64>) -> HPyResult<Number> {
    let power = checked(base.checked_pow(exponent))?.value;
    match modulo {
        None => Ok(n(power)),
        Some(m) => divided(power, m, i64::checked_rem_euclid),
    }
}

#[hpy_methods]
impl Number {
    #[new]
    fn new(value: i64) -> Self {
        n(value)
    }

    fn __repr__(&self) -> String {
        format!("Number({})", self.value)
    }

    fn __index__(&self) -> i64 {
        self.value
    }

    fn __int__(&self) -> i64 {
        self.value
    }

    fn __float__(&self) -> f64 {
        self.value as f64
    }

    fn __neg__(&self) -> HPyResult<Number> {
        checked(self.value.checked_neg())
    }

    fn __pos__(&self) -> Number {
        n(self.value)
    }

    fn __abs__(&self) -> HPyResult<Number> {
        checked(self.value.checked_abs())
    }

    fn __invert__(&self) -> Number {
        n(!self.value)
    }

    fn __bool__(&self) -> bool {
        self.value != 0
    }

    fn __add__(&self, other: i64) -> HPyResult<Number> {
        checked(self.value.checked_add(other))
    }
    fn __radd__(&self, other: i64) -> HPyResult<Number> {
        checked(other.checked_add(self.value))
    }
    fn __sub__(&self, other: i64) -> HPyResult<Number> {
        checked(self.value.checked_sub(other))
    }
    fn __rsub__(&self, other: i64) -> HPyResult<Number> {
        checked(other.checked_sub(self.value))
    }
    fn __mul__(&self, other: i64) -> HPyResult<Number> {
        checked(self.value.checked_mul(other))
    }
    fn __rmul__(&self, other: i64) -> HPyResult<Number> {
        checked(other.checked_mul(self.value))
    }
    fn __matmul__(&self, other: i64) -> HPyResult<Number> {
        checked(self.value.checked_mul(other).and_then(|v| v.checked_mul(10)))
    }
    fn __rmatmul__(&self, other: i64) -> HPyResult<Number> {
        checked(other.checked_mul(self.value).and_then(|v| v.checked_mul(100)))
    }
    fn __truediv__(&self, other: i64) -> f64 {
        self.value as f64 / other as f64
    }
    fn __rtruediv__(&self, other: i64) -> f64 {
        other as f64 / self.value as f64
    }
    fn __floordiv__(&self, other: i64) -> HPyResult<Number> {
        divided(self.value, other, i64::checked_div_euclid)
    }
    fn __rfloordiv__(&self, other: i64) -> HPyResult<Number> {
        divided(other, self.value, i64::checked_div_euclid)
    }
    fn __mod__(&self, other: i64) -> HPyResult<Number> {
        divided(self.value, other, i64::checked_rem_euclid)
    }
    fn __rmod__(&self, other: i64) -> HPyResult<Number> {
        divided(other, self.value, i64::checked_rem_euclid)
    }
    fn __divmod__(&self, other: i64) -> HPyResult<(i64, i64)> {
        let (q, r) = (self.__floordiv__(other)?, self.__mod__(other)?);
        Ok((q.value, r.value))
    }
    fn __rdivmod__(&self, other: i64) -> HPyResult<(i64, i64)> {
        let (q, r) = (self.__rfloordiv__(other)?, self.__rmod__(other)?);
        Ok((q.value, r.value))
    }
    fn __lshift__(&self, other: i64) -> HPyResult<Number> {
        shifted(self.value, other, i64::checked_shl)
    }
    fn __rlshift__(&self, other: i64) -> HPyResult<Number> {
        shifted(other, self.value, i64::checked_shl)
    }
    fn __rshift__(&self, other: i64) -> HPyResult<Number> {
        shifted(self.value, other, i64::checked_shr)
    }
    fn __rrshift__(&self, other: i64) -> HPyResult<Number> {
        shifted(other, self.value, i64::checked_shr)
    }
    fn __and__(&self, other: i64) -> Number {
        n(self.value & other)
    }
    fn __rand__(&self, other: i64) -> Number {
        n(other & self.value)
    }
    fn __or__(&self, other: i64) -> Number {
        n(self.value | other)
    }
    fn __ror__(&self, other: i64) -> Number {
        n(other | self.value)
    }
    fn __xor__(&self, other: i64) -> Number {
        n(self.value ^ other)
    }
    fn __rxor__(&self, other: i64) -> Number {
        n(other ^ self.value)
    }
    fn __pow__(&self, exponent: u32, modulo: Option<i64>) -> HPyResult<Number> {
        powered(self.value, exponent, modulo)
    }
    fn __rpow__(&self, base: i64, modulo: Option<i64>) -> HPyResult<Number> {
        let exponent = u32::try_from(self.value)
            .map_err(|_| hpy::exceptions::ValueError::new_err("exponent out of range"))?;
        powered(base, exponent, modulo)
    }

    fn __iadd__(&mut self, other: i64) -> HPyResult<()> {
        self.value = self.__add__(other)?.value;
        Ok(())
    }
    fn __isub__(&mut self, other: i64) -> HPyResult<()> {
        self.value = self.__sub__(other)?.value;
        Ok(())
    }
    fn __imul__(&mut self, other: i64) -> HPyResult<()> {
        self.value = self.__mul__(other)?.value;
        Ok(())
    }
    fn __imatmul__(&mut self, other: i64) -> HPyResult<()> {
        self.value = self.__matmul__(other)?.value;
        Ok(())
    }
    fn __itruediv__(&mut self, other: i64) -> f64 {
        self.value as f64 / other as f64
    }
    fn __ifloordiv__(&mut self, other: i64) -> HPyResult<()> {
        self.value = self.__floordiv__(other)?.value;
        Ok(())
    }
    fn __imod__(&mut self, other: i64) -> HPyResult<()> {
        self.value = self.__mod__(other)?.value;
        Ok(())
    }
    fn __ilshift__(&mut self, other: i64) -> HPyResult<()> {
        self.value = self.__lshift__(other)?.value;
        Ok(())
    }
    fn __irshift__(&mut self, other: i64) -> HPyResult<()> {
        self.value = self.__rshift__(other)?.value;
        Ok(())
    }
    fn __iand__(&mut self, other: i64) {
        self.value &= other;
    }
    fn __ior__(&mut self, other: i64) {
        self.value |= other;
    }
    fn __ixor__(&mut self, other: i64) {
        self.value ^= other;
    }
    fn __ipow__(&mut self, exponent: u32) -> HPyResult<()> {
        self.value = self.__pow__(exponent, None)?.value;
        Ok(())
    }

    fn __eq__(&self, other: i64) -> bool {
        self.value == other
    }
    fn __lt__(&self, other: i64) -> bool {
        self.value < other
    }
    fn __hash__(&self) -> i64 {
        self.value
    }
}
