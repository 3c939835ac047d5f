//! [`Point`]: a small object with a method, a getter, a member, the
//! sequence slots and `+`.

use hpy::exceptions::IndexError;
use hpy::prelude::*;

/// A point in the plane.
#[hpy_type(frozen)]
pub struct Point {
    #[hpy(get)]
    x: f64,
    #[hpy(member, readonly)]
    y: f64,
}

#[hpy_methods]
impl Point {
    #[new]
    #[hpy(signature = (x, y, /))]
    fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }

    fn norm2(&self) -> f64 {
        self.x * self.x + self.y * self.y
    }

    fn __len__(&self) -> usize {
        2
    }

    fn __getitem__(&self, index: isize) -> HPyResult<f64> {
        match index {
            0 => Ok(self.x),
            1 => Ok(self.y),
            _ => Err(IndexError::new_err("Point index out of range")),
        }
    }

    fn __add__(&self, other: &Point) -> Point {
        Point { x: self.x + other.x, y: self.y + other.y }
    }
}
