// An argument is borrowed: it cannot be closed.
use hpy::prelude::*;

#[hpy_function]
fn close_it(obj: &Handle<'_>) {
    obj.close();
}

fn main() {}
