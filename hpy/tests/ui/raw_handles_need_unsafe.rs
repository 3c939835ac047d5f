// Safe code cannot take a raw handle out of the safe types (and leak it),
// nor call the generated code's helpers that hand out raw handles, nor
// fabricate what an implementation returns to HPy.
use hpy::impl_::{IntoReturn, RawReturn};
use hpy::prelude::*;

#[hpy_function]
fn leaks(ctx: Ctx<'_>) -> i64 {
    let _ = ctx.none().to_owned().into_raw();
    let _ = hpy::impl_::not_implemented(ctx);
    let _ = IntoReturn::into_return(1_i64, ctx);
    // A `RawReturn` closes its handle when dropped: this one is harmless.
    let _ = 2_i64.into_raw_result(ctx);
    0
}

struct Forged;

impl<'ctx> IntoHPy<'ctx> for Forged {
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        Ok(ctx.none().to_owned())
    }

    fn into_raw_result(self, ctx: Ctx<'ctx>) -> HPyResult<RawReturn<'ctx>> {
        Ok(RawReturn::from_raw(ctx, hpy::sys::HPy { _i: 12345 }))
    }
}

fn main() {}
