// Keyword arguments hand raw handles to HPy too: the trait is sealed.
use hpy::prelude::*;
use hpy::sys::HPy;

struct Forged;

impl<'ctx> hpy::IntoKwargs<'ctx> for Forged {
    fn with_kwargs<R>(self, _ctx: Ctx<'ctx>, f: impl FnOnce(&[HPy], HPy) -> R) -> HPyResult<R> {
        Ok(f(&[HPy { _i: 0xdead }], HPy { _i: 0xbeef }))
    }
}

fn main() {}
