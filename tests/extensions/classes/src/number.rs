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

    fn __neg__(&self) -> Number {
        n(-self.value)
    }

    fn __pos__(&self) -> Number {
        n(self.value)
    }

    fn __abs__(&self) -> Number {
        n(self.value.abs())
    }

    fn __invert__(&self) -> Number {
        n(!self.value)
    }

    fn __bool__(&self) -> bool {
        self.value != 0
    }

    fn __add__(&self, other: i64) -> Number {
        n(self.value + other)
    }
    fn __radd__(&self, other: i64) -> Number {
        n(other + self.value)
    }
    fn __sub__(&self, other: i64) -> Number {
        n(self.value - other)
    }
    fn __rsub__(&self, other: i64) -> Number {
        n(other - self.value)
    }
    fn __mul__(&self, other: i64) -> Number {
        n(self.value * other)
    }
    fn __rmul__(&self, other: i64) -> Number {
        n(other * self.value)
    }
    fn __matmul__(&self, other: i64) -> Number {
        n(self.value * other * 10)
    }
    fn __rmatmul__(&self, other: i64) -> Number {
        n(other * self.value * 100)
    }
    fn __truediv__(&self, other: i64) -> f64 {
        self.value as f64 / other as f64
    }
    fn __rtruediv__(&self, other: i64) -> f64 {
        other as f64 / self.value as f64
    }
    fn __floordiv__(&self, other: i64) -> Number {
        n(self.value.div_euclid(other))
    }
    fn __rfloordiv__(&self, other: i64) -> Number {
        n(other.div_euclid(self.value))
    }
    fn __mod__(&self, other: i64) -> Number {
        n(self.value.rem_euclid(other))
    }
    fn __rmod__(&self, other: i64) -> Number {
        n(other.rem_euclid(self.value))
    }
    fn __divmod__(&self, other: i64) -> (i64, i64) {
        (self.value.div_euclid(other), self.value.rem_euclid(other))
    }
    fn __rdivmod__(&self, other: i64) -> (i64, i64) {
        (other.div_euclid(self.value), other.rem_euclid(self.value))
    }
    fn __lshift__(&self, other: i64) -> Number {
        n(self.value << other)
    }
    fn __rlshift__(&self, other: i64) -> Number {
        n(other << self.value)
    }
    fn __rshift__(&self, other: i64) -> Number {
        n(self.value >> other)
    }
    fn __rrshift__(&self, other: i64) -> Number {
        n(other >> self.value)
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
    fn __pow__(&self, exponent: u32, modulo: Option<i64>) -> Number {
        let power = self.value.pow(exponent);
        n(modulo.map_or(power, |m| power.rem_euclid(m)))
    }
    fn __rpow__(&self, base: i64, modulo: Option<i64>) -> Number {
        let power = base.pow(self.value as u32);
        n(modulo.map_or(power, |m| power.rem_euclid(m)))
    }

    fn __iadd__(&mut self, other: i64) {
        self.value += other;
    }
    fn __isub__(&mut self, other: i64) {
        self.value -= other;
    }
    fn __imul__(&mut self, other: i64) {
        self.value *= other;
    }
    fn __imatmul__(&mut self, other: i64) {
        self.value *= other * 10;
    }
    fn __itruediv__(&mut self, other: i64) -> f64 {
        self.value as f64 / other as f64
    }
    fn __ifloordiv__(&mut self, other: i64) {
        self.value = self.value.div_euclid(other);
    }
    fn __imod__(&mut self, other: i64) {
        self.value = self.value.rem_euclid(other);
    }
    fn __ilshift__(&mut self, other: i64) {
        self.value <<= other;
    }
    fn __irshift__(&mut self, other: i64) {
        self.value >>= other;
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
    fn __ipow__(&mut self, exponent: u32) {
        self.value = self.value.pow(exponent);
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
