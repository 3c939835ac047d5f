//! The attribute macros of the `hpy` crate. Use them through `hpy`
//! (`use hpy::prelude::*;`); the code generation lives in
//! `hpy-macros-backend`.

use proc_macro::TokenStream;

/// Makes a Rust function callable from Python, as a module function.
///
/// The parameters are converted from Python with [`FromHPy`]; the result is
/// converted with [`IntoHPy`] and may be a `Result` whose error becomes the
/// raised exception. A `Ctx` parameter receives the context. `///` comments
/// become `__doc__`, and `inspect.signature` works.
///
/// Options: `name = "py_name"`, and `signature = (a, /, b=1, *args, c, **kwargs)`
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
/// the HPy loader needs. Option: `name = "py_name"`.
#[proc_macro_attribute]
pub fn hpy_module(attr: TokenStream, item: TokenStream) -> TokenStream {
    hpy_macros_backend::hpy_module(attr.into(), item.into()).into()
}
