//! `list` <-> `Vec<T>`, `&[T]`, `[T; N]`.

use super::{FromHPy, FromHPyOwned, IntoHPy};
use crate::object::special::find_in_mro;
use crate::{Ctx, HPyErr, HPyResult, Handle, ListBuilder};

/// A list of `len` items converted from `items`.
pub(super) fn list_from_iter<'ctx, T: IntoHPy<'ctx>>(
    ctx: Ctx<'ctx>,
    len: usize,
    items: impl IntoIterator<Item = T>,
) -> HPyResult<Handle<'ctx>> {
    let mut builder = ListBuilder::new(ctx, len)?;
    for item in items {
        builder.push_owned(item.into_hpy(ctx)?);
    }
    builder.build()
}

/// A list, a tuple, or another sequence (an object with `__len__` and
/// `__getitem__` by index), item by item. `str`, `bytes` and `dict` are
/// refused: they have a length and items, but converting them to a vector
/// is almost always a mistake; so are objects whose type has no
/// `__getitem__` (`set`, `frozenset`, dict views), which have a length but
/// no items by index. The types are checked through HPy and the type's MRO,
/// never through the builtins namespace, which Python code can change.
pub(super) fn sequence_to_vec<'ctx, T: FromHPyOwned<'ctx>>(obj: &Handle<'ctx>) -> HPyResult<Vec<T>> {
    let ctx = obj.ctx();
    let raw = ctx.as_raw();
    // SAFETY: `obj` is open in `ctx`.
    let list_or_tuple = unsafe {
        hpy_sys::HPyList_Check(raw, obj.as_raw()) != 0 || hpy_sys::HPyTuple_Check(raw, obj.as_raw()) != 0
    };
    if !list_or_tuple {
        // SAFETY: as above.
        let refused = unsafe {
            hpy_sys::HPyUnicode_Check(raw, obj.as_raw()) != 0
                || hpy_sys::HPyBytes_Check(raw, obj.as_raw()) != 0
                || hpy_sys::HPyDict_Check(raw, obj.as_raw()) != 0
        };
        if refused || find_in_mro(&obj.get_type(), "__getitem__")?.is_none() {
            return Err(HPyErr::wrong_type(obj, "a sequence"));
        }
    }
    // SAFETY: as above; -1 means `len()` raised.
    let len = unsafe { hpy_sys::HPy_Length(raw, obj.as_raw()) };
    if len < 0 {
        let err = HPyErr::fetch();
        if err.is::<crate::exceptions::TypeError>(ctx) {
            err.clear(ctx);
            return Err(HPyErr::wrong_type(obj, "a sequence"));
        }
        return Err(err);
    }
    // `__len__` is not trusted with the allocation size.
    let mut out = Vec::with_capacity((len as usize).min(4096));
    for index in 0..len {
        // SAFETY: `obj` is open; GetItem_i returns a new handle or raises.
        let item = unsafe { ctx.wrap(hpy_sys::HPy_GetItem_i(raw, obj.as_raw(), index)) }?;
        out.push(T::from_hpy(&item).map_err(|e| e.in_item(format_args!("item {index}")))?);
    }
    Ok(out)
}

impl<'a, 'ctx, T: FromHPyOwned<'ctx>> FromHPy<'a, 'ctx> for Vec<T> {
    const TYPE_HINT: crate::conversion::TypeHint =
        crate::conversion::TypeHint::SequenceOf(&<T as FromHPy<'a, 'ctx>>::TYPE_HINT);

    /// From any sequence but `str` (and, for `Vec<u8>`, from `bytes`).
    #[inline]
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<Vec<T>> {
        match <T as FromHPy<'a, 'ctx>>::vec_fast_path(obj) {
            Some(done) => done,
            None => sequence_to_vec(obj),
        }
    }
}

impl<'ctx, T: IntoHPy<'ctx>> IntoHPy<'ctx> for Vec<T> {
    const TYPE_HINT: crate::conversion::TypeHint = T::VEC_TYPE_HINT;

    /// A `list` (`bytes` for `Vec<u8>`).
    #[inline]
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        T::vec_into_hpy(self, ctx)
    }
}

impl<'ctx, T: IntoHPy<'ctx> + Clone> IntoHPy<'ctx> for &[T] {
    const TYPE_HINT: crate::conversion::TypeHint = T::VEC_TYPE_HINT;

    /// A `list` (`bytes` for `&[u8]`).
    #[inline]
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        T::slice_into_hpy(self, ctx)
    }
}

impl<'ctx, T: IntoHPy<'ctx>, const N: usize> IntoHPy<'ctx> for [T; N] {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::ListOf(&T::TYPE_HINT);

    /// A `list`.
    #[inline]
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        list_from_iter(ctx, N, self)
    }
}

impl<'a, 'ctx, T: FromHPyOwned<'ctx>, const N: usize> FromHPy<'a, 'ctx> for [T; N] {
    const TYPE_HINT: crate::conversion::TypeHint =
        crate::conversion::TypeHint::SequenceOf(&<T as FromHPy<'a, 'ctx>>::TYPE_HINT);

    /// From a sequence of exactly `N` items.
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<[T; N]> {
        let items: Vec<T> = sequence_to_vec(obj)?;
        let len = items.len();
        items.try_into().map_err(|_| {
            HPyErr::conversion(
                <crate::exceptions::ValueError as crate::exceptions::ExceptionType>::exc_type(),
                format!("must have {N} items, not {len}"),
            )
        })
    }
}

impl HPyErr {
    /// Places a conversion failure inside a container: "item 3 must be int,
    /// not str". Other errors are returned unchanged.
    pub fn in_item(self, item: core::fmt::Arguments<'_>) -> HPyErr {
        match (self.exc_type(), self.message()) {
            (Some(ty), Some(msg)) if self.is_conversion() => {
                HPyErr::conversion(ty, format!("{item} {}", msg.strip_prefix("value ").unwrap_or(&msg)))
            }
            _ => self,
        }
    }
}
