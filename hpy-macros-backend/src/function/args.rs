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

/// `&T` or `&mut T` where `T` is a class: such arguments are borrowed
/// through a guard. Classes cannot be generic, so a type with generic
/// arguments (`&Handle<'_>`, the typed views such as `&List<'_>`) converts
/// directly, as do `&str`, slices and handles written without their lifetime.
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

/// The statement that converts Python parameter `i` into the local
/// `__hpy_a{i}`, and how the call passes it.
pub(super) fn argument(spec: &FunctionSpec, i: usize, self_ty: Option<&Type>) -> (TokenStream, TokenStream) {
    let [varargs, kwargs, arg, slots] =
        ["__hpy_varargs", "__hpy_kwargs", "__hpy_arg", "__hpy_slots"].map(local);
    let p = &spec.params[i];
    let value = local(&format!("__hpy_a{i}"));
    let span = p.ty.span();
    let hpy_at_ty = crate::krate::hpy_at(span);
    // Parameters named in the description are numbered among the named ones.
    let slot = spec.params[..i].iter().filter(|q| q.is_named()).count();
    if let Some((mutable, class)) = class_ref(&p.ty) {
        let class = crate::class::replace_self(class, self_ty);
        let (extract, pass) = if mutable {
            (quote!(extract_class_mut), quote!(&mut *#value))
        } else {
            (quote!(extract_class_ref), quote!(&*#value))
        };
        let source = if spec.convention == Convention::O {
            quote!(&#arg)
        } else {
            quote!(match &#slots[#slot] {
                ::core::option::Option::Some(arg) => arg,
                ::core::option::Option::None => unreachable!("class arguments are required"),
            })
        };
        let binding = if mutable { quote!(mut #value) } else { quote!(#value) };
        let stmt = quote_spanned! {span=>
            let #binding = #hpy_at_ty::impl_::#extract::<#class>(#source, &__HPY_DESC, #slot)?;
        };
        return (stmt, pass);
    }
    let expr = match p.kind {
        Kind::VarArgs => {
            let name = &p.name;
            quote_spanned!(span=> #hpy_at_ty::impl_::extract_named(&#varargs, &__HPY_DESC, #name)?)
        }
        Kind::VarKw => {
            let name = &p.name;
            if signature::is_option(&p.ty) {
                quote_spanned!(span=> match &#kwargs {
                    ::core::option::Option::Some(kwargs) => #hpy_at_ty::impl_::extract_named(kwargs, &__HPY_DESC, #name)?,
                    ::core::option::Option::None => ::core::option::Option::None,
                })
            } else {
                quote_spanned!(span=> #hpy_at_ty::impl_::extract_named(&#kwargs, &__HPY_DESC, #name)?)
            }
        }
        _ if spec.convention == Convention::O => {
            quote_spanned!(span=> #hpy_at_ty::impl_::extract_argument(&#arg, &__HPY_DESC, 0)?)
        }
        _ => match &p.default {
            None => {
                quote_spanned!(span=> #hpy_at_ty::impl_::extract_required(&#slots[#slot], &__HPY_DESC, #slot)?)
            }
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
                    ::core::option::Option::Some(arg) => #hpy_at_ty::impl_::extract_argument(arg, &__HPY_DESC, #slot)?,
                    ::core::option::Option::None => #fallback,
                })
            }
        },
    };
    (quote!(let #value = #expr;), quote!(#value))
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
