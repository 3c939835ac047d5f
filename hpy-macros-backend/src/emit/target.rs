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
    use quote::quote;

    /// Every implementation is a body run by the library's shell: the
    /// generated code has no `extern "C"` function and no `catch_unwind`.
    #[test]
    fn implementations_are_bodies_run_by_shells() {
        let function = crate::hpy_function(
            quote!(),
            quote!(
                fn add(a: i64, b: i64) -> i64 {
                    a + b
                }
            ),
        )
        .to_string();
        let methods = crate::hpy_methods(
            quote!(),
            quote! {
                impl Point {
                    #[new]
                    fn new(x: f64) -> Self { Point { x } }
                    fn norm(&self) -> f64 { self.x }
                    #[getter]
                    fn x(&self) -> f64 { self.x }
                    fn __len__(&self) -> usize { 1 }
                    fn __add__(&self, other: &Point) -> Point { Point { x: self.x + other.x } }
                    fn __del__(&mut self) {}
                }
            },
        )
        .to_string();
        for code in [&function, &methods] {
            assert!(!code.contains("extern"), "{code}");
            assert!(!code.contains("catch_unwind"), "{code}");
            assert!(code.contains("const IMPL : < Self :: Sig as :: hpy :: impl_ :: Signature > :: Impl = < Self :: Sig as :: hpy :: impl_ :: Shell < Self >> :: SHELL"), "{code}");
        }
        assert!(
            function.contains(
                "impl :: hpy :: impl_ :: Body < :: hpy :: impl_ :: sig :: Keywords > for __hpy_impl_Target"
            ),
            "{function}"
        );
        for slot in ["HPy_mp_length", "HPy_nb_add", "HPy_tp_finalize", "HPy_tp_new"] {
            assert!(methods.contains(slot), "{slot}: {methods}");
        }
    }

    #[test]
    fn signature_type_names() {
        assert_eq!(super::sig_type("keywords").to_string(), ":: hpy :: impl_ :: sig :: Keywords");
        assert_eq!(
            super::sig_type("capsule_destructor").to_string(),
            ":: hpy :: impl_ :: sig :: CapsuleDestructor"
        );
    }
}
