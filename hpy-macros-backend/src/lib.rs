//! The code generation behind `hpy-macros`, as a plain library so that it
//! can be unit-tested: each entry point takes the attribute's arguments and
//! the item, and returns the expanded code (or a compile error with a span).
//!
//! Generated code names everything by absolute path (`::hpy::...`,
//! `::core::...`), so it works whatever the user imports.

mod class;
mod constructor;
mod docs;
mod errors;
mod exception;
mod function;
mod methods;
mod module;
mod options;
mod signature;
mod slots;
mod traverse;

use proc_macro2::TokenStream;

/// `#[hpy_function]`.
pub fn hpy_function(attr: TokenStream, item: TokenStream) -> TokenStream {
    let result = (|| {
        let options: options::FunctionOptions = syn::parse2(attr)?;
        let item: syn::ItemFn = syn::parse2(item)?;
        function::generate(&options, &item)
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

/// `#[hpy_type]`.
pub fn hpy_type(attr: TokenStream, item: TokenStream) -> TokenStream {
    let result = (|| {
        let options: class::ClassOptions = syn::parse2(attr)?;
        let item: syn::ItemStruct = syn::parse2(item)?;
        class::generate(options, item)
    })();
    result.unwrap_or_else(syn::Error::into_compile_error)
}

/// `#[hpy_methods]`.
pub fn hpy_methods(attr: TokenStream, item: TokenStream) -> TokenStream {
    let result = (|| {
        if !attr.is_empty() {
            return Err(syn::Error::new_spanned(attr, "#[hpy_methods] takes no options"));
        }
        methods::generate(syn::parse2(item)?)
    })();
    result.unwrap_or_else(syn::Error::into_compile_error)
}

/// `#[derive(Traverse)]`.
pub fn derive_traverse(item: TokenStream) -> TokenStream {
    syn::parse2(item).and_then(traverse::derive).unwrap_or_else(syn::Error::into_compile_error)
}

/// `#[hpy_exception]`.
pub fn hpy_exception(attr: TokenStream, item: TokenStream) -> TokenStream {
    let result = (|| {
        let options: exception::ExceptionOptions = syn::parse2(attr)?;
        exception::generate(options, syn::parse2(item)?)
    })();
    result.unwrap_or_else(syn::Error::into_compile_error)
}
