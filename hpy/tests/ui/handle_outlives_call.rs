// A handle cannot outlive the call: it cannot be returned with a longer
// lifetime than its context.
use hpy::prelude::*;

fn escape<'ctx>(ctx: Ctx<'ctx>) -> Handle<'static> {
    ctx.none().to_owned()
}

fn main() {}
