// A `Field` the GC cannot see is refused, whatever the type holding it is
// called: a type holding a `Field` is not `Send`, so a class's field must
// then implement `Traverse`.
use hpy::prelude::*;

pub struct Hidden {
    pub f: Field,
}

#[hpy_type]
pub struct Owner {
    hidden: Hidden,
}

// Nor can it hide behind a `Box` or in a `Vec` (outside the object).
#[hpy_type]
pub struct Boxed {
    children: Vec<Field>,
    one: Box<Field>,
}

fn main() {}
