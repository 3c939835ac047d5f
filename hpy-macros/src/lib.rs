//! The attribute macros of the `hpy` crate. Use them through `hpy`
//! (`use hpy::prelude::*;`); the code generation lives in
//! `hpy-macros-backend`.
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
#[proc_macro_attribute]
pub fn hpy_module(attr: TokenStream, item: TokenStream) -> TokenStream {
    hpy_macros_backend::hpy_module(attr.into(), item.into()).into()
}

/// Makes a Rust struct a Python class: the struct lives inside the Python
/// object. See the `hpy` crate's `class` module for the options
/// (`name`, `extends`, `builtin`, `metaclass`, `subclass`, `frozen`, `crate`) and the
/// field attributes (`#[hpy(get, set)]`, `#[hpy(member)]`).
#[proc_macro_attribute]
pub fn hpy_type(attr: TokenStream, item: TokenStream) -> TokenStream {
    hpy_macros_backend::hpy_type(attr.into(), item.into()).into()
}

/// The methods of an `#[hpy_type]`: methods, `#[new]`, `#[staticmethod]`,
/// `#[classmethod]`, `#[classattr]`, `#[getter]`/`#[setter]`, and dunder
/// methods that fill the type's slots (`__repr__`, `__add__`, `__len__`, ...).
/// Option: `crate = "path::to::hpy"`.
#[proc_macro_attribute]
pub fn hpy_methods(attr: TokenStream, item: TokenStream) -> TokenStream {
    hpy_macros_backend::hpy_methods(attr.into(), item.into()).into()
}

/// Implements `hpy::class::Traverse` for a struct or enum holding
/// `Field`s, so that it can be a field of a class: each of its fields is
/// reported to the GC if its type implements `Traverse`, and must be
/// `Send` (holding no `Field`) otherwise. Option: `#[hpy(crate = "path::to::hpy")]`.
#[proc_macro_derive(Traverse, attributes(hpy))]
pub fn derive_traverse(item: TokenStream) -> TokenStream {
    hpy_macros_backend::derive_traverse(item.into()).into()
}

/// A Python exception type defined in Rust, on a unit struct:
/// `#[hpy_exception(base = hpy::exceptions::ValueError)] struct MyError;`.
/// Raise it with `MyError::new_err("...")`; add it to a module like a type.
/// Options: `name = "PyName"`, `base = path`, `crate = "path::to::hpy"`.
#[proc_macro_attribute]
pub fn hpy_exception(attr: TokenStream, item: TokenStream) -> TokenStream {
    hpy_macros_backend::hpy_exception(attr.into(), item.into()).into()
}
