//! The two constructor patterns that let a Python subclass define its own
//! `__init__` (a class with a plain `#[new]`, such as `Vec2`, is built in
//! `__new__`: a subclass's `__init__` must accept the same arguments).

use hpy::prelude::*;
use std::cell::Cell;

/// `#[new]` taking `*args, **kwargs` (so it accepts whatever a subclass's
/// constructor receives), plus a Rust `__init__` with the real signature.
#[hpy_type(subclass)]
pub struct Flexible {
    #[hpy(get)]
    x: Cell<f64>,
    #[hpy(get)]
    y: Cell<f64>,
}

#[hpy_methods]
impl Flexible {
    #[new]
    #[hpy(signature = (*_args, **_kwargs))]
    fn new(_args: &Handle<'_>, _kwargs: Option<&Handle<'_>>) -> Self {
        Flexible { x: Cell::new(0.0), y: Cell::new(0.0) }
    }

    fn __init__(&self, x: f64, y: f64) {
        self.x.set(x);
        self.y.set(y);
    }
}

/// `#[init]`: the constructor runs as `__init__` on the `Default` value.
#[hpy_type(subclass)]
#[derive(Default)]
pub struct Vec3 {
    #[hpy(get)]
    x: f64,
    #[hpy(get)]
    y: f64,
    /// A member Python writes directly.
    #[hpy(member)]
    z: Cell<f64>,
}

#[hpy_methods]
impl Vec3 {
    #[init]
    #[hpy(signature = (x, y, z = 0.0))]
    fn new(x: f64, y: f64, z: f64) -> HPyResult<Self> {
        if x.is_nan() || y.is_nan() || z.is_nan() {
            return Err(hpy::exceptions::ValueError::new_err("NaN coordinate"));
        }
        Ok(Vec3 { x, y, z: Cell::new(z) })
    }

    fn norm(&self) -> f64 {
        (self.x * self.x + self.y * self.y + self.z.get() * self.z.get()).sqrt()
    }
}

/// `#[init]` on a class holding a `Field`: running `__init__` again
/// releases what the old value held.
#[hpy_type]
#[derive(Default)]
pub struct Holder {
    item: Field,
}

#[hpy_methods]
impl Holder {
    #[init]
    fn new() -> Self {
        Holder::default()
    }

    fn hold(slf: &Instance<'_, Self>, item: &Handle<'_>) -> HPyResult<()> {
        slf.borrow()?.item.store(slf, Some(item));
        Ok(())
    }

    fn held<'ctx>(slf: &Instance<'ctx, Self>) -> HPyResult<Option<Handle<'ctx>>> {
        Ok(slf.borrow()?.item.load(slf))
    }

    /// Calls `f()` while the value is borrowed.
    fn while_reading<'ctx>(&self, f: &Handle<'ctx>) -> HPyResult<Handle<'ctx>> {
        f.call(())
    }
}
