//! `Point`: methods, a member, a getset, static and class methods, a class
//! attribute, operators with their reflections, hashing, truth, in-place add.

use hpy::prelude::*;
use std::cell::Cell;

/// A 2-D point.
#[hpy_type(subclass)]
pub struct Point {
    /// The x coordinate (a member).
    #[hpy(member)]
    x: Cell<f64>,
    /// The y coordinate (a getset).
    #[hpy(get, set)]
    y: f64,
    label: String,
}

#[hpy_methods]
impl Point {
    #[new]
    #[hpy(signature = (x, y = 0.0, label = "p"))]
    fn new(x: f64, y: f64, label: String) -> Self {
        Point { x: Cell::new(x), y, label }
    }

    /// The distance to the origin.
    fn norm(&self) -> f64 {
        self.x.get().hypot(self.y)
    }

    pub fn scale(&mut self, k: f64) {
        self.x.set(self.x.get() * k);
        self.y *= k;
    }

    #[getter]
    fn label(&self) -> String {
        self.label.clone()
    }

    #[setter]
    fn set_label(&mut self, value: String) {
        self.label = value;
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
        format!("Point({}, {})", self.x.get(), self.y)
    }

    fn __eq__(&self, other: &Point) -> bool {
        self.x.get() == other.x.get() && self.y == other.y
    }

    fn __add__(&self, other: &Point) -> Point {
        Point::new(self.x.get() + other.x.get(), self.y + other.y, self.label.clone())
    }

    fn __mul__(&self, k: f64) -> Point {
        Point::new(self.x.get() * k, self.y * k, self.label.clone())
    }

    fn __rmul__(&self, k: f64) -> Point {
        self.__mul__(k)
    }

    fn __neg__(&self) -> Point {
        self.__mul__(-1.0)
    }

    fn __bool__(&self) -> bool {
        self.x.get() != 0.0 || self.y != 0.0
    }

    fn __hash__(&self) -> u64 {
        self.x.get().to_bits() ^ self.y.to_bits().rotate_left(1)
    }

    fn __iadd__(&mut self, other: &Point) {
        self.x.set(self.x.get() + other.x.get());
        self.y += other.y;
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
        Distance((self.x.get() - other.x.get()).hypot(self.y - other.y))
    }
}
