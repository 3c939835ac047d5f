//! `piconumpy`: the tiny NumPy-like array of
//! [piconumpy](https://github.com/paugier/piconumpy), the project HPy's
//! developers use to show what HPy changes on PyPy, written in safe Rust.
//!
//! One type, `array`, a one-dimensional array of floats: `array(list)`,
//! `empty(n)`, `zeros(n)`, `.size`, `.tolist()`, `a[i]` (read and write,
//! negative indices from the end, `IndexError` out of range), `len(a)`,
//! `a + b` of two arrays of the same length, `a * k`, `k * a` and `a / k`
//! with a number `k`. Any other operand gives Python's own `TypeError`.
//!
//! `benches/piconumpy` drives it from a Python loop (a Runge-Kutta
//! integration of sleds on a bumpy board), against a list-based class in
//! pure Python and the same type written with the CPython C API.

mod array;

use hpy::prelude::*;

/// A one-dimensional array of floats, with just what a Runge-Kutta loop
/// needs.
#[hpy_module]
mod piconumpy {
    use hpy::prelude::*;

    #[hpy(export)]
    use super::array::Array;

    /// An array of `size` elements. (Its elements are zeros: safe Rust
    /// hands out no uninitialized memory.)
    #[hpy_function(signature = (size, /))]
    fn empty(size: isize) -> HPyResult<Array> {
        Array::zeros(size)
    }

    /// An array of `size` zeros.
    #[hpy_function(signature = (size, /))]
    fn zeros(size: isize) -> HPyResult<Array> {
        Array::zeros(size)
    }
}
