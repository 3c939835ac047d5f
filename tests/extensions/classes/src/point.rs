//! `Point`: methods, a member, a getset, static and class methods, a class
//! attribute, operators with their reflections, hashing, truth, in-place add.
//! Its member `x` makes it a class Python writes at any time: its methods
//! take `&self` and what changes lives in `Cell`s.

use hpy::prelude::*;
use std::cell::{Cell, RefCell};

/// A 2-D point.
#[hpy_type(subclass)]
pub struct Point {
    /// The x coordinate (a member).
    #[hpy(member)]
    x: Cell<f64>,
    /// The y coordinate (a getset).
    #[hpy(get, set)]
    y: Cell<f64>,
    label: RefCell<String>,
}

#[hpy_methods]
impl Point {
    #[new]
    #[hpy(signature = (x, y = 0.0, label = "p"))]
    fn new(x: f64, y: f64, label: String) -> Self {
        Point { x: Cell::new(x), y: Cell::new(y), label: RefCell::new(label) }
    }

    /// The distance to the origin.
    fn norm(&self) -> f64 {
        self.x.get().hypot(self.y.get())
    }

    pub fn scale(&self, k: f64) {
        self.x.set(self.x.get() * k);
        self.y.set(self.y.get() * k);
    }

    #[getter]
    fn label(&self) -> String {
        self.label.borrow().clone()
    }

    #[setter]
    fn set_label(&self, value: String) {
        *self.label.borrow_mut() = value;
    }

    /// How much `x` changed while `f()` ran (Python may set it: a member).
    fn x_change_during(&self, f: &Handle<'_>) -> HPyResult<f64> {
        let before = self.x.get();
        f.call(())?;
        Ok(self.x.get() - before)
    }

    #[staticmethod]
    fn origin() -> Point {
        Point::new(0.0, 0.0, "origin".into())
    }

    #[classmethod]
    fn from_pair<'ctx>(cls: &Handle<'ctx>, pair: (f64, f64)) -> HPyResult<Handle<'ctx>> {
        cls.call(pair)
    }

    #[classattr]
    #[allow(non_snake_case)]
    fn DIMENSIONS() -> i64 {
        2
    }

    fn __repr__(&self) -> String {
        format!("Point({}, {})", self.x.get(), self.y.get())
    }

    fn __eq__(&self, other: &Point) -> bool {
        self.x.get() == other.x.get() && self.y.get() == other.y.get()
    }

    fn __add__(&self, other: &Point) -> Point {
        Point::new(self.x.get() + other.x.get(), self.y.get() + other.y.get(), self.label.borrow().clone())
    }

    fn __mul__(&self, k: f64) -> Point {
        Point::new(self.x.get() * k, self.y.get() * k, self.label.borrow().clone())
    }

    fn __rmul__(&self, k: f64) -> Point {
        self.__mul__(k)
    }

    fn __neg__(&self) -> Point {
        self.__mul__(-1.0)
    }

    fn __bool__(&self) -> bool {
        self.x.get() != 0.0 || self.y.get() != 0.0
    }

    fn __hash__(&self) -> u64 {
        self.x.get().to_bits() ^ self.y.get().to_bits().rotate_left(1)
    }

    fn __iadd__(&self, other: &Point) {
        self.x.set(self.x.get() + other.x.get());
        self.y.set(self.y.get() + other.y.get());
    }
}

impl Point {
    /// A point with a default label.
    pub fn at(x: f64, y: f64) -> Point {
        Point::new(x, y, "p".into())
    }

    /// The x coordinate.
    pub fn x(&self) -> f64 {
        self.x.get()
    }
}

/// The distance between two points.
pub struct Distance(pub f64);

impl std::ops::Sub for &Point {
    type Output = Distance;

    fn sub(self, other: &Point) -> Distance {
        Distance((self.x.get() - other.x.get()).hypot(self.y.get() - other.y.get()))
    }
}
