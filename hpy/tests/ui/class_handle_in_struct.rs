// A handle is valid for one call: a class keeps objects in a `Field`.
use hpy::prelude::*;

#[hpy_type]
pub struct Cache {
    last: Option<Handle<'static>>,
}

#[hpy_type]
pub struct Pair {
    items: (u32, Borrowed<'static, 'static>),
}

fn main() {}
