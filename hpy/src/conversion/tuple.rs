//! `tuple` <-> Rust tuples of 1 to 12 items.

use super::{FromHPy, FromHPyOwned, IntoHPy};
use crate::exceptions::{ExceptionType, ValueError};
use crate::{Ctx, HPyErr, HPyResult, Handle};

/// The length of a tuple, or the conversion error for a non-tuple.
fn tuple_len(obj: &Handle<'_>) -> HPyResult<isize> {
    let ctx = obj.ctx().as_raw();
    // SAFETY: `obj` is open in its context.
    unsafe {
        if hpy_sys::HPyTuple_Check(ctx, obj.as_raw()) == 0 {
            return Err(HPyErr::wrong_type(obj, "tuple"));
        }
        Ok(hpy_sys::HPy_Length(ctx, obj.as_raw()))
    }
}

fn item<'ctx>(obj: &Handle<'ctx>, index: isize) -> HPyResult<Handle<'ctx>> {
    let ctx = obj.ctx();
    // SAFETY: `obj` is a tuple open in `ctx` and `index` is in bounds.
    unsafe { ctx.wrap(hpy_sys::HPy_GetItem_i(ctx.as_raw(), obj.as_raw(), index)) }
}

macro_rules! tuple_impls {
    ($($len:literal => ($($t:ident $i:tt),+);)*) => {$(
        impl<'a, 'ctx, $($t: FromHPyOwned<'ctx>),+> FromHPy<'a, 'ctx> for ($($t,)+) {
            const TYPE_HINT: crate::conversion::TypeHint =
                crate::conversion::TypeHint::TupleOf(&[$(<$t as FromHPy<'a, 'ctx>>::TYPE_HINT),+]);

            /// From a `tuple` of exactly this length.
            fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<Self> {
                let len = tuple_len(obj)?;
                if len != $len {
                    return Err(HPyErr::conversion(
                        ValueError::exc_type(),
                        format!("must be a tuple of length {}, not {}", $len, len),
                    ));
                }
                Ok(($(
                    $t::from_hpy(&item(obj, $i)?).map_err(|e| e.in_item(format_args!("item {}", $i)))?,
                )+))
            }
        }

        impl<'ctx, $($t: IntoHPy<'ctx>),+> IntoHPy<'ctx> for ($($t,)+) {
            const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::TupleOf(&[$($t::TYPE_HINT),+]);

            /// A `tuple`.
            fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
                let items = ($(self.$i.into_hpy(ctx)?,)+);
                let mut raw = [$(items.$i.as_raw()),+];
                // SAFETY: every item is open in `ctx`; FromArray takes new references.
                unsafe { ctx.wrap(hpy_sys::HPyTuple_FromArray(ctx.as_raw(), raw.as_mut_ptr(), $len)) }
            }
        }
    )*};
}

tuple_impls! {
    1 => (A 0);
    2 => (A 0, B 1);
    3 => (A 0, B 1, C 2);
    4 => (A 0, B 1, C 2, D 3);
    5 => (A 0, B 1, C 2, D 3, E 4);
    6 => (A 0, B 1, C 2, D 3, E 4, F 5);
    7 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6);
    8 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
    9 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
    10 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
    11 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
    12 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);
}
