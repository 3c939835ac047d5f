// A class owns its data: a struct that borrows cannot become a Python type.
use hpy::prelude::*;

#[hpy_type]
pub struct View<'a> {
    text: &'a str,
}

fn main() {}
