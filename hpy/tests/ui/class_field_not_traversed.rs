// Fields the GC cannot see are refused: a type holding `Field`s must say
// how to traverse them.
use hpy::prelude::*;

pub struct Children {
    pub first: Field,
}

#[hpy_type]
pub struct Parent {
    children: Option<(Field, Children)>,
}

fn main() {}
