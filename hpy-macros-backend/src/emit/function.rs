//! `#[hpy_function]`, and the implementation of every callable with a
//! calling convention (module function, method, static and class method,
//! `__call__`).
//!
//! Beside a module function, the macro emits an empty `struct` of the same
//! name (types and functions live in different namespaces, so both can be
//! named and imported together) that implements `ModuleItem` with the
//! function's `HPyDef`; the implementation, the CPython trampoline's target
//! and the argument description sit in an anonymous `const` block.

use super::call::{call_parts, into_return};
use super::convention::{Source, convention_parts, description, shelled_impl};
use crate::model::{Callable, docstring, text_signature};
use crate::tokens::{c_literal, local};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Ident, ItemFn, Type};

/// The implementation of a callable with a convention (module function,
/// method, static or class method): its target type `<name>_Target`
/// (carrying the body, run by the library's shell of the convention's
/// signature), and its signature constant.
pub fn method_impl(
    spec: &Callable,
    name: &Ident,
    callee: TokenStream,
    self_ty: Option<&Type>,
) -> (TokenStream, Ident, Ident) {
    let result = local("__hpy_result");
    let (raw_params, parse, erase, sig_const) = convention_parts(spec, Source::Convention);
    let (convert, call) = call_parts(spec, callee, self_ty);
    let ret = into_return(spec, quote!(#result));
    let target = format_ident!("{}_Target", name);
    let tokens = shelled_impl(
        &target,
        super::target::sig_type(&erase.to_string()),
        &raw_params,
        &description(spec),
        None,
        quote! {
            #parse
            #convert
            let #result = #call;
            #ret
        },
    );
    (tokens, target, sig_const)
}

/// `#[hpy_function]`.
pub fn generate(spec: &Callable, item: &ItemFn) -> syn::Result<TokenStream> {
    let hpy = crate::krate::hpy();
    let rust_name = &spec.rust_name;
    let vis = &item.vis;
    let stub = super::stub_records::function(spec);
    let (implementation, target, _) =
        method_impl(spec, &format_ident!("__hpy_impl"), quote!(#rust_name), None);
    let name = c_literal(&spec.python_name, rust_name.span())?;
    let doc = docstring(&text_signature(&spec.python_name, "$module", &spec.params), &spec.docs);
    let doc = c_literal(&doc, rust_name.span())?;
    let marker_doc = format!(
        "The Python function `{}`, for `#[hpy_module]` (`#[hpy(export)] use` it with the function).",
        spec.python_name
    );
    Ok(quote! {
        #item

        #[doc = #marker_doc]
        #[allow(non_camel_case_types)]
        #vis struct #rust_name {}

        #[allow(non_snake_case, non_camel_case_types, clippy::undocumented_unsafe_blocks)]
        const _: () = {
            #implementation

            static __HPY_DEF: #hpy::sys::HPyDef =
                #hpy::impl_::meth_def::<#target>(#name, ::core::option::Option::Some(#doc));

            // SAFETY: `__HPY_DEF` is a method definition built by `meth_def`.
            unsafe impl #hpy::impl_::ModuleItem for #rust_name {
                #stub
                fn defs(list: &mut ::std::vec::Vec<&'static #hpy::sys::HPyDef>) {
                    list.push(&__HPY_DEF);
                }
            }
        };
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn generates_a_marker_struct_with_the_def() {
        let item: ItemFn = parse_quote! {
            /// Greets.
            fn greet(ctx: Ctx<'_>, name: &str, greeting: Option<&str>) -> String { todo!() }
        };
        let tokens = crate::hpy_function(quote!(), quote!(#item)).to_string();
        assert!(tokens.contains("struct greet { }"), "{tokens}");
        assert!(tokens.contains("impl :: hpy :: impl_ :: ModuleItem for greet"));
        assert!(tokens.contains("type Sig = :: hpy :: impl_ :: sig :: Keywords"), "{tokens}");
        assert!(tokens.contains(r#"c"greet($module, /, name, greeting=None)\n--\n\nGreets.""#), "{tokens}");
    }
}
