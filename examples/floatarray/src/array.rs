//! [`Array`]: the class.

use crate::operand::Operand;
use hpy::exceptions::{IndexError, ZeroDivisionError};
use hpy::prelude::*;
use std::cell::Cell;

/// A one-dimensional array of floats.
///
/// Elements are `Cell`s so that every method can take `&self`: an
/// operation whose operands are the same array (`a += a`) reads and
/// writes it without a borrow conflict.
#[hpy_type(subclass)]
pub struct Array {
    data: Vec<Cell<f64>>,
}

impl Array {
    fn from_values(values: impl IntoIterator<Item = f64>) -> Array {
        Array { data: values.into_iter().map(Cell::new).collect() }
    }

    /// `num` evenly spaced values from `start` to `stop`.
    pub fn linspace(start: f64, stop: f64, num: usize) -> Array {
        let step = if num > 1 { (stop - start) / (num - 1) as f64 } else { 0.0 };
        Array::from_values((0..num).map(|i| start + step * i as f64))
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether the array has no element.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// A copy of the elements.
    pub fn to_vec(&self) -> Vec<f64> {
        self.data.iter().map(Cell::get).collect()
    }

    /// `index` (negative from the end) checked against the length.
    fn position(&self, index: isize) -> HPyResult<usize> {
        let len = self.data.len() as isize;
        let i = if index < 0 { index + len } else { index };
        if (0..len).contains(&i) {
            Ok(i as usize)
        } else {
            Err(IndexError::new_err("array index out of range"))
        }
    }

    /// A new array: `f(element, operand)` elementwise.
    fn combine(&self, other: &Operand<'_>, f: impl Fn(f64, f64) -> f64) -> HPyResult<Array> {
        let rhs = other.values(self.len())?;
        Ok(Array::from_values(self.data.iter().zip(rhs).map(|(a, b)| f(a.get(), b))))
    }

    /// `element = f(element, operand)` elementwise, in place.
    fn update(&self, other: &Operand<'_>, f: impl Fn(f64, f64) -> f64) -> HPyResult<()> {
        let rhs = other.values(self.len())?;
        self.data.iter().zip(rhs).for_each(|(a, b)| a.set(f(a.get(), b)));
        Ok(())
    }

    fn check_divisor(other: &Operand<'_>) -> HPyResult<()> {
        if matches!(other, Operand::Scalar(k) if *k == 0.0) {
            return Err(ZeroDivisionError::new_err("division of an array by zero"));
        }
        Ok(())
    }
}

#[hpy_methods]
impl Array {
    /// An array of the floats in `values` (a sequence of numbers: a list,
    /// a tuple, a range, another array...).
    #[new]
    #[hpy(signature = (values = None))]
    fn new(values: Option<Vec<f64>>) -> Self {
        Array::from_values(values.unwrap_or_default())
    }

    /// An array of `n` zeros.
    #[staticmethod]
    fn zeros(n: usize) -> Array {
        Array::from_values(std::iter::repeat_n(0.0, n))
    }

    /// An array of `cls` (which may be a Python subclass) holding `range(n)`.
    #[classmethod]
    fn arange<'ctx>(cls: &Handle<'ctx>, n: u32) -> HPyResult<Handle<'ctx>> {
        let values: Vec<f64> = (0..n).map(f64::from).collect();
        cls.call((values,))
    }

    /// The elements as a list.
    fn tolist(&self) -> Vec<f64> {
        self.to_vec()
    }

    /// The sum of the elements.
    fn sum(&self) -> f64 {
        self.data.iter().map(Cell::get).sum()
    }

    /// The largest element (ValueError if empty).
    fn max(&self) -> HPyResult<f64> {
        self.data
            .iter()
            .map(Cell::get)
            .reduce(f64::max)
            .ok_or_else(|| hpy::exceptions::ValueError::new_err("max() of an empty array"))
    }

    fn __repr__(&self) -> String {
        let items: Vec<String> = self.data.iter().map(|v| format!("{:?}", v.get())).collect();
        format!("Array([{}])", items.join(", "))
    }

    fn __len__(&self) -> usize {
        self.len()
    }

    /// Indexing; `for x in a` also goes through here, until IndexError.
    fn __getitem__(&self, index: isize) -> HPyResult<f64> {
        Ok(self.data[self.position(index)?].get())
    }

    fn __setitem__(&self, index: isize, value: f64) -> HPyResult<()> {
        self.data[self.position(index)?].set(value);
        Ok(())
    }

    fn __contains__(&self, value: f64) -> bool {
        self.data.iter().any(|v| v.get() == value)
    }

    fn __add__(&self, other: Operand<'_>) -> HPyResult<Array> {
        self.combine(&other, |a, b| a + b)
    }

    fn __radd__(&self, other: Operand<'_>) -> HPyResult<Array> {
        self.combine(&other, |a, b| b + a)
    }

    fn __sub__(&self, other: Operand<'_>) -> HPyResult<Array> {
        self.combine(&other, |a, b| a - b)
    }

    fn __rsub__(&self, other: Operand<'_>) -> HPyResult<Array> {
        self.combine(&other, |a, b| b - a)
    }

    fn __mul__(&self, other: Operand<'_>) -> HPyResult<Array> {
        self.combine(&other, |a, b| a * b)
    }

    fn __rmul__(&self, other: Operand<'_>) -> HPyResult<Array> {
        self.combine(&other, |a, b| b * a)
    }

    fn __truediv__(&self, other: Operand<'_>) -> HPyResult<Array> {
        Array::check_divisor(&other)?;
        self.combine(&other, |a, b| a / b)
    }

    /// The dot product.
    fn __matmul__(&self, other: &Array) -> HPyResult<f64> {
        if other.len() != self.len() {
            return Err(length_mismatch(self.len(), other.len()));
        }
        Ok(self.data.iter().zip(&other.data).map(|(a, b)| a.get() * b.get()).sum())
    }

    fn __iadd__(&self, other: Operand<'_>) -> HPyResult<()> {
        self.update(&other, |a, b| a + b)
    }

    fn __isub__(&self, other: Operand<'_>) -> HPyResult<()> {
        self.update(&other, |a, b| a - b)
    }

    fn __imul__(&self, other: Operand<'_>) -> HPyResult<()> {
        self.update(&other, |a, b| a * b)
    }

    fn __neg__(&self) -> Array {
        Array::from_values(self.data.iter().map(|v| -v.get()))
    }

    /// The Euclidean norm.
    fn __abs__(&self) -> f64 {
        self.data.iter().map(|v| v.get() * v.get()).sum::<f64>().sqrt()
    }

    fn __bool__(&self) -> bool {
        !self.is_empty()
    }

    /// `==` and `!=` compare elementwise and answer one bool (arrays are
    /// not ordered: `<` raises TypeError).
    fn __eq__(&self, other: &Array) -> bool {
        self.to_vec() == other.to_vec()
    }

    /// The elements' memory: writable, format `d`, no copy.
    fn __getbuffer__(&self) -> HPyResult<Buffer<'_>> {
        Ok(Buffer::from_cells(&self.data))
    }
}

/// The error for an operation on arrays of different lengths.
pub fn length_mismatch(left: usize, right: usize) -> HPyErr {
    hpy::exceptions::ValueError::new_err(format!(
        "operands could not be broadcast together with lengths {left} and {right}"
    ))
}
