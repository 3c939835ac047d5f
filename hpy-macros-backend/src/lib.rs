//! The code generation behind `hpy-macros`, as a plain library so that it
//! can be unit-tested: each entry point takes the attribute's arguments and
//! the item, and returns the expanded code (or a compile error with a span).
//!
//! Generated code names everything by absolute path (`::hpy::...`,
//! `::core::...`), so it works whatever the user imports.

mod docs;
mod function;
mod module;
mod options;
mod signature;

use proc_macro2::TokenStream;

/// `#[hpy_function]`.
pub fn hpy_function(attr: TokenStream, item: TokenStream) -> TokenStream {
    let result = (|| {
        let options: options::FunctionOptions = syn::parse2(attr)?;
        let item: syn::ItemFn = syn::parse2(item)?;
        let spec = function::analyze(options, &item)?;
        function::generate(&spec, &item)
    })();
    result.unwrap_or_else(syn::Error::into_compile_error)
}

/// `#[hpy_module]`.
pub fn hpy_module(attr: TokenStream, item: TokenStream) -> TokenStream {
    let result = (|| {
        let options: options::ModuleOptions = syn::parse2(attr)?;
        let mut module: syn::ItemMod = syn::parse2(item)?;
        let spec = module::analyze(options, &mut module)?;
        module::generate(&spec, &module)
    })();
    result.unwrap_or_else(syn::Error::into_compile_error)
}
