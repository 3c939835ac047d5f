// Code that runs outside Python execution cannot touch a handle...
use hpy::prelude::*;

fn sum(ctx: Ctx<'_>, items: &Handle<'_>) -> usize {
    ctx.allow_threads(|| items.len().unwrap_or(0))
}

fn main() {}
