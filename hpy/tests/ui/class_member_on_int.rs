// A class on int or tuple keeps its data outside the object: no members.
use hpy::prelude::*;
use std::cell::Cell;

#[hpy_type(builtin = int)]
pub struct Tagged {
    #[hpy(member)]
    tag: Cell<i64>,
}

fn main() {}
