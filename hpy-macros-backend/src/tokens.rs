//! Token helpers shared by the emitters: generated locals, C string
//! literals, spans of types, and types rewritten for generated code. A
//! leaf module: it uses nothing else of the backend.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{ToTokens, quote};
use std::ffi::CString;
use syn::spanned::Spanned;
use syn::{Ident, Type};

/// The names of the generated locals: `Span::mixed_site()` makes them
/// invisible to user code such as default values.
pub fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// Where errors about a type point: its last token (`WithField` in
/// `&mut WithField`; a type's own span is only its first token on stable).
pub fn type_span(ty: &Type) -> Span {
    last_span(ty)
}

/// The span of the last token of `item` (`self` in `&mut self`).
pub fn last_span(item: &impl quote::ToTokens) -> Span {
    let tokens = ToTokens::to_token_stream(item);
    tokens.clone().into_iter().last().map_or_else(|| tokens.span(), |t| t.span())
}

/// A C string literal token.
pub fn c_literal(text: &str, span: Span) -> syn::Result<Literal> {
    let text =
        CString::new(text).map_err(|_| syn::Error::new(span, "names cannot contain NUL characters"))?;
    let mut literal = Literal::c_string(&text);
    literal.set_span(span);
    Ok(literal)
}

/// `None`, or `Some(c"text")`: an optional docstring.
pub fn optional_c_literal(text: &str, span: Span) -> syn::Result<TokenStream> {
    if text.is_empty() {
        return Ok(quote!(::core::option::Option::None));
    }
    let literal = c_literal(text, span)?;
    Ok(quote!(::core::option::Option::Some(#literal)))
}

/// `ty` with every `Self` replaced by `self_ty` (generated code outside the
/// `impl` block cannot name `Self`).
pub fn replace_self(ty: &Type, self_ty: Option<&Type>) -> Type {
    use syn::visit_mut::VisitMut;
    struct Replace<'a>(&'a Type);
    impl VisitMut for Replace<'_> {
        fn visit_type_mut(&mut self, ty: &mut Type) {
            if let Type::Path(p) = ty
                && p.qself.is_none()
                && p.path.is_ident("Self")
            {
                *ty = self.0.clone();
                return;
            }
            syn::visit_mut::visit_type_mut(self, ty);
        }
    }
    let mut ty = ty.clone();
    if let Some(self_ty) = self_ty {
        Replace(self_ty).visit_type_mut(&mut ty);
    }
    ty
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
    let mut ty = replace_self(ty, self_ty);
    Elide.visit_type_mut(&mut ty);
    ty
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

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
}
