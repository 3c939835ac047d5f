//! [`Array`]: piconumpy's `array` type.

use hpy::exceptions::{IndexError, ValueError, ZeroDivisionError};
use hpy::prelude::*;
use std::cell::Cell;

/// A one-dimensional array of floats.
///
/// `frozen`: its length never changes (so `size` is a plain member, read by
/// the interpreter without calling Rust) and no method borrows it mutably;
/// the elements are `Cell`s, written through `&self` by `a[i] = x`.
#[hpy_type(frozen, name = "array")]
pub struct Array {
    /// The number of elements.
    #[hpy(member, readonly)]
    size: usize,
    data: Box<[Cell<f64>]>,
}

impl Array {
    fn from_values(data: Box<[Cell<f64>]>) -> Array {
        Array { size: data.len(), data }
    }

    /// `f(element)` for each element, into a new array.
    fn map(&self, f: impl Fn(f64) -> f64) -> Array {
        Array::from_values(self.data.iter().map(|x| Cell::new(f(x.get()))).collect())
    }

    /// An array of `size` zeros; `ValueError` for a negative size.
    pub fn zeros(size: isize) -> HPyResult<Array> {
        let size =
            usize::try_from(size).map_err(|_| ValueError::new_err("negative dimensions are not allowed"))?;
        Ok(Array::from_values((0..size).map(|_| Cell::new(0.0)).collect()))
    }

    /// The element at `index` (negative from the end).
    fn element(&self, index: isize) -> HPyResult<&Cell<f64>> {
        let position = if index < 0 { index.checked_add_unsigned(self.size) } else { Some(index) };
        position
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| self.data.get(i))
            .ok_or_else(|| IndexError::new_err("array index out of range"))
    }
}

#[hpy_methods]
impl Array {
    /// An array holding the numbers of `data`, a list (or another
    /// sequence) of floats.
    #[new]
    #[hpy(signature = (data, /))]
    fn new(data: Vec<f64>) -> Self {
        Array::from_values(data.into_iter().map(Cell::new).collect())
    }

    /// The elements, as a list of floats.
    fn tolist(&self) -> Vec<f64> {
        self.data.iter().map(Cell::get).collect()
    }

    fn __repr__(&self) -> String {
        let items: Vec<String> = self.data.iter().map(|x| format!("{:?}", x.get())).collect();
        format!("array([{}])", items.join(", "))
    }

    fn __len__(&self) -> usize {
        self.size
    }

    fn __getitem__(&self, index: isize) -> HPyResult<f64> {
        Ok(self.element(index)?.get())
    }

    fn __setitem__(&self, index: isize, value: f64) -> HPyResult<()> {
        self.element(index)?.set(value);
        Ok(())
    }

    /// `a + b`: two arrays of the same length, element by element.
    fn __add__(&self, other: &Array) -> HPyResult<Array> {
        if other.size != self.size {
            return Err(ValueError::new_err(format!(
                "operands could not be broadcast together with sizes {} and {}",
                self.size, other.size
            )));
        }
        let sums = self.data.iter().zip(&other.data).map(|(a, b)| Cell::new(a.get() + b.get()));
        Ok(Array::from_values(sums.collect()))
    }

    /// `a * k`: each element times a number.
    fn __mul__(&self, k: f64) -> Array {
        self.map(|x| x * k)
    }

    /// `k * a`: a number times each element.
    fn __rmul__(&self, k: f64) -> Array {
        self.map(|x| k * x)
    }

    /// `a / k`: each element divided by a number (not zero).
    fn __truediv__(&self, k: f64) -> HPyResult<Array> {
        if k == 0.0 {
            return Err(ZeroDivisionError::new_err("division by zero"));
        }
        Ok(self.map(|x| x / k))
    }
}
