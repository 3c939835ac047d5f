//! [`Array`]: the kernel, a float array with elementwise `+` and `sum()`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// A one-dimensional array of floats.
#[pyclass(frozen)]
pub struct Array {
    data: Vec<f64>,
}

#[pymethods]
impl Array {
    #[new]
    #[pyo3(signature = (values, /))]
    fn new(values: Vec<f64>) -> Self {
        Array { data: values }
    }

    fn sum(&self) -> f64 {
        self.data.iter().sum()
    }

    fn __len__(&self) -> usize {
        self.data.len()
    }

    fn __add__(&self, other: PyRef<'_, Self>) -> PyResult<Array> {
        if self.data.len() != other.data.len() {
            return Err(PyValueError::new_err("arrays of different lengths"));
        }
        Ok(Array { data: self.data.iter().zip(&other.data).map(|(a, b)| a + b).collect() })
    }
}
