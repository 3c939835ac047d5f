//! [`Operand`]: the right-hand side of an arithmetic operator, an array or
//! a number.

use crate::array::Array;
use hpy::prelude::*;

/// What an operator accepts besides its array: another array (same
/// length) or a number (applied to every element).
pub enum Operand<'ctx> {
    Array(Instance<'ctx, Array>),
    Scalar(f64),
}

impl<'a, 'ctx> FromHPy<'a, 'ctx> for Operand<'ctx> {
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<Self> {
        match obj.extract::<Instance<'ctx, Array>>() {
            Ok(array) => Ok(Operand::Array(array)),
            Err(_) => obj.extract().map(Operand::Scalar),
        }
    }
}

impl Operand<'_> {
    /// The operand's values against an array of `len` elements: the array's
    /// own (which must have that length), or the scalar repeated.
    pub fn values(&self, len: usize) -> HPyResult<Vec<f64>> {
        match self {
            Operand::Scalar(k) => Ok(vec![*k; len]),
            Operand::Array(other) => {
                let other = other.borrow()?;
                if other.len() != len {
                    return Err(crate::array::length_mismatch(len, other.len()));
                }
                Ok(other.to_vec())
            }
        }
    }
}
