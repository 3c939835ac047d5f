// Safe code cannot hand HPy a handle it made up: the trait that yields raw
// argument handles is sealed, and the runtime's traits are unsafe to implement.
use hpy::prelude::*;
use hpy::sys::HPy;

struct Forged;

impl<'ctx> hpy::IntoArgs<'ctx> for Forged {
    fn with_args<R>(self, _ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy]) -> R) -> HPyResult<R> {
        Ok(f(&[HPy { _i: 0xdead }]))
    }
}

struct Constant;

impl<'ctx> hpy::impl_::IntoReturn<'ctx> for Constant {
    fn into_return(self, ctx: Ctx<'ctx>) -> HPyResult<HPy> {
        Ok(ctx.none().as_raw())
    }
}

fn main() {}
