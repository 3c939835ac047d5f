//! The target of a definition: a zero-sized type naming the implementation
//! and its signature type (`hpy::impl_::sig::Keywords`, ...), so that a
//! definition or trampoline of another signature is a type error.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

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

/// `struct target;` and its `Target` impl: `implementation` with the
/// signature of the `HPyFunc_<sig>` implementation type.
pub fn target(target: &Ident, sig: &str, implementation: &Ident) -> TokenStream {
    target_with(target, sig_type(sig), implementation)
}

/// As [`target`], with the signature type given as tokens.
pub fn target_with(target: &Ident, sig: TokenStream, implementation: &Ident) -> TokenStream {
    let hpy = crate::krate::hpy();
    quote! {
        struct #target;
        // SAFETY: the implementation keeps HPy's contract for its signature
        // (which the compiler checks it has).
        unsafe impl #hpy::impl_::Target for #target {
            type Sig = #sig;
            const IMPL: <Self::Sig as #hpy::impl_::Signature>::Impl = #implementation;
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
