// An argument type must convert from Python; a return type must convert to it.
use hpy::prelude::*;

struct NotConvertible;

#[hpy_function]
fn takes(x: NotConvertible) {}

#[hpy_function]
fn gives() -> NotConvertible {
    NotConvertible
}

fn main() {}
