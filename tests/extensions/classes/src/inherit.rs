//! Inheritance: a Rust class deriving from a Rust class, classes deriving
//! from builtin types through their shapes (the metaclass test is the
//! `metaclass` extension).

use hpy::prelude::*;
use std::cell::Cell;

/// An animal.
#[hpy_type(subclass)]
pub struct Animal {
    name: String,
}

#[hpy_methods]
impl Animal {
    #[new]
    fn new(name: String) -> Self {
        Animal { name }
    }

    fn name(&self) -> String {
        self.name.clone()
    }

    fn speak(&self) -> String {
        format!("{} makes a sound", self.name)
    }
}

/// A dog: an animal with tricks.
#[hpy_type(extends = Animal, subclass)]
pub struct Dog {
    #[hpy(get)]
    tricks: u32,
}

#[hpy_methods]
impl Dog {
    #[new]
    fn new(name: String, tricks: u32) -> (Self, Animal) {
        (Dog { tricks }, Animal::new(name))
    }

    fn speak(&self) -> String {
        format!("woof ({} tricks)", self.tricks)
    }
}

/// A temperature: a float with a unit.
#[hpy_type(builtin = float)]
pub struct Celsius {
    unit: &'static str,
}

#[hpy_methods]
impl Celsius {
    #[new]
    fn new(degrees: f64) -> (Self, (f64,)) {
        (Celsius { unit: "°C" }, (degrees,))
    }

    fn fahrenheit(slf: &Instance<'_, Self>) -> HPyResult<f64> {
        let degrees: f64 = slf.extract()?;
        Ok(degrees * 9.0 / 5.0 + 32.0)
    }

    fn unit(&self) -> &'static str {
        self.unit
    }
}

/// An int with a tag (an `int` keeps its digits where HPy places the
/// payload: this class's payload is detached).
#[hpy_type(builtin = int, subclass)]
pub struct TaggedInt {
    #[hpy(get)]
    tag: String,
}

#[hpy_methods]
impl TaggedInt {
    #[new]
    fn new<'ctx>(value: &Handle<'ctx>, tag: String) -> (Self, (Handle<'ctx>,)) {
        (TaggedInt { tag }, (value.dup(),))
    }
}

/// A tagged int that also counts: a Rust class on a detached base.
#[hpy_type(extends = TaggedInt)]
pub struct CountedInt {
    #[hpy(get)]
    count: u32,
}

#[hpy_methods]
impl CountedInt {
    #[new]
    fn new<'ctx>(value: &Handle<'ctx>, count: u32) -> (Self, (TaggedInt, (Handle<'ctx>,))) {
        let tag = format!("counted {count}");
        (CountedInt { count }, TaggedInt::new(value, tag))
    }
}

/// A str with a language.
#[hpy_type(builtin = str)]
pub struct Text {
    #[hpy(get)]
    language: String,
}

#[hpy_methods]
impl Text {
    #[new]
    fn new(text: String, language: String) -> (Self, (String,)) {
        (Text { language }, (text,))
    }
}

/// A list that counts its pushes.
#[hpy_type(builtin = list)]
pub struct Stack {
    pushes: Cell<u32>,
}

#[hpy_methods]
impl Stack {
    #[new]
    #[hpy(signature = (items = None))]
    fn new(items: Option<Vec<i64>>) -> (Self, (Vec<i64>,)) {
        (Stack { pushes: Cell::new(0) }, (items.unwrap_or_default(),))
    }

    fn push(slf: &Instance<'_, Self>, item: &Handle<'_>) -> HPyResult<()> {
        slf.call_method("append", (item,))?;
        let this = slf.borrow()?;
        this.pushes.set(this.pushes.get() + 1);
        Ok(())
    }

    fn pushes(&self) -> u32 {
        self.pushes.get()
    }
}

/// A tuple of two items with a sum.
#[hpy_type(builtin = tuple)]
pub struct Pair {
    total: i64,
}

#[hpy_methods]
impl Pair {
    #[new]
    fn new(a: i64, b: i64) -> (Self, ((i64, i64),)) {
        (Pair { total: a + b }, ((a, b),))
    }

    fn total(&self) -> i64 {
        self.total
    }
}
