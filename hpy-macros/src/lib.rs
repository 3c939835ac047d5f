//! The attribute macros of the `hpy` crate. Use them through `hpy`
//! (`use hpy::prelude::*;`); the code generation lives in
//! `hpy-macros-backend`. The user guide is [`guide/`](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/introduction.md)
//! in the repository.
//!
//! The generated code names the `hpy` crate `::hpy`. Where the dependency
//! has another name (`my_hpy = { package = "hpy", .. }`) or `hpy` is
//! reached through another crate, give its path to every macro:
//! `#[hpy_function(crate = "my_hpy")]`, `#[hpy_methods(crate = "my_hpy")]`,
//! `#[derive(Traverse)] #[hpy(crate = "my_hpy")]`.

use proc_macro::TokenStream;

/// Makes a Rust function callable from Python, as a module function.
///
/// The parameters are converted from Python with [`FromHPy`]; the result is
/// converted with [`IntoHPy`] and may be a `Result` whose error becomes the
/// raised exception. A `Ctx` parameter receives the context. `///` comments
/// become `__doc__`, and `inspect.signature` works.
///
/// Options: `name = "py_name"`, `crate = "path::to::hpy"`, and `signature = (a, /, b=1, *args, c, **kwargs)`
/// to make parameters positional-only or keyword-only, give defaults, or take
/// `*args` and `**kwargs`. Without a signature every parameter can be given by
/// position or keyword, and trailing `Option` parameters default to `None`.
///
/// The guide: [Functions](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/functions.md) (signatures, `*args` and
/// `**kwargs`, calling conventions), [Conversions](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/conversions.md) and
/// [Errors and panics](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/errors-and-panics.md).
///
/// [`FromHPy`]: ../hpy/conversion/trait.FromHPy.html
/// [`IntoHPy`]: ../hpy/conversion/trait.IntoHPy.html
#[proc_macro_attribute]
pub fn hpy_function(attr: TokenStream, item: TokenStream) -> TokenStream {
    hpy_macros_backend::hpy_function(attr.into(), item.into()).into()
}

/// Makes an inline Rust module a Python module: every `#[hpy_function]`
/// inside it (and every function brought in by `#[hpy(export)] use ..;`)
/// becomes a module function; a function marked `#[hpy(exec)]`, taking
/// `&Module` and returning `HPyResult<()>`, runs when the module is
/// executed. Generates the `HPyModuleDef` and the four exported symbols
/// the HPy loader needs. Options: `name = "py_name"`, `crate = "path::to::hpy"`.
///
/// `static` items of type `Global` declared inside the module are listed in
/// its definition, as HPy requires. The guide:
/// [Getting started](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/getting-started.md),
/// [Functions](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/functions.md#where-functions-live) and
/// [Class-level state and globals](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/class-state.md).
#[proc_macro_attribute]
pub fn hpy_module(attr: TokenStream, item: TokenStream) -> TokenStream {
    hpy_macros_backend::hpy_module(attr.into(), item.into()).into()
}

/// Makes a Rust struct a Python class: the struct lives inside the Python
/// object. Options: `name`, `extends`, `builtin`, `metaclass`, `subclass`,
/// `frozen`, `crate`; field attributes: `#[hpy(get, set)]`, `#[hpy(member)]`.
///
/// The guide: [Classes](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/classes.md#the-type-hpy_type) and
/// [Python objects in classes: Fields and the GC](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/gc-and-fields.md).
#[proc_macro_attribute]
pub fn hpy_type(attr: TokenStream, item: TokenStream) -> TokenStream {
    hpy_macros_backend::hpy_type(attr.into(), item.into()).into()
}

/// The methods of an `#[hpy_type]`: methods, `#[new]`, `#[staticmethod]`,
/// `#[classmethod]`, `#[classattr]`, `#[getter]`/`#[setter]`, and dunder
/// methods that fill the type's slots (`__repr__`, `__add__`, `__len__`, ...).
/// Option: `crate = "path::to::hpy"`.
///
/// The guide: [Methods](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/classes.md#methods-hpy_methods),
/// [Slots](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/classes.md#slots-dunder-methods) and
/// [Class-level state](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/class-state.md).
#[proc_macro_attribute]
pub fn hpy_methods(attr: TokenStream, item: TokenStream) -> TokenStream {
    hpy_macros_backend::hpy_methods(attr.into(), item.into()).into()
}

/// Implements `hpy::class::Traverse` for a struct or enum holding
/// `Field`s, so that it can be a field of a class: each of its fields is
/// reported to the GC if its type implements `Traverse`, and must be
/// `Send` (holding no `Field`) otherwise. Option: `#[hpy(crate = "path::to::hpy")]`.
///
/// The guide: [Fields and the GC](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/gc-and-fields.md).
#[proc_macro_derive(Traverse, attributes(hpy))]
pub fn derive_traverse(item: TokenStream) -> TokenStream {
    hpy_macros_backend::derive_traverse(item.into()).into()
}

/// A Python exception type defined in Rust, on a unit struct:
/// `#[hpy_exception(base = hpy::exceptions::ValueError)] struct MyError;`.
/// Raise it with `MyError::new_err("...")`; add it to a module like a type.
/// Options: `name = "PyName"`, `base = path`, `crate = "path::to::hpy"`.
///
/// The guide: [Exception classes of your own](https://github.com/hpy-rs/hpy-rs/blob/main/guide/src/errors-and-panics.md#exception-classes-of-your-own).
#[proc_macro_attribute]
pub fn hpy_exception(attr: TokenStream, item: TokenStream) -> TokenStream {
    hpy_macros_backend::hpy_exception(attr.into(), item.into()).into()
}
