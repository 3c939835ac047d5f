//! A frozen class with plain members, members of every number type, and a
//! counter for borrow conflicts and `__init__`.

use hpy::prelude::*;
use std::cell::Cell;

/// An immutable value.
#[hpy_type(frozen)]
pub struct Constant {
    #[hpy(member, readonly)]
    value: i64,
    #[hpy(get)]
    name: String,
}

#[hpy_methods]
impl Constant {
    #[new]
    fn new(name: String, value: i64) -> Self {
        Constant { value, name }
    }

    fn describe(&self) -> String {
        format!("{} = {}", self.name, self.value)
    }
}

/// Members of every number type.
#[hpy_type]
#[derive(Default)]
pub struct Members {
    #[hpy(member)]
    i8_: Cell<i8>,
    #[hpy(member)]
    u8_: Cell<u8>,
    #[hpy(member)]
    i16_: Cell<i16>,
    #[hpy(member)]
    u16_: Cell<u16>,
    #[hpy(member)]
    i32_: Cell<i32>,
    #[hpy(member)]
    u32_: Cell<u32>,
    #[hpy(member)]
    i64_: Cell<i64>,
    #[hpy(member)]
    u64_: Cell<u64>,
    #[hpy(member)]
    isize_: Cell<isize>,
    #[hpy(member)]
    usize_: Cell<usize>,
    #[hpy(member)]
    f32_: Cell<f32>,
    #[hpy(member)]
    f64_: Cell<f64>,
    #[hpy(member)]
    flag: Cell<bool>,
    #[hpy(member, readonly)]
    fixed: Cell<i64>,
}

#[hpy_methods]
impl Members {
    #[new]
    fn new() -> Self {
        Members { fixed: Cell::new(7), ..Default::default() }
    }

    /// The members as Rust sees them.
    fn snapshot(&self) -> (i64, u64, f64, bool) {
        (self.i64_.get(), self.u64_.get(), self.f64_.get(), self.flag.get())
    }
}

/// A counter with an `__init__`, for borrow conflicts.
#[hpy_type(subclass)]
pub struct Counter {
    pub count: i64,
}

#[hpy_methods]
impl Counter {
    #[new]
    #[hpy(signature = (*_args, **_kwargs))]
    fn new(_args: &Handle<'_>, _kwargs: Option<&Handle<'_>>) -> Self {
        Counter { count: 0 }
    }

    #[hpy(signature = (start = 0))]
    fn __init__(&mut self, start: i64) {
        self.count = start;
    }

    fn increment(&mut self) -> i64 {
        self.count += 1;
        self.count
    }

    #[getter]
    fn count(&self) -> i64 {
        self.count
    }

    #[setter]
    fn set_count(&mut self, value: i64) {
        self.count = value;
    }

    /// Calls `f()` while holding `&mut self`.
    fn while_mutating<'ctx>(&mut self, f: &Handle<'ctx>) -> HPyResult<Handle<'ctx>> {
        self.count += 100;
        f.call(())
    }

    /// Calls `f()` while holding `&self`.
    fn while_reading<'ctx>(&self, f: &Handle<'ctx>) -> HPyResult<Handle<'ctx>> {
        f.call(())
    }
}

/// A ticket: Python cannot create one (no `#[new]`); `issue_ticket` does.
#[hpy_type]
pub struct Ticket {
    #[hpy(get)]
    number: u32,
}

impl Ticket {
    /// Ticket number `number`.
    pub fn issue(number: u32) -> Self {
        Ticket { number }
    }
}

/// A version number: `__str__` and the comparisons `Number` does not
/// define (`<=`, `>`, `>=`, `!=`); `==` and `<` are left to Python.
#[hpy_type]
pub struct Version {
    major: u32,
    minor: u32,
}

#[hpy_methods]
impl Version {
    #[new]
    fn new(major: u32, minor: u32) -> Self {
        Version { major, minor }
    }

    fn __str__(&self) -> String {
        format!("{}.{}", self.major, self.minor)
    }

    fn __le__(&self, other: &Version) -> bool {
        (self.major, self.minor) <= (other.major, other.minor)
    }

    fn __gt__(&self, other: &Version) -> bool {
        (self.major, self.minor) > (other.major, other.minor)
    }

    fn __ge__(&self, other: &Version) -> bool {
        (self.major, self.minor) >= (other.major, other.minor)
    }

    fn __ne__(&self, other: &Version) -> bool {
        (self.major, self.minor) != (other.major, other.minor)
    }
}
