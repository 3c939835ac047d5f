// A context constant is borrowed: closing it is impossible.
use hpy::prelude::*;

fn close_none(ctx: Ctx<'_>) {
    let none: Handle<'_> = *ctx.none();
    none.close();
}

fn main() {}
