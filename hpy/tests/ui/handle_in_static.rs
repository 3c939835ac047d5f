// A handle cannot be kept in a static: it only lives for its call.
use hpy::prelude::*;
use std::sync::Mutex;

static KEPT: Mutex<Option<Handle<'static>>> = Mutex::new(None);

#[hpy_function]
fn keep(obj: &Handle<'_>) {
    *KEPT.lock().unwrap() = Some(obj.dup());
}

fn main() {}
