//! [`Point`]: a small object with a method, two read-only attributes, the
//! sequence slots and `+` (PyO3 exposes `#[pyo3(get)]` fields as getters:
//! it has no plain member for an `f64`).

use pyo3::exceptions::PyIndexError;
use pyo3::prelude::*;

/// A point in the plane.
#[pyclass(frozen)]
pub struct Point {
    #[pyo3(get)]
    x: f64,
    #[pyo3(get)]
    y: f64,
}

#[pymethods]
impl Point {
    #[new]
    #[pyo3(signature = (x, y, /))]
    fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }

    fn norm2(&self) -> f64 {
        self.x * self.x + self.y * self.y
    }

    fn __len__(&self) -> usize {
        2
    }

    fn __getitem__(&self, index: isize) -> PyResult<f64> {
        match index {
            0 => Ok(self.x),
            1 => Ok(self.y),
            _ => Err(PyIndexError::new_err("Point index out of range")),
        }
    }

    fn __add__(&self, other: PyRef<'_, Self>) -> Point {
        Point { x: self.x + other.x, y: self.y + other.y }
    }
}
