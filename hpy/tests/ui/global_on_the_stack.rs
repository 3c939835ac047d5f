// A Global is only usable from a static.
use hpy::prelude::*;

fn local(obj: &Handle<'_>) {
    let global = hpy::Global::new();
    global.store(obj);
}

fn main() {}
