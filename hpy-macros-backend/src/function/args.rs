//! Argument handling: the static description of the parameters, the
//! conversion of each argument, and the calling conventions' parsing code.

use super::*;

/// The static `FunctionDescription` of the parameters.
pub fn description(spec: &FunctionSpec) -> TokenStream {
    let hpy = crate::krate::hpy();
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
        static __HPY_DESC: #hpy::impl_::FunctionDescription = #hpy::impl_::FunctionDescription {
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

/// `&T` or `&mut T` where `T` looks like a class, for the operands of
/// binary operators only (which answer `NotImplemented` for an operand of
/// another type; every other parameter is routed by its type through
/// `hpy::impl_::ArgProbe`). Classes cannot be generic, so a type with
/// generic arguments (`&Handle<'_>`, the typed views such as `&List<'_>`)
/// converts directly, as do `&str`, slices and handles written without
/// their lifetime.
pub fn class_ref(ty: &Type) -> Option<(bool, &Type)> {
    let Type::Reference(r) = ty else { return None };
    let direct = match &*r.elem {
        Type::Path(path) => path.path.segments.last().is_none_or(|s| {
            !s.arguments.is_empty() || matches!(s.ident.to_string().as_str(), "str" | "Handle" | "Borrowed")
        }),
        _ => true,
    };
    (!direct).then_some((r.mutability.is_some(), &*r.elem))
}

/// The type of a parameter as generated code writes it: `Self` replaced by
/// the class, every named lifetime elided (`'_`), since the generated code
/// does not declare the function's lifetimes.
pub fn probe_type(ty: &Type, self_ty: Option<&Type>) -> Type {
    use syn::visit_mut::VisitMut;
    struct Elide;
    impl VisitMut for Elide {
        fn visit_lifetime_mut(&mut self, lifetime: &mut syn::Lifetime) {
            if lifetime.ident != "static" {
                *lifetime = syn::Lifetime::new("'_", lifetime.span());
            }
        }
    }
    let mut ty = crate::class::replace_self(ty, self_ty);
    Elide.visit_type_mut(&mut ty);
    ty
}

/// The statements that convert Python parameter `i` into the local
/// `__hpy_a{i}`, and how the call passes it. The route (a class borrowed
/// through a guard, or a `FromHPy` conversion) is chosen by the compiler
/// from the parameter's type: `hpy::impl_::ArgProbe`.
pub(super) fn argument(spec: &FunctionSpec, i: usize, self_ty: Option<&Type>) -> (TokenStream, TokenStream) {
    let p = &spec.params[i];
    let span = crate::function::type_span(&p.ty);
    // The generated locals, hygienic but located at the type: an error
    // about the conversion points there.
    let at_type = |name: &str| Ident::new(name, proc_macro2::Span::mixed_site().located_at(span));
    let [varargs, kwargs, arg, slots] =
        ["__hpy_varargs", "__hpy_kwargs", "__hpy_arg", "__hpy_slots"].map(at_type);
    let value = at_type(&format!("__hpy_a{i}"));
    let holder = at_type(&format!("__hpy_h{i}"));
    let hpy_at_ty = crate::krate::hpy_at(span);
    let ty = probe_type(&p.ty, self_ty);
    let probe = quote_spanned!(span=> (&&#hpy_at_ty::impl_::ArgProbe::<#ty>::new()));
    // Parameters named in the description are numbered among the named ones.
    let slot = spec.params[..i].iter().filter(|q| q.is_named()).count();
    let mut slot = proc_macro2::Literal::usize_unsuffixed(slot);
    slot.set_span(span);
    let expr = match p.kind {
        Kind::VarArgs => {
            let name = &p.name;
            quote_spanned!(span=> #probe.extract_named(&#varargs, &mut #holder, &__HPY_DESC, #name)?)
        }
        Kind::VarKw => {
            let name = &p.name;
            if signature::is_option(&p.ty) {
                quote_spanned!(span=> match &#kwargs {
                    ::core::option::Option::Some(kwargs) => #probe.extract_named(kwargs, &mut #holder, &__HPY_DESC, #name)?,
                    ::core::option::Option::None => ::core::option::Option::None,
                })
            } else {
                quote_spanned!(span=> #probe.extract_named(&#kwargs, &mut #holder, &__HPY_DESC, #name)?)
            }
        }
        _ if spec.convention == Convention::O => {
            quote_spanned!(span=> #probe.extract(&#arg, &mut #holder, &__HPY_DESC, 0)?)
        }
        _ => match &p.default {
            None => quote_spanned!(span=>
                #probe.extract(#hpy_at_ty::impl_::required(&#slots[#slot]), &mut #holder, &__HPY_DESC, #slot)?
            ),
            Some(default) => {
                let fallback = match default {
                    signature::Default::ImplicitNone => quote!(::core::option::Option::None),
                    // A string literal may default a `String` or `Cow<str>` parameter.
                    signature::Default::Expr(expr)
                        if matches!(&**expr, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(_), .. })) =>
                    {
                        quote!(::core::convert::Into::into(#expr))
                    }
                    signature::Default::Expr(expr) => quote!(#expr),
                };
                quote_spanned!(span=> match &#slots[#slot] {
                    ::core::option::Option::Some(arg) => #probe.extract(arg, &mut #holder, &__HPY_DESC, #slot)?,
                    ::core::option::Option::None => #fallback,
                })
            }
        },
    };
    let stmt = quote_spanned! {span=>
        #[allow(unused_imports)]
        use #hpy_at_ty::impl_::{ProbeClassMut as _, ProbeClassRef as _, ProbeValue as _};
        let mut #holder = #probe.holder();
        let #value = #expr;
    };
    (stmt, quote!(#value))
}

/// Where the raw arguments come from.
pub enum Source {
    /// The convention's own parameters (`args`, `nargs`, `kwnames`).
    Convention,
    /// A `tp_new`/`tp_init` call: arguments plus a keyword dict, read with
    /// `DictArgs` and parsed as keywords.
    Dict,
}

/// The implementation's raw parameters after `ctx` and `self`, the
/// statements that parse them, and the `erase` function and signature
/// constant of the convention.
pub fn convention_parts(spec: &FunctionSpec, source: Source) -> (TokenStream, TokenStream, Ident, Ident) {
    let hpy = crate::krate::hpy();
    let [ctx, raw_arg, raw_args, nargs, kwnames, rest, extra, slots, varargs, kwargs, arg, dict] = [
        "__hpy_ctx",
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
        "__hpy_dict",
    ]
    .map(local);
    let n = spec.params.iter().filter(|p| p.is_named()).count();
    let has_varargs = spec.params.iter().any(|p| p.kind == Kind::VarArgs);
    let kwargs_param = spec.params.iter().find(|p| p.kind == Kind::VarKw);
    let varargs_stmt = |source: TokenStream| {
        if has_varargs {
            quote! {
                // SAFETY: the extra arguments are handles HPy passed to this call.
                let #varargs = unsafe { #hpy::impl_::extract_varargs(#ctx, #source) }?;
            }
        } else {
            quote!(let _ = #source;)
        }
    };
    let kwargs_stmt = match kwargs_param {
        Some(p) if signature::is_option(&p.ty) => quote!(let #kwargs = #extra.kwargs;),
        Some(_) => quote! {
            let #kwargs = match #extra.kwargs {
                ::core::option::Option::Some(kwargs) => kwargs,
                ::core::option::Option::None => #hpy::impl_::empty_kwargs(#ctx)?,
            };
        },
        None => quote!(),
    };
    if let Source::Dict = source {
        let varargs = varargs_stmt(quote!(#extra.varargs));
        return (
            quote!(#raw_args: *const #hpy::sys::HPy, #nargs: isize, __hpy_raw_kw: #hpy::sys::HPy),
            quote! {
                // SAFETY: HPy passes the positional arguments and the keyword dict (or null).
                let #dict = unsafe { #hpy::impl_::DictArgs::new(#ctx, #raw_args, #nargs, __hpy_raw_kw) }?;
                // SAFETY: `DictArgs` lays the arguments out as vectorcall does.
                let (#slots, #extra) = unsafe {
                    __HPY_DESC.parse_keywords::<#n>(#ctx, #dict.args(), #dict.nargs(), #dict.kwnames())
                }?;
                #varargs
                #kwargs_stmt
            },
            format_ident!("newfunc"),
            format_ident!("HPyFunc_NEWFUNC"),
        );
    }
    match spec.convention {
        Convention::NoArgs => (quote!(), quote!(), format_ident!("noargs"), format_ident!("HPyFunc_NOARGS")),
        Convention::O => (
            quote!(#raw_arg: #hpy::sys::HPy),
            quote! {
                // SAFETY: HPy passes the argument of this call.
                let #arg = unsafe { #hpy::impl_::borrow_arg(#ctx, #raw_arg) };
            },
            format_ident!("o"),
            format_ident!("HPyFunc_O"),
        ),
        Convention::VarArgs => {
            let varargs = varargs_stmt(quote!(#rest));
            (
                quote!(#raw_args: *const #hpy::sys::HPy, #nargs: usize),
                quote! {
                    // SAFETY: HPy passes `nargs` argument handles open for this call.
                    let (#slots, #rest) = unsafe { __HPY_DESC.parse_positional::<#n>(#ctx, #raw_args, #nargs) }?;
                    #varargs
                },
                format_ident!("varargs"),
                format_ident!("HPyFunc_VARARGS"),
            )
        }
        Convention::Keywords => {
            let varargs = varargs_stmt(quote!(#extra.varargs));
            (
                quote!(#raw_args: *const #hpy::sys::HPy, #nargs: usize, #kwnames: #hpy::sys::HPy),
                quote! {
                    // SAFETY: HPy passes the argument handles of this call and
                    // the tuple of keyword names (or null).
                    let (#slots, #extra) = unsafe {
                        __HPY_DESC.parse_keywords::<#n>(#ctx, #raw_args, #nargs, #kwnames)
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
