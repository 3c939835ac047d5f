//! `Vector`: a small float array with the sequence, mapping, number, compare,
//! call and buffer protocols.

use hpy::exceptions::{IndexError, ValueError};
use hpy::prelude::*;
use std::cell::Cell;

/// A vector of floats.
#[hpy_type]
pub struct Vector {
    data: Vec<Cell<f64>>,
}

impl Vector {
    fn from_values(values: impl IntoIterator<Item = f64>) -> Vector {
        Vector { data: values.into_iter().map(Cell::new).collect() }
    }

    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.data.iter().map(Cell::get)
    }

    fn index(&self, index: isize) -> HPyResult<usize> {
        let len = self.data.len() as isize;
        let i = if index < 0 { index + len } else { index };
        if (0..len).contains(&i) {
            Ok(i as usize)
        } else {
            Err(IndexError::new_err("Vector index out of range"))
        }
    }
}

#[hpy_methods]
impl Vector {
    #[new]
    #[hpy(signature = (*values))]
    fn new(values: Vec<f64>) -> Self {
        Vector::from_values(values)
    }

    fn __repr__(&self) -> String {
        let items: Vec<String> = self.values().map(|v| v.to_string()).collect();
        format!("Vector({})", items.join(", "))
    }

    fn __len__(&self) -> usize {
        self.data.len()
    }

    fn __getitem__(&self, index: isize) -> HPyResult<f64> {
        Ok(self.data[self.index(index)?].get())
    }

    fn __setitem__(&self, index: isize, value: f64) -> HPyResult<()> {
        self.data[self.index(index)?].set(value);
        Ok(())
    }

    fn __delitem__(&mut self, index: isize) -> HPyResult<()> {
        let i = self.index(index)?;
        self.data.remove(i);
        Ok(())
    }

    fn __contains__(&self, value: f64) -> bool {
        self.values().any(|v| v == value)
    }

    fn append(&mut self, value: f64) {
        self.data.push(Cell::new(value));
    }

    fn sum(&self) -> f64 {
        self.values().sum()
    }

    fn __add__(&self, other: &Vector) -> HPyResult<Vector> {
        if self.data.len() != other.data.len() {
            return Err(ValueError::new_err("vectors of different lengths"));
        }
        Ok(Vector::from_values(self.values().zip(other.values()).map(|(a, b)| a + b)))
    }

    fn __mul__(&self, k: f64) -> Vector {
        Vector::from_values(self.values().map(|v| v * k))
    }

    fn __rmul__(&self, k: f64) -> Vector {
        self.__mul__(k)
    }

    fn __matmul__(&self, other: &Vector) -> f64 {
        self.values().zip(other.values()).map(|(a, b)| a * b).sum()
    }

    fn __neg__(&self) -> Vector {
        self.__mul__(-1.0)
    }

    fn __abs__(&self) -> f64 {
        self.__matmul__(self).sqrt()
    }

    fn __bool__(&self) -> bool {
        !self.data.is_empty()
    }

    fn __richcmp__(&self, other: &Vector, op: CompareOp) -> bool {
        let a: Vec<f64> = self.values().collect();
        let b: Vec<f64> = other.values().collect();
        match a.partial_cmp(&b) {
            Some(ordering) => op.matches(ordering),
            None => op == CompareOp::Ne,
        }
    }

    fn __call__(&self, k: f64) -> Vector {
        self.__mul__(k)
    }

    fn __getbuffer__(&self) -> HPyResult<Buffer<'_>> {
        Ok(Buffer::from_cells(&self.data))
    }
}

/// A read-only 2-D matrix of 32-bit integers, for a shaped buffer.
#[hpy_type]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<i32>,
}

#[hpy_methods]
impl Matrix {
    #[new]
    fn new(rows: usize, cols: usize) -> Self {
        Matrix { rows, cols, data: (0..(rows * cols) as i32).collect() }
    }

    fn __getbuffer__(&self) -> HPyResult<Buffer<'_>> {
        Buffer::from_slice(&self.data).with_shape(&[self.rows, self.cols])
    }
}
