// A handle cannot be smuggled out of its call through a thread-local.
use hpy::prelude::*;
use std::cell::RefCell;

thread_local! {
    static STASH: RefCell<Vec<Handle<'static>>> = const { RefCell::new(Vec::new()) };
}

#[hpy_function]
fn stash<'ctx>(obj: &Handle<'ctx>) {
    STASH.with(|s| s.borrow_mut().push(obj.dup()));
}

fn main() {}
