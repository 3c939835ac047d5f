//! `#[hpy_function]`: a Rust function becomes an HPy method definition.
//!
//! Beside the function, the macro emits an empty `struct` of the same name
//! (types and functions live in different namespaces, so both can be named
//! and imported together) that implements `ModuleItem` with the function's
//! `HPyDef`; the implementation, the CPython trampoline's target and the
//! argument description sit in an anonymous `const` block.

use crate::docs::{doc_text, docstring, text_signature};
use crate::options::FunctionOptions;
use crate::signature::{self, Kind, Param, RustParam};
use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use std::ffi::CString;
use syn::spanned::Spanned;
use syn::{FnArg, Ident, ItemFn, Pat, Type};

/// The HPy calling convention, chosen as the cheapest that fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Convention {
    /// No arguments.
    NoArgs,
    /// Exactly one positional-only argument.
    O,
    /// Positional-only arguments (and maybe `*args`).
    VarArgs,
    /// Anything with keywords.
    Keywords,
}

/// One argument of the Rust call, in order.
#[derive(Clone, Copy, Debug)]
pub enum RustArg {
    Ctx,
    Python(usize),
}

/// Everything the code generation needs to know about a function.
pub struct FunctionSpec {
    pub rust_name: Ident,
    pub python_name: String,
    pub params: Vec<Param>,
    pub rust_args: Vec<RustArg>,
    pub docs: String,
    pub convention: Convention,
}

/// Whether a parameter type is the context token (`Ctx<'_>`).
fn is_ctx(ty: &Type) -> bool {
    matches!(ty, Type::Path(_)) && signature::last_segment(ty).is_some_and(|s| s == "Ctx")
}

pub fn analyze(options: FunctionOptions, item: &ItemFn) -> syn::Result<FunctionSpec> {
    let sig = &item.sig;
    if let Some(asyncness) = &sig.asyncness {
        return Err(syn::Error::new(asyncness.span(), "`async fn` is not supported by #[hpy_function]"));
    }
    if let Some(unsafety) = &sig.unsafety {
        return Err(syn::Error::new(
            unsafety.span(),
            "#[hpy_function] cannot be `unsafe`: Python can call it with anything",
        ));
    }
    if let Some(abi) = &sig.abi {
        return Err(syn::Error::new(
            abi.span(),
            "#[hpy_function] must be a plain Rust function (no `extern`)",
        ));
    }
    if let Some(variadic) = &sig.variadic {
        return Err(syn::Error::new(variadic.span(), "variadic functions are not supported"));
    }
    for param in &sig.generics.params {
        if !matches!(param, syn::GenericParam::Lifetime(_)) {
            return Err(syn::Error::new(
                param.span(),
                "#[hpy_function] cannot be generic over types or constants: Python needs one concrete function",
            ));
        }
    }
    let mut rust_params = Vec::new();
    let mut rust_args = Vec::new();
    for input in &sig.inputs {
        let typed = match input {
            FnArg::Receiver(r) => {
                return Err(syn::Error::new(
                    r.span(),
                    "#[hpy_function] is for free functions; methods take `self` in #[hpy_methods]",
                ));
            }
            FnArg::Typed(typed) => typed,
        };
        if is_ctx(&typed.ty) {
            if rust_args.iter().any(|a| matches!(a, RustArg::Ctx)) {
                return Err(syn::Error::new(typed.ty.span(), "only one `Ctx` parameter is allowed"));
            }
            rust_args.push(RustArg::Ctx);
            continue;
        }
        if let Type::ImplTrait(t) = &*typed.ty {
            return Err(syn::Error::new(
                t.span(),
                "`impl Trait` parameters are not supported: name a concrete type",
            ));
        }
        let Pat::Ident(pat) = &*typed.pat else {
            return Err(syn::Error::new(
                typed.pat.span(),
                "use a plain name for each parameter: Python calls it by name",
            ));
        };
        rust_args.push(RustArg::Python(rust_params.len()));
        rust_params.push(RustParam { name: pat.ident.clone(), ty: (*typed.ty).clone() });
    }
    let params = signature::bind(&rust_params, options.signature.as_ref())?;
    let python_name = match &options.name {
        Some(name) => name.value(),
        None => signature::unraw(&sig.ident),
    };
    Ok(FunctionSpec {
        rust_name: sig.ident.clone(),
        convention: choose_convention(&params),
        python_name,
        params,
        rust_args,
        docs: doc_text(&item.attrs),
    })
}

pub fn choose_convention(params: &[Param]) -> Convention {
    let keywords =
        params.iter().any(|p| matches!(p.kind, Kind::PositionalOrKeyword | Kind::KeywordOnly | Kind::VarKw));
    match params {
        [] => Convention::NoArgs,
        [only] if only.kind == Kind::PositionalOnly && only.default.is_none() => Convention::O,
        _ if !keywords => Convention::VarArgs,
        _ => Convention::Keywords,
    }
}

/// The names of the generated locals: `Span::mixed_site()` makes them
/// invisible to user code such as default values.
pub fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// A C string literal token.
pub fn c_literal(text: &str, span: Span) -> syn::Result<Literal> {
    let text =
        CString::new(text).map_err(|_| syn::Error::new(span, "names cannot contain NUL characters"))?;
    let mut literal = Literal::c_string(&text);
    literal.set_span(span);
    Ok(literal)
}

/// The static `FunctionDescription` of the parameters.
fn description(spec: &FunctionSpec) -> TokenStream {
    let named: Vec<&Param> = spec.params.iter().filter(|p| p.is_named()).collect();
    let names = named.iter().map(|p| &p.name);
    let required = named.iter().map(|p| p.is_required());
    let positional_only = named.iter().filter(|p| p.kind == Kind::PositionalOnly).count();
    let positional =
        named.iter().filter(|p| matches!(p.kind, Kind::PositionalOnly | Kind::PositionalOrKeyword)).count();
    let varargs = spec.params.iter().any(|p| p.kind == Kind::VarArgs);
    let varkw = spec.params.iter().any(|p| p.kind == Kind::VarKw);
    let name = &spec.python_name;
    quote! {
        static __HPY_DESC: ::hpy::impl_::FunctionDescription = ::hpy::impl_::FunctionDescription {
            name: #name,
            params: &[#(#names),*],
            required: &[#(#required),*],
            positional_only: #positional_only,
            positional: #positional,
            varargs: #varargs,
            varkw: #varkw,
        };
    }
}

/// The expression that produces the Rust argument for Python parameter `i`.
fn argument(spec: &FunctionSpec, i: usize) -> TokenStream {
    let (__hpy_varargs, __hpy_kwargs, __hpy_arg, __hpy_slots) =
        (local("__hpy_varargs"), local("__hpy_kwargs"), local("__hpy_arg"), local("__hpy_slots"));
    let p = &spec.params[i];
    let span = p.ty.span();
    // Parameters named in the description are numbered among the named ones.
    let slot = spec.params[..i].iter().filter(|q| q.is_named()).count();
    match p.kind {
        Kind::VarArgs => {
            let name = &p.name;
            quote_spanned!(span=> ::hpy::impl_::extract_named(&#__hpy_varargs, &__HPY_DESC, #name)?)
        }
        Kind::VarKw => {
            let name = &p.name;
            if signature::is_option(&p.ty) {
                quote_spanned!(span=> match &#__hpy_kwargs {
                    ::core::option::Option::Some(kwargs) => ::hpy::impl_::extract_named(kwargs, &__HPY_DESC, #name)?,
                    ::core::option::Option::None => ::core::option::Option::None,
                })
            } else {
                quote_spanned!(span=> ::hpy::impl_::extract_named(&#__hpy_kwargs, &__HPY_DESC, #name)?)
            }
        }
        _ if spec.convention == Convention::O => {
            quote_spanned!(span=> ::hpy::impl_::extract_argument(&#__hpy_arg, &__HPY_DESC, 0)?)
        }
        _ => match &p.default {
            None => {
                quote_spanned!(span=> ::hpy::impl_::extract_required(&#__hpy_slots[#slot], &__HPY_DESC, #slot)?)
            }
            Some(default) => {
                let fallback = match default {
                    signature::Default::ImplicitNone => quote!(::core::option::Option::None),
                    signature::Default::Expr(expr) => quote!(#expr),
                };
                quote_spanned!(span=> match &#__hpy_slots[#slot] {
                    ::core::option::Option::Some(arg) => ::hpy::impl_::extract_argument(arg, &__HPY_DESC, #slot)?,
                    ::core::option::Option::None => #fallback,
                })
            }
        },
    }
}

/// The implementation's raw parameters, the statements that parse them, and
/// the `erase` function and signature constant of the convention.
fn convention_parts(spec: &FunctionSpec) -> (TokenStream, TokenStream, Ident, Ident) {
    let [
        __hpy_ctx,
        __hpy_raw_ctx,
        __hpy_raw_arg,
        __hpy_raw_args,
        __hpy_nargs,
        __hpy_kwnames,
        __hpy_rest,
        __hpy_extra,
        __hpy_slots,
        __hpy_varargs,
        __hpy_kwargs,
        __hpy_arg,
    ] = [
        "__hpy_ctx",
        "__hpy_raw_ctx",
        "__hpy_raw_arg",
        "__hpy_raw_args",
        "__hpy_nargs",
        "__hpy_kwnames",
        "__hpy_rest",
        "__hpy_extra",
        "__hpy_slots",
        "__hpy_varargs",
        "__hpy_kwargs",
        "__hpy_arg",
    ]
    .map(local);
    let n = spec.params.iter().filter(|p| p.is_named()).count();
    let has_varargs = spec.params.iter().any(|p| p.kind == Kind::VarArgs);
    let kwargs = spec.params.iter().find(|p| p.kind == Kind::VarKw);
    let varargs_stmt = |extra: TokenStream| {
        if has_varargs {
            quote! {
                // SAFETY: the extra arguments are handles HPy passed to this call.
                let #__hpy_varargs = unsafe { ::hpy::impl_::extract_varargs(#__hpy_ctx, #extra) }?;
            }
        } else {
            quote!(let _ = #extra;)
        }
    };
    match spec.convention {
        Convention::NoArgs => (
            quote!(#__hpy_raw_ctx: *mut ::hpy::sys::HPyContext, _: ::hpy::sys::HPy),
            quote!(),
            format_ident!("noargs"),
            format_ident!("HPyFunc_NOARGS"),
        ),
        Convention::O => (
            quote!(#__hpy_raw_ctx: *mut ::hpy::sys::HPyContext, _: ::hpy::sys::HPy, #__hpy_raw_arg: ::hpy::sys::HPy),
            quote! {
                // SAFETY: HPy passes the argument of this call.
                let #__hpy_arg = unsafe { ::hpy::impl_::borrow_arg(#__hpy_ctx, #__hpy_raw_arg) };
            },
            format_ident!("o"),
            format_ident!("HPyFunc_O"),
        ),
        Convention::VarArgs => {
            let varargs = varargs_stmt(quote!(#__hpy_rest));
            (
                quote!(
                    #__hpy_raw_ctx: *mut ::hpy::sys::HPyContext,
                    _: ::hpy::sys::HPy,
                    #__hpy_raw_args: *const ::hpy::sys::HPy,
                    #__hpy_nargs: usize
                ),
                quote! {
                    // SAFETY: HPy passes `nargs` argument handles open for this call.
                    let (#__hpy_slots, #__hpy_rest) = unsafe {
                        __HPY_DESC.parse_positional::<#n>(#__hpy_ctx, #__hpy_raw_args, #__hpy_nargs)
                    }?;
                    #varargs
                },
                format_ident!("varargs"),
                format_ident!("HPyFunc_VARARGS"),
            )
        }
        Convention::Keywords => {
            let varargs = varargs_stmt(quote!(#__hpy_extra.varargs));
            let kwargs_stmt = match kwargs {
                Some(p) if signature::is_option(&p.ty) => quote!(let #__hpy_kwargs = #__hpy_extra.kwargs;),
                Some(_) => quote! {
                    let #__hpy_kwargs = match #__hpy_extra.kwargs {
                        ::core::option::Option::Some(kwargs) => kwargs,
                        ::core::option::Option::None => ::hpy::impl_::empty_kwargs(#__hpy_ctx)?,
                    };
                },
                None => quote!(),
            };
            (
                quote!(
                    #__hpy_raw_ctx: *mut ::hpy::sys::HPyContext,
                    _: ::hpy::sys::HPy,
                    #__hpy_raw_args: *const ::hpy::sys::HPy,
                    #__hpy_nargs: usize,
                    #__hpy_kwnames: ::hpy::sys::HPy
                ),
                quote! {
                    // SAFETY: HPy passes the argument handles of this call and
                    // the tuple of keyword names (or null).
                    let (#__hpy_slots, #__hpy_extra) = unsafe {
                        __HPY_DESC.parse_keywords::<#n>(#__hpy_ctx, #__hpy_raw_args, #__hpy_nargs, #__hpy_kwnames)
                    }?;
                    #varargs
                    #kwargs_stmt
                },
                format_ident!("keywords"),
                format_ident!("HPyFunc_KEYWORDS"),
            )
        }
    }
}

pub fn generate(spec: &FunctionSpec, item: &ItemFn) -> syn::Result<TokenStream> {
    let [__hpy_ctx, __hpy_raw_ctx, __hpy_body, __hpy_result] =
        ["__hpy_ctx", "__hpy_raw_ctx", "__hpy_body", "__hpy_result"].map(local);
    let rust_name = &spec.rust_name;
    let vis = &item.vis;
    let (raw_params, parse, erase, sig_const) = convention_parts(spec);
    let desc = description(spec);
    let call_args = spec.rust_args.iter().map(|a| match a {
        RustArg::Ctx => quote!(#__hpy_ctx),
        RustArg::Python(i) => argument(spec, *i),
    });
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

        #[allow(non_snake_case, clippy::undocumented_unsafe_blocks)]
        const _: () = {
            #desc

            unsafe extern "C" fn __hpy_impl(#raw_params) -> ::hpy::sys::HPy {
                let #__hpy_body = |#__hpy_ctx: ::hpy::Ctx<'_>| -> ::hpy::HPyResult<::hpy::sys::HPy> {
                    #parse
                    let #__hpy_result = #rust_name(#(#call_args),*);
                    ::hpy::impl_::IntoReturn::into_return(#__hpy_result, #__hpy_ctx)
                };
                // SAFETY: HPy calls this implementation with the context of the call.
                unsafe { ::hpy::impl_::run(#__hpy_raw_ctx, #__hpy_body) }
            }

            struct __HpyTarget;

            // SAFETY: `__hpy_impl` has the implementation signature of the convention.
            unsafe impl ::hpy::impl_::trampolines::Target for __HpyTarget {
                const IMPL: ::hpy::sys::HPyCFunction = ::hpy::impl_::erase::#erase(__hpy_impl);
            }

            // SAFETY: the target implements the convention `#sig_const`.
            static __HPY_DEF: ::hpy::sys::HPyDef = unsafe {
                ::hpy::impl_::meth_def::<__HpyTarget>(
                    #name,
                    ::core::option::Option::Some(#doc),
                    ::hpy::sys::#sig_const,
                )
            };

            // SAFETY: `__HPY_DEF` is a method definition built by `meth_def`.
            unsafe impl ::hpy::impl_::ModuleItem for #rust_name {
                const DEF: ::core::option::Option<&'static ::hpy::sys::HPyDef> =
                    ::core::option::Option::Some(&__HPY_DEF);
            }
        };
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn spec(item: ItemFn, options: FunctionOptions) -> FunctionSpec {
        analyze(options, &item).unwrap()
    }

    #[test]
    fn conventions() {
        assert_eq!(
            spec(
                parse_quote!(
                    fn f() {}
                ),
                Default::default()
            )
            .convention,
            Convention::NoArgs
        );
        assert_eq!(
            spec(
                parse_quote!(
                    fn f(ctx: Ctx<'_>) {}
                ),
                Default::default()
            )
            .convention,
            Convention::NoArgs
        );
        assert_eq!(
            spec(
                parse_quote!(
                    fn f(a: i64) {}
                ),
                Default::default()
            )
            .convention,
            Convention::Keywords
        );
        let o = FunctionOptions { signature: Some(parse_quote!((a, /))), ..Default::default() };
        assert_eq!(
            spec(
                parse_quote!(
                    fn f(a: i64) {}
                ),
                o
            )
            .convention,
            Convention::O
        );
        let varargs = FunctionOptions { signature: Some(parse_quote!((a, b = 1, /))), ..Default::default() };
        assert_eq!(
            spec(
                parse_quote!(
                    fn f(a: i64, b: i64) {}
                ),
                varargs
            )
            .convention,
            Convention::VarArgs
        );
        let star = FunctionOptions { signature: Some(parse_quote!((*args))), ..Default::default() };
        assert_eq!(
            spec(
                parse_quote!(
                    fn f(args: Vec<i64>) {}
                ),
                star
            )
            .convention,
            Convention::VarArgs
        );
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
            let err = analyze(Default::default(), &item).err().expect("an error");
            assert!(err.to_string().contains(message), "{err}");
        }
    }

    #[test]
    fn generates_a_marker_struct_with_the_def() {
        let item: ItemFn = parse_quote! {
            /// Greets.
            fn greet(ctx: Ctx<'_>, name: &str, greeting: Option<&str>) -> String { todo!() }
        };
        let tokens = generate(&spec(item.clone(), Default::default()), &item).unwrap().to_string();
        assert!(tokens.contains("struct greet { }"), "{tokens}");
        assert!(tokens.contains("impl :: hpy :: impl_ :: ModuleItem for greet"));
        assert!(tokens.contains("HPyFunc_KEYWORDS"));
        assert!(tokens.contains(r#"c"greet($module, /, name, greeting=None)\n--\n\nGreets.""#), "{tokens}");
    }
}
