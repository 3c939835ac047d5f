//! The target of a definition: a zero-sized type naming the implementation
//! and its signature type (`hpy::impl_::sig::Keywords`, ...), so that a
//! definition or trampoline of another signature is a type error. The
//! implementation is the library's shell of the signature
//! (`hpy::impl_::shell::*`, generic `extern "C"` functions that run a body
//! inside `hpy::impl_::run`), instantiated for the body the target carries.

use crate::tokens::local;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::punctuated::Punctuated;
use syn::{FnArg, Ident, Token};

/// The signature type of the `HPyFunc_<name>` implementation type:
/// `keywords` -> `Keywords`, `capsule_destructor` -> `CapsuleDestructor`.
pub fn sig_type(name: &str) -> TokenStream {
    let hpy = crate::krate::hpy();
    let camel: String = name
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
            })
        })
        .collect();
    let camel = format_ident!("{camel}");
    quote!(#hpy::impl_::sig::#camel)
}

/// `struct target;` with its body and its `Target` impl: `body` (statements
/// ending with the `HPyResult<ret>` to return, with `__hpy_ctx` and the
/// implementation's C arguments after the context, `params`, in scope)
/// becomes `hpy::impl_::Body<sig>` of the target, and the implementation is
/// the library's shell of `sig` for it. Nothing here is `extern "C"` or
/// catches panics: the shell does.
pub fn shelled(
    target: &Ident,
    sig: TokenStream,
    params: TokenStream,
    ret: TokenStream,
    body: TokenStream,
) -> TokenStream {
    let hpy = crate::krate::hpy();
    let ctx = local("__hpy_ctx");
    let params = syn::parse::Parser::parse2(Punctuated::<FnArg, Token![,]>::parse_terminated, params)
        .expect("the emitters write C parameters as `name: Type`");
    let (pats, tys): (Vec<_>, Vec<_>) = params
        .iter()
        .map(|arg| match arg {
            FnArg::Typed(typed) => (&typed.pat, &typed.ty),
            FnArg::Receiver(_) => unreachable!("C parameters have no receiver"),
        })
        .unzip();
    quote! {
        struct #target;
        // SAFETY: the body keeps HPy's contract for the signature: it returns
        // a new handle (from `IntoReturn`) or an error, and closes no argument.
        unsafe impl #hpy::impl_::Body<#sig> for #target {
            #[inline]
            unsafe fn call(#ctx: #hpy::Ctx<'_>, (#(#pats,)*): (#(#tys,)*)) -> #hpy::HPyResult<#ret> {
                #body
            }
        }
        // SAFETY: the implementation is the library's shell running the body above.
        unsafe impl #hpy::impl_::Target for #target {
            type Sig = #sig;
            const IMPL: <Self::Sig as #hpy::impl_::Signature>::Impl =
                <Self::Sig as #hpy::impl_::Shell<Self>>::SHELL;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn signature_type_names() {
        assert_eq!(super::sig_type("keywords").to_string(), ":: hpy :: impl_ :: sig :: Keywords");
        assert_eq!(
            super::sig_type("capsule_destructor").to_string(),
            ":: hpy :: impl_ :: sig :: CapsuleDestructor"
        );
    }
}
