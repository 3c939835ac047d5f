//! `floatarray`: a one-dimensional array of floats, written in Rust with HPy.
//!
//! It shows a realistic class: a constructor taking a sequence, class
//! and static methods, the sequence protocol (`len`, indexing with negative
//! indices, assignment, `in`, and iteration, which HPy 0.9 provides through
//! `__getitem__` since it has no `tp_iter` slot), arithmetic with arrays
//! and scalars on both sides (returning `NotImplemented` for anything else,
//! so Python raises its usual `TypeError`), in-place operators, comparison,
//! and the buffer protocol (`memoryview(a)`, `bytes(a)`, `numpy.asarray(a)`
//! see the array's memory without copying).

mod array;
mod operand;

use hpy::prelude::*;

/// Arrays of floats.
#[hpy_module]
mod floatarray {
    use hpy::prelude::*;

    #[hpy(export)]
    use super::array::Array;

    /// `num` evenly spaced values from `start` to `stop` (both included).
    #[hpy_function]
    fn linspace(start: f64, stop: f64, num: usize) -> super::array::Array {
        super::array::Array::linspace(start, stop, num)
    }
}
