//! Conversions between Rust values and Python objects.
//!
//! | Rust | Python |
//! |---|---|
//! | `i8` … `i128`, `u8` … `u128`, `isize`, `usize` | `int` (out of range: `OverflowError`) |
//! | `f64`, `f32` | `float` (from `int` too) |
//! | `bool` | `bool` |
//! | `&str`, `String`, `char`, `Cow<str>` | `str` (UTF-8; lone surrogates raise `UnicodeEncodeError`) |
//! | `&Path`, `PathBuf` | `str` |
//! | `&[u8]`, `Vec<u8>` | `bytes` |
//! | `()` | `None` |
//! | `Option<T>` | `T` or `None` |
//! | `Vec<T>`, `&[T]`, `[T; N]` | `list` (any sequence but `str` on the way in) |
//! | `(A, B, …)` up to 12 | `tuple` |
//! | `HashMap<K, V>`, `BTreeMap<K, V>` | `dict` |
//! | `Handle`, `&Handle`, `Borrowed` | the object itself |
//!
//! A failed conversion raises `TypeError` ("must be str, not int"),
//! `OverflowError` or `ValueError`; when it converts a function argument the
//! message names the function and the argument.

mod bytes;
mod containers;
mod dict;
mod handles;
pub(crate) mod number;
mod option;
mod path;
pub(crate) mod string;
mod tuple;
mod type_hint;

pub use type_hint::TypeHint;

use crate::{Ctx, HPyResult, Handle};

/// Conversion from a Python object. `'a` is how long the object is
/// borrowed, so that `&'a str` and `&'a [u8]` can point into it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be converted from a Python object",
    label = "an argument of this type needs `FromHPy`",
    note = "take `&Handle<'_>` to receive any object, or implement `hpy::FromHPy` for `{Self}`"
)]
pub trait FromHPy<'a, 'ctx>: Sized {
    /// Converts `obj`, or fails with the Python exception to raise.
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<Self>;

    /// The Python type this conversion accepts, for generated stubs
    /// (`typing.Any` unless the impl says better).
    const TYPE_HINT: TypeHint = TypeHint::Any;

    /// A faster way to make a `Vec<Self>` from `obj`, if there is one:
    /// `Vec<u8>` copies a `bytes` object at once.
    #[doc(hidden)]
    fn vec_fast_path(_obj: &'a Handle<'ctx>) -> Option<HPyResult<Vec<Self>>> {
        None
    }
}

/// A conversion that borrows nothing from the object (everything but
/// `&str`, `&[u8]` and other borrowed views), as container items need.
pub trait FromHPyOwned<'ctx>: for<'a> FromHPy<'a, 'ctx> {}

impl<'ctx, T> FromHPyOwned<'ctx> for T where T: for<'a> FromHPy<'a, 'ctx> {}

/// Conversion into a new Python object.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be converted into a Python object",
    label = "this value needs `IntoHPy`",
    note = "return a `Handle<'_>`, or implement `hpy::IntoHPy` for `{Self}`"
)]
pub trait IntoHPy<'ctx> {
    /// Converts `self` into an owned handle.
    fn into_hpy(self, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>>;

    /// The Python type this conversion gives, for generated stubs
    /// (`typing.Any` unless the impl says better).
    const TYPE_HINT: TypeHint = TypeHint::Any;

    /// Whether a value of this type may convert to `NotImplemented` (a
    /// binary operator then tries the other operand). Types that never do
    /// (numbers, strings, classes) say `false`, which spares their
    /// operators the check.
    #[doc(hidden)]
    const MAY_BE_NOT_IMPLEMENTED: bool = true;

    /// Converts `self` into what an implementation returns to HPy: a new
    /// handle, or `HPy_NULL` with an exception set. Conversions that are a
    /// single HPy call return its result as it is (the generated code then
    /// ends with that call, as C would); only unsafe code can make a
    /// [`RawReturn`](crate::impl_::RawReturn) from a raw handle.
    #[doc(hidden)]
    fn into_raw_result(self, ctx: Ctx<'ctx>) -> HPyResult<crate::impl_::RawReturn<'ctx>>
    where
        Self: Sized,
    {
        Ok(crate::impl_::RawReturn::from_handle(self.into_hpy(ctx)?))
    }

    /// The hint of a `Vec<Self>` or `&[Self]` returned: `list[...]`
    /// (`bytes` for `u8`).
    #[doc(hidden)]
    const VEC_TYPE_HINT: TypeHint = TypeHint::ListOf(&Self::TYPE_HINT);

    /// A `Vec<Self>` as a Python object; `Vec<u8>` overrides it to make `bytes`.
    #[doc(hidden)]
    fn vec_into_hpy(items: Vec<Self>, ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>>
    where
        Self: Sized,
    {
        containers::list_from_iter(ctx, items.len(), items)
    }

    /// A `&[Self]` as a Python object; `&[u8]` overrides it to make `bytes`.
    #[doc(hidden)]
    fn slice_into_hpy(items: &[Self], ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>>
    where
        Self: Sized + Clone,
    {
        containers::list_from_iter(ctx, items.len(), items.iter().cloned())
    }
}
