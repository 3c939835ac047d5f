// A `Field` stays in the object that holds it: behind interior mutability
// it could be taken out (`replace`, `take`) and moved to another object,
// so such a field is refused, in a class and in a derived `Traverse`.
use hpy::prelude::*;
use std::cell::{Cell, RefCell};

#[hpy_type]
pub struct Movable {
    slot: RefCell<Option<Field>>,
}

#[derive(Traverse)]
pub struct Inner {
    cell: Cell<Option<Field>>,
    lock: std::sync::Mutex<Field>,
}

// `Traverse` promises every `Field` is reported and stays in place:
// implementing it by hand takes `unsafe`.
pub struct Sneaky {
    slot: RefCell<Option<Field>>,
}

impl Traverse for Sneaky {
    fn traverse(&self, visit: &mut Visit<'_>) -> core::ffi::c_int {
        self.slot.borrow().traverse(visit)
    }
}

fn main() {}
