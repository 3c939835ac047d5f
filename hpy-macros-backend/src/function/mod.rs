//! Callables: `#[hpy_function]`, and the methods of `#[hpy_methods]` that
//! take Python arguments (methods, static and class methods, constructors,
//! `__init__`, `__call__`).
//!
//! Beside a module function, the macro emits an empty `struct` of the same
//! name (types and functions live in different namespaces, so both can be
//! named and imported together) that implements `ModuleItem` with the
//! function's `HPyDef`; the implementation, the CPython trampoline's target
//! and the argument description sit in an anonymous `const` block.

use crate::docs::{doc_text, docstring, text_signature};
use crate::options::FunctionOptions;
use crate::signature::{self, Kind, Param, RustParam};
use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use std::ffi::CString;
use syn::spanned::Spanned;
use syn::{Attribute, FnArg, Ident, ItemFn, Pat, Signature, Type};

mod args;
mod spec;

use args::argument;
pub use args::{Source, class_ref, convention_parts, description, probe_type};
pub use spec::{Convention, FunctionSpec, Place, Receiver, RustArg, analyze};

/// The names of the generated locals: `Span::mixed_site()` makes them
/// invisible to user code such as default values.
pub fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// Where errors about a type point: its last token (`WithField` in
/// `&mut WithField`; a type's own span is only its first token on stable).
pub fn type_span(ty: &Type) -> Span {
    quote::ToTokens::to_token_stream(ty).into_iter().last().map_or_else(|| ty.span(), |t| t.span())
}

/// A C string literal token.
pub fn c_literal(text: &str, span: Span) -> syn::Result<Literal> {
    let text =
        CString::new(text).map_err(|_| syn::Error::new(span, "names cannot contain NUL characters"))?;
    let mut literal = Literal::c_string(&text);
    literal.set_span(span);
    Ok(literal)
}

/// The statements binding the receiver (for methods of `self_ty`) and the
/// expression that passes it.
pub fn receiver_parts(spec: &FunctionSpec, self_ty: Option<&Type>) -> (TokenStream, TokenStream) {
    match (spec.receiver, self_ty) {
        (Receiver::None, _) | (_, None) => (quote!(let _ = __hpy_raw_self;), quote!()),
        (_, Some(self_ty)) => receiver_binding(spec, self_ty, &format_ident!("__hpy_raw_self")),
    }
}

/// The statements binding the receiver `raw` (`self` of a method or slot of
/// `self_ty`) as the method's receiver asks, and the expression passing it.
pub fn receiver_binding(spec: &FunctionSpec, self_ty: &Type, raw: &Ident) -> (TokenStream, TokenStream) {
    let hpy = crate::krate::hpy();
    let [ctx, this, guard] = ["__hpy_ctx", "__hpy_this", "__hpy_guard"].map(local);
    let bind = quote! {
        // SAFETY: HPy calls a method or slot with an instance of its type as `self`.
        let #this = unsafe { #hpy::impl_::receiver::<#self_ty>(#ctx, #raw) }?;
    };
    match spec.receiver {
        Receiver::None | Receiver::Ref => (quote!(#bind let #guard = #this.borrow()?;), quote!(&*#guard)),
        Receiver::RefMut => (
            {
                // Only a class that is `Mutable` has `borrow_mut`: the error
                // for another points at the method.
                let borrow = quote_spanned!(spec.rust_name.span()=> #this.borrow_mut());
                quote! {
                    #bind
                    let mut #guard = #borrow?;
                }
            },
            quote!(&mut *#guard),
        ),
        Receiver::Instance => (bind, quote!(&*#this)),
    }
}

/// The expression returning `value` (an `IntoReturn`) to HPy as a raw
/// handle; `value` is evaluated outside the `unsafe` block.
pub fn into_return(value: TokenStream) -> TokenStream {
    let hpy = crate::krate::hpy();
    let [ctx, returned] = ["__hpy_ctx", "__hpy_returned"].map(local);
    quote! {{
        let #returned = #value;
        // SAFETY: the raw handle goes back to HPy, which takes it over.
        unsafe { #hpy::impl_::IntoReturn::into_return(#returned, #ctx) }
    }}
}

/// The expression returning `NotImplemented` to HPy from a slot.
pub fn not_implemented() -> TokenStream {
    let hpy = crate::krate::hpy();
    let ctx = local("__hpy_ctx");
    quote! {{
        // SAFETY: the raw handle goes back to HPy, which takes it over.
        unsafe { #hpy::impl_::not_implemented(#ctx) }
    }}
}

/// The statements converting every argument, and the call of `callee`.
pub fn call_parts(
    spec: &FunctionSpec,
    callee: TokenStream,
    self_ty: Option<&Type>,
) -> (TokenStream, TokenStream) {
    let ctx = local("__hpy_ctx");
    let (receiver_stmts, receiver_arg) = receiver_parts(spec, self_ty);
    let mut stmts = receiver_stmts;
    let mut args = Vec::new();
    for a in &spec.rust_args {
        match a {
            RustArg::Receiver => args.push(receiver_arg.clone()),
            RustArg::Ctx => args.push(quote!(#ctx)),
            RustArg::Python(i) => {
                let (stmt, pass) = argument(spec, *i, self_ty);
                stmts.extend(stmt);
                args.push(pass);
            }
        }
    }
    (stmts, quote!(#callee(#(#args),*)))
}

/// An implementation function `name` with HPy's `(ctx, self, ..) -> R`
/// shape (`R` is `ret`, `HPy` unless given) and the convention's
/// `raw_params`: the argument description `desc`, then `body` (statements
/// ending with the `HPyResult<R>` to return, `__hpy_ctx` in scope) run by
/// `hpy::impl_::run`.
pub fn extern_impl(
    name: &Ident,
    raw_params: &TokenStream,
    desc: &TokenStream,
    ret: Option<TokenStream>,
    body: TokenStream,
) -> TokenStream {
    let hpy = crate::krate::hpy();
    let [ctx, raw_ctx, body_fn] = ["__hpy_ctx", "__hpy_raw_ctx", "__hpy_body"].map(local);
    let ret = ret.unwrap_or_else(|| quote!(#hpy::sys::HPy));
    quote! {
        unsafe extern "C" fn #name(
            #raw_ctx: *mut #hpy::sys::HPyContext,
            __hpy_raw_self: #hpy::sys::HPy,
            #raw_params
        ) -> #ret {
            #desc
            let #body_fn = |#ctx: #hpy::Ctx<'_>| -> #hpy::HPyResult<#ret> {
                #body
            };
            // SAFETY: HPy calls this implementation with the context of the call.
            unsafe { #hpy::impl_::run(#raw_ctx, #body_fn) }
        }
    }
}

/// Whether a constructor returns a `Result` (of `Self`), whose error is
/// raised.
pub fn returns_result(sig: &Signature) -> bool {
    matches!(&sig.output, syn::ReturnType::Type(_, ty)
        if signature::last_segment(ty).is_some_and(|s| s.ends_with("Result")))
}

/// `let <result> = <call>;`, converting the error of a `Result` into an
/// `HPyErr` and returning it.
pub fn bind_result(result: &Ident, call: &TokenStream, returns_result: bool) -> TokenStream {
    let hpy = crate::krate::hpy();
    if returns_result {
        quote!(let #result = ::core::result::Result::map_err(#call, ::core::convert::Into::<#hpy::HPyErr>::into)?;)
    } else {
        quote!(let #result = #call;)
    }
}

/// The implementation function `name` of a callable with a convention
/// (module function, method, static or class method), its target type and
/// its signature constant.
pub fn method_impl(
    spec: &FunctionSpec,
    name: &Ident,
    callee: TokenStream,
    self_ty: Option<&Type>,
) -> (TokenStream, Ident, Ident) {
    let hpy = crate::krate::hpy();
    let result = local("__hpy_result");
    let (raw_params, parse, erase, sig_const) = convention_parts(spec, Source::Convention);
    let (convert, call) = call_parts(spec, callee, self_ty);
    let ret = into_return(quote!(#result));
    let implementation = extern_impl(
        name,
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
    let target = format_ident!("{}_Target", name);
    let tokens = quote! {
        #implementation

        struct #target;

        // SAFETY: the implementation has the signature of the convention.
        unsafe impl #hpy::impl_::trampolines::Target for #target {
            const IMPL: #hpy::sys::HPyCFunction = #hpy::impl_::erase::#erase(#name);
        }
    };
    (tokens, target, sig_const)
}

/// `#[hpy_function]`.
pub fn generate(options: &FunctionOptions, item: &ItemFn) -> syn::Result<TokenStream> {
    let hpy = crate::krate::hpy();
    let spec = analyze(options, &item.sig, &item.attrs, Place::Module)?;
    let rust_name = &spec.rust_name;
    let vis = &item.vis;
    let stub = crate::stub_records::function(&spec, &item.sig.output);
    let (implementation, target, sig_const) =
        method_impl(&spec, &format_ident!("__hpy_impl"), quote!(#rust_name), None);
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

            // SAFETY: the target implements the convention `#sig_const`.
            static __HPY_DEF: #hpy::sys::HPyDef = unsafe {
                #hpy::impl_::meth_def::<#target>(
                    #name,
                    ::core::option::Option::Some(#doc),
                    #hpy::sys::#sig_const,
                )
            };

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
    use super::spec::returns_unit;
    use super::*;
    use syn::parse_quote;

    fn spec(item: ItemFn, options: FunctionOptions) -> FunctionSpec {
        analyze(&options, &item.sig, &item.attrs, Place::Module).unwrap()
    }

    #[test]
    fn probe_types_elide_lifetimes_and_replace_self() {
        let probe = |ty: Type| {
            let self_ty: Type = parse_quote!(Point);
            let ty = probe_type(&ty, Some(&self_ty));
            quote!(#ty).to_string()
        };
        assert_eq!(probe(parse_quote!(&'a Self)), "& '_ Point");
        assert_eq!(probe(parse_quote!(Option<&'ctx Handle<'ctx>>)), "Option < & '_ Handle < '_ > >");
        assert_eq!(probe(parse_quote!(&'static str)), "& 'static str");
        assert_eq!(probe(parse_quote!(MeterRef<'_>)), "MeterRef < '_ >");
    }

    #[test]
    fn class_references_are_told_from_direct_ones() {
        let is_class = |ty: Type| class_ref(&ty).map(|(mutable, _)| mutable);
        assert_eq!(is_class(parse_quote!(&Point)), Some(false));
        assert_eq!(is_class(parse_quote!(&mut crate::shapes::Point)), Some(true));
        assert_eq!(is_class(parse_quote!(&mut Self)), Some(true));
        // A user class may be called `List`: only hpy's view has a lifetime.
        assert_eq!(is_class(parse_quote!(&List)), Some(false));
        for direct in [
            parse_quote!(&str),
            parse_quote!(&[u8]),
            parse_quote!(&Handle<'_>),
            parse_quote!(&Handle),
            parse_quote!(&hpy::types::List<'_>),
            parse_quote!(&Instance<'_, Point>),
            parse_quote!(Point),
        ] {
            assert_eq!(is_class(direct), None);
        }
    }

    #[test]
    fn conventions() {
        let signature = |sig: Option<TokenStream>| FunctionOptions {
            signature: sig.map(|s| syn::parse2(s).unwrap()),
            ..Default::default()
        };
        let cases: Vec<(ItemFn, Option<TokenStream>, Convention)> = vec![
            (
                parse_quote!(
                    fn f() {}
                ),
                None,
                Convention::NoArgs,
            ),
            (
                parse_quote!(
                    fn f(ctx: Ctx<'_>) {}
                ),
                None,
                Convention::NoArgs,
            ),
            (
                parse_quote!(
                    fn f(a: i64) {}
                ),
                None,
                Convention::Keywords,
            ),
            (
                parse_quote!(
                    fn f(a: i64) {}
                ),
                Some(quote!((a, /))),
                Convention::O,
            ),
            (
                parse_quote!(
                    fn f(a: i64, b: i64) {}
                ),
                Some(quote!((a, b = 1, /))),
                Convention::VarArgs,
            ),
            (
                parse_quote!(
                    fn f(args: Vec<i64>) {}
                ),
                Some(quote!((*args))),
                Convention::VarArgs,
            ),
        ];
        for (item, sig, expected) in cases {
            let name = quote!(#item).to_string();
            assert_eq!(spec(item, signature(sig)).convention, expected, "{name}");
        }
    }

    #[test]
    fn rejects_what_python_cannot_call() {
        let cases: Vec<(ItemFn, &str)> = vec![
            (
                parse_quote!(
                    async fn f() {}
                ),
                "async fn",
            ),
            (
                parse_quote!(
                    unsafe fn f() {}
                ),
                "cannot be `unsafe`",
            ),
            (
                parse_quote!(
                    fn f<T>(x: T) {}
                ),
                "generic over types",
            ),
            (
                parse_quote!(
                    fn f((a, b): (i64, i64)) {}
                ),
                "plain name",
            ),
            (
                parse_quote!(
                    fn f(x: impl Fn()) {}
                ),
                "`impl Trait`",
            ),
        ];
        for (item, message) in cases {
            let err =
                analyze(&Default::default(), &item.sig, &item.attrs, Place::Module).err().expect("an error");
            assert!(err.to_string().contains(message), "{err}");
        }
    }

    #[test]
    fn receivers_and_unit_returns() {
        let method = |item: ItemFn| analyze(&Default::default(), &item.sig, &item.attrs, Place::Method);
        assert_eq!(
            method(parse_quote!(
                fn f(&self) {}
            ))
            .unwrap()
            .receiver,
            Receiver::Ref
        );
        assert_eq!(
            method(parse_quote!(
                fn f(&mut self) {}
            ))
            .unwrap()
            .receiver,
            Receiver::RefMut
        );
        assert_eq!(
            method(parse_quote!(
                fn f(slf: &Instance<'_, Self>) {}
            ))
            .unwrap()
            .receiver,
            Receiver::Instance
        );
        assert!(
            method(parse_quote!(
                fn f(x: i64) {}
            ))
            .is_err()
        );
        assert!(returns_unit(&parse_quote!(-> HPyResult<()>)));
        assert!(!returns_unit(&parse_quote!(-> i64)));
    }

    #[test]
    fn generates_a_marker_struct_with_the_def() {
        let item: ItemFn = parse_quote! {
            /// Greets.
            fn greet(ctx: Ctx<'_>, name: &str, greeting: Option<&str>) -> String { todo!() }
        };
        let tokens = generate(&Default::default(), &item).unwrap().to_string();
        assert!(tokens.contains("struct greet { }"), "{tokens}");
        assert!(tokens.contains("impl :: hpy :: impl_ :: ModuleItem for greet"));
        assert!(tokens.contains("HPyFunc_KEYWORDS"));
        assert!(tokens.contains(r#"c"greet($module, /, name, greeting=None)\n--\n\nGreets.""#), "{tokens}");
    }
}
