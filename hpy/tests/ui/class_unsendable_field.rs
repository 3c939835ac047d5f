// Python objects move between threads: a class's fields must be `Send`.
use hpy::prelude::*;
use std::rc::Rc;

#[hpy_type]
pub struct Shared {
    data: Rc<String>,
}

fn main() {}
