// Nor can it smuggle a handle out through its result.
use hpy::prelude::*;

fn smuggle<'ctx>(ctx: Ctx<'ctx>, items: Handle<'ctx>) -> Handle<'ctx> {
    let cell = std::sync::Mutex::new(None);
    ctx.allow_threads(|| *cell.lock().unwrap() = Some(items));
    cell.into_inner().unwrap().unwrap()
}

fn main() {}
