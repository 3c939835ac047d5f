//! [`Array`]: the kernel, a float array with elementwise `+` and `sum()`.

use hpy::exceptions::ValueError;
use hpy::prelude::*;

/// A one-dimensional array of floats.
#[hpy_type(frozen)]
pub struct Array {
    data: Vec<f64>,
}

#[hpy_methods]
impl Array {
    #[new]
    #[hpy(signature = (values, /))]
    fn new(values: Vec<f64>) -> Self {
        Array { data: values }
    }

    fn sum(&self) -> f64 {
        self.data.iter().sum()
    }

    fn __len__(&self) -> usize {
        self.data.len()
    }

    fn __add__(&self, other: &Array) -> HPyResult<Array> {
        if self.data.len() != other.data.len() {
            return Err(ValueError::new_err("arrays of different lengths"));
        }
        Ok(Array { data: self.data.iter().zip(&other.data).map(|(a, b)| a + b).collect() })
    }
}
