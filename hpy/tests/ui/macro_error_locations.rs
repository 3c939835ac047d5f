// Every macro error points at the offending parameter or type: a method's
// first parameter that is not a receiver, a return type that does not
// convert, an operand that does not convert, a constructor's error type.
use hpy::prelude::*;

struct NotConvertible;

#[hpy_type]
pub struct Point {
    x: i64,
}

#[hpy_methods]
impl Point {
    fn no_receiver(x: i64) -> i64 {
        x
    }

    fn gives(&self) -> NotConvertible {
        NotConvertible
    }

    fn __add__(&self, other: NotConvertible) -> i64 {
        let _ = other;
        self.x
    }
}

#[hpy_type]
pub struct Made {
    x: i64,
}

#[hpy_methods]
impl Made {
    #[new]
    fn new(x: i64) -> Result<Self, NotConvertible> {
        Ok(Made { x })
    }
}

fn main() {}
