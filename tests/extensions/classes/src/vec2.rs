//! A newcomer's first class: a constructor, `__eq__` alone (`!=` is
//! derived from it, as Python does), and setters taking borrowed values.

use hpy::prelude::*;
use std::cell::{Cell, RefCell};

/// A 2-D vector with a name.
#[hpy_type(subclass)]
pub struct Vec2 {
    #[hpy(get)]
    x: Cell<f64>,
    #[hpy(get)]
    y: Cell<f64>,
    name: RefCell<String>,
}

#[hpy_methods]
impl Vec2 {
    #[new]
    fn new(x: f64, y: f64) -> Self {
        Vec2 { x: Cell::new(x), y: Cell::new(y), name: RefCell::new(String::new()) }
    }

    fn __eq__(&self, other: &Vec2) -> bool {
        (self.x.get(), self.y.get()) == (other.x.get(), other.y.get())
    }

    #[getter]
    fn name(&self) -> String {
        self.name.borrow().clone()
    }

    /// A setter taking a `&str` borrowed from the new value.
    #[setter]
    fn set_name(&self, name: &str) {
        *self.name.borrow_mut() = name.to_owned();
    }

    /// A setter taking the new value itself.
    #[setter]
    fn set_x_from(&self, value: &Handle<'_>) -> HPyResult<()> {
        self.x.set(value.extract()?);
        Ok(())
    }
}

/// `__eq__` answering with an object that is not a bool: `!=` negates its
/// truth value (and raises what its `__bool__` raises).
#[hpy_type]
pub struct Loose {
    value: i64,
}

#[hpy_methods]
impl Loose {
    #[new]
    fn new(value: i64) -> Self {
        Loose { value }
    }

    /// `value - other` for an int (0, false, when equal), else `other`
    /// itself.
    fn __eq__<'ctx>(&self, other: &Handle<'ctx>) -> HPyResult<Handle<'ctx>> {
        match other.extract::<i64>() {
            Ok(number) => (self.value - number).into_hpy(other.ctx()),
            Err(err) => {
                err.clear(other.ctx());
                Ok(other.dup())
            }
        }
    }
}
