// A target names its signature as a type: an implementation of another
// signature, a method definition of a slot signature, a slot definition of
// another slot's signature, or a getset of a non-getter target does not
// compile.
use hpy::impl_::{Signature, Target, sig};
use hpy::sys::{HPy, HPyContext, HPyDef};

unsafe extern "C" fn noargs(_ctx: *mut HPyContext, this: HPy) -> HPy {
    this
}

struct WrongImpl;

unsafe impl Target for WrongImpl {
    type Sig = sig::Keywords;
    const IMPL: <Self::Sig as Signature>::Impl = noargs;
}

struct Repr;

unsafe impl Target for Repr {
    type Sig = sig::Reprfunc;
    const IMPL: <Self::Sig as Signature>::Impl = noargs;
}

static REPR_AS_METHOD: HPyDef = hpy::impl_::meth_def::<Repr>(c"repr", None);

static REPR_AS_LEN: HPyDef = hpy::impl_::slot_def::<hpy::impl_::slot::HPy_sq_length, Repr>();

// Accepted: `tp_str` has the repr signature.
static REPR_AS_STR: HPyDef = hpy::impl_::slot_def::<hpy::impl_::slot::HPy_tp_str, Repr>();

static REPR_AS_GETTER: HPyDef = hpy::impl_::getset_def::<Repr, hpy::impl_::NoImpl>(c"repr", None);

fn main() {
    let _ = (&REPR_AS_METHOD, &REPR_AS_LEN, &REPR_AS_STR, &REPR_AS_GETTER);
}
