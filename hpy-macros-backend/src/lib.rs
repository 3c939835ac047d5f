//! The code generation behind `hpy-macros`, as a plain library so that it
//! can be unit-tested: each entry point takes the attribute's arguments and
//! the item, and returns the expanded code (or a compile error with a span).
//!
//! Three layers, as in serde_derive: [`parse`] reads what the user wrote
//! (one option parser for every macro), [`model`] analyses it once into
//! descriptions (a `Callable` for every function, method, slot and
//! constructor form), [`emit`] writes tokens from the model. `tokens`,
//! `krate` and `errors` are leaves every layer may use.
//!
//! Generated code names everything by absolute path (`::hpy::...`,
//! `::core::...`), so it works whatever the user imports; every macro takes
//! `crate = "..."`, the path of the `hpy` crate when it is not `::hpy`
//! (see [`krate`]).

mod emit;
mod errors;
mod krate;
mod model;
mod parse;
mod tokens;

use proc_macro2::TokenStream;

/// `#[hpy_function]`.
pub fn hpy_function(attr: TokenStream, item: TokenStream) -> TokenStream {
    let result = (|| {
        let options: parse::FunctionOptions = syn::parse2(attr)?;
        let item: syn::ItemFn = syn::parse2(item)?;
        krate::with(options.krate.clone(), || {
            let callable = model::analyze(&options, &item.sig, &item.attrs, model::Place::Module)?;
            emit::function(&callable, &item)
        })
    })();
    result.unwrap_or_else(syn::Error::into_compile_error)
}

/// `#[hpy_module]`.
pub fn hpy_module(attr: TokenStream, item: TokenStream) -> TokenStream {
    let result = (|| {
        let options: parse::ModuleOptions = syn::parse2(attr)?;
        let mut module: syn::ItemMod = syn::parse2(item)?;
        krate::with(options.krate.clone(), || {
            let model = model::analyze_module(options, &mut module)?;
            emit::module(&model, &module)
        })
    })();
    result.unwrap_or_else(syn::Error::into_compile_error)
}

/// `#[hpy_type]`.
pub fn hpy_type(attr: TokenStream, item: TokenStream) -> TokenStream {
    let result = (|| {
        let options: parse::ClassOptions = syn::parse2(attr)?;
        let item: syn::ItemStruct = syn::parse2(item)?;
        krate::with(options.krate.clone(), || emit::class(options, item))
    })();
    result.unwrap_or_else(syn::Error::into_compile_error)
}

/// `#[hpy_methods]`.
pub fn hpy_methods(attr: TokenStream, item: TokenStream) -> TokenStream {
    let result = (|| {
        let options: parse::CrateOption = syn::parse2(attr)?;
        let mut item: syn::ItemImpl = syn::parse2(item)?;
        krate::with(options.krate, || {
            let (block, errors) = model::analyze_block(&mut item)?;
            emit::methods(&block, &item, errors)
        })
    })();
    result.unwrap_or_else(syn::Error::into_compile_error)
}

/// `#[derive(Traverse)]`.
pub fn derive_traverse(item: TokenStream) -> TokenStream {
    let result = (|| {
        let item: syn::DeriveInput = syn::parse2(item)?;
        let options = parse::CrateOption::from_attrs(&item.attrs)?;
        krate::with(options.krate, || emit::traverse(item))
    })();
    result.unwrap_or_else(syn::Error::into_compile_error)
}

/// `#[hpy_exception]`.
pub fn hpy_exception(attr: TokenStream, item: TokenStream) -> TokenStream {
    let result = (|| {
        let options: parse::ExceptionOptions = syn::parse2(attr)?;
        let item = syn::parse2(item)?;
        krate::with(options.krate.clone(), || emit::exception(options, item))
    })();
    result.unwrap_or_else(syn::Error::into_compile_error)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    /// Whether the expansion names the `hpy` crate only through `path`.
    fn only_through(out: &proc_macro2::TokenStream, path: &str) -> bool {
        let text = out.to_string();
        !text.contains(":: hpy ::") && text.contains(&format!("{path} ::"))
    }

    #[test]
    fn every_macro_takes_the_crate_path() {
        let f = super::hpy_function(
            quote!(crate = "renamed"),
            quote!(
                fn f(x: i64) -> i64 {
                    x
                }
            ),
        );
        assert!(only_through(&f, ":: renamed"), "{f}");
        let m = super::hpy_module(
            quote!(crate = "renamed"),
            quote!(
                mod m {}
            ),
        );
        assert!(only_through(&m, ":: renamed"), "{m}");
        let t = super::hpy_type(
            quote!(crate = "crate::reexported::renamed"),
            quote!(
                struct T {
                    x: i64,
                }
            ),
        );
        assert!(only_through(&t, "crate :: reexported :: renamed"), "{t}");
        let methods =
            quote!(impl T { fn get(&self) -> i64 { 1 } fn __repr__(&self) -> String { String::new() } });
        let i = super::hpy_methods(quote!(crate = "renamed"), methods);
        assert!(only_through(&i, ":: renamed"), "{i}");
        let e = super::hpy_exception(
            quote!(crate = "renamed"),
            quote!(
                struct E;
            ),
        );
        assert!(only_through(&e, ":: renamed"), "{e}");
        let d = super::derive_traverse(quote!(
            #[hpy(crate = "renamed")]
            struct D {
                f: Field,
            }
        ));
        assert!(only_through(&d, ":: renamed"), "{d}");
    }

    #[test]
    fn without_the_option_the_path_is_hpy() {
        let f = super::hpy_function(
            quote!(),
            quote!(
                fn f(x: i64) -> i64 {
                    x
                }
            ),
        );
        assert!(f.to_string().contains(":: hpy :: impl_"), "{f}");
    }

    #[test]
    fn the_crate_option_is_given_once() {
        for out in [
            super::hpy_function(
                quote!(crate = "a", crate = "b"),
                quote!(
                    fn f() {}
                ),
            ),
            super::hpy_module(
                quote!(crate = "a", crate = "b"),
                quote!(
                    mod m {}
                ),
            ),
            super::hpy_methods(quote!(crate = "a", crate = "b"), quote!(impl T {})),
            super::derive_traverse(quote!(
                #[hpy(crate = "a", crate = "b")]
                struct D;
            )),
        ] {
            assert!(out.to_string().contains("compile_error"), "{out}");
        }
    }
}
