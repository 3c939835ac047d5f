// ... nor the context: both stay with the thread that holds the interpreter.
use hpy::prelude::*;

fn make(ctx: Ctx<'_>) -> usize {
    ctx.allow_threads(|| ctx.name().len())
}

fn main() {}
