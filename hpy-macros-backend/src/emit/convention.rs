//! The calling conventions: the static description of the parameters,
//! the implementation's raw parameters and the statements that parse them,
//! and the implementation's target around a body.

use crate::model::{Callable, Convention, Kind, Param, is_option};
use crate::tokens::local;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

/// The static `FunctionDescription` of the parameters.
pub fn description(spec: &Callable) -> TokenStream {
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

/// The target `target` of an implementation with HPy's `(ctx, self, ..) ->
/// R` shape (`R` is `ret`, `HPy` unless given) and the convention's
/// `raw_params`: its body is the argument description `desc`, then `body`
/// (statements ending with the `HPyResult<R>` to return, `__hpy_ctx` in
/// scope), run by the library's shell of signature `sig`.
pub fn shelled_impl(
    target: &Ident,
    sig: TokenStream,
    raw_params: &TokenStream,
    desc: &TokenStream,
    ret: Option<TokenStream>,
    body: TokenStream,
) -> TokenStream {
    let hpy = crate::krate::hpy();
    let ret = ret.unwrap_or_else(|| quote!(#hpy::sys::HPy));
    let params = quote!(__hpy_raw_self: #hpy::sys::HPy, #raw_params);
    super::target::shelled(target, sig, params, ret, quote!(#desc #body))
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
pub fn convention_parts(spec: &Callable, source: Source) -> (TokenStream, TokenStream, Ident, Ident) {
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
        Some(p) if is_option(&p.ty) => quote!(let #kwargs = #extra.kwargs;),
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
