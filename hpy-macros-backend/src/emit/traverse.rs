//! `#[derive(Traverse)]`: the `Traverse` implementation of a struct or enum
//! that holds `Field`s, reporting each field whose type implements
//! `Traverse` and requiring every other field to be `Send` (so that it
//! holds none: a type holding a `Field` is not `Send`). A field behind
//! interior mutability (`RefCell<Field>`) is neither, hence refused.

use crate::tokens::local;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields};

/// The pattern binding every field of `fields` (after `path`) and the
/// statements traversing them.
fn fields_arm(path: TokenStream, fields: &Fields) -> TokenStream {
    let visit = local("__hpy_visit");
    let bindings: Vec<_> = (0..fields.len()).map(|i| format_ident!("__hpy_f{i}")).collect();
    let pattern = match fields {
        Fields::Named(named) => {
            let names = named.named.iter().map(|f| f.ident.as_ref().expect("named fields"));
            quote!(#path { #(#names: #bindings),* })
        }
        Fields::Unnamed(_) => quote!(#path(#(#bindings),*)),
        Fields::Unit => quote!(#path),
    };
    let visits = fields.iter().zip(&bindings).map(|(field, binding)| {
        let ty = &field.ty;
        let hpy = crate::krate::hpy_at(ty.span());
        quote_spanned! {ty.span()=>
            // A type holds `Field`s (`Traverse`) or none (`Send`).
            let _ = (&&#hpy::impl_::FieldProbe::<#ty>::new()).holds_fields();
            let status = (&&#hpy::impl_::FieldProbe::<#ty>::new()).traverse_field(#binding, #visit);
            if status != 0 {
                return status;
            }
        }
    });
    quote!(#pattern => { #(#visits)* })
}

pub fn derive(item: DeriveInput) -> syn::Result<TokenStream> {
    let hpy = crate::krate::hpy();
    if !item.generics.params.is_empty() {
        return Err(syn::Error::new(
            item.generics.span(),
            "#[derive(Traverse)] cannot be generic: a class's types are concrete",
        ));
    }
    let name = &item.ident;
    let visit = local("__hpy_visit");
    let body = match &item.data {
        Data::Struct(data) => {
            let arm = fields_arm(quote!(Self), &data.fields);
            quote!(match self { #arm })
        }
        Data::Enum(data) if data.variants.is_empty() => quote!(match *self {}),
        Data::Enum(data) => {
            let arms = data.variants.iter().map(|variant| {
                let ident = &variant.ident;
                fields_arm(quote!(Self::#ident), &variant.fields)
            });
            quote!(match self { #(#arms)* })
        }
        Data::Union(data) => {
            return Err(syn::Error::new(
                data.union_token.span(),
                "#[derive(Traverse)] needs a struct or an enum: a union cannot say which field it holds",
            ));
        }
    };
    Ok(quote! {
        #[allow(clippy::undocumented_unsafe_blocks)]
        const _: () = {
            // SAFETY: every field whose type holds `Field`s (implements
            // `Traverse`) is reported; every other field is `Send`, so it
            // holds none; a shared reference to the value hands out shared
            // references to its fields only, so no `Field` moves out of it.
            #[automatically_derived]
            unsafe impl #hpy::class::Traverse for #name {
                fn traverse(&self, #visit: &mut #hpy::class::Visit<'_>) -> ::core::ffi::c_int {
                    use #hpy::impl_::{ProbeNothing as _, ProbeTraverse as _};
                    #body
                    0
                }
            }
        };
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn expand(item: DeriveInput) -> syn::Result<String> {
        derive(item).map(|tokens| tokens.to_string())
    }

    #[test]
    fn every_field_is_probed() {
        let out = expand(parse_quote!(
            struct Branches {
                left: Field,
                label: String,
            }
        ))
        .unwrap();
        assert!(out.contains("Self { left : __hpy_f0 , label : __hpy_f1 }"), "{out}");
        assert_eq!(out.matches("FieldProbe :: < Field >").count(), 2);
        assert_eq!(out.matches("FieldProbe :: < String >").count(), 2);
        let out = expand(parse_quote!(
            enum Slot {
                Empty,
                One(Field),
                Named { a: [Field; 2] },
            }
        ))
        .unwrap();
        assert!(out.contains("Self :: Empty =>"), "{out}");
        assert!(out.contains("Self :: One (__hpy_f0) =>"), "{out}");
        assert!(out.contains("Self :: Named { a : __hpy_f0 } =>"), "{out}");
    }

    #[test]
    fn generics_and_unions_are_refused() {
        let generic = expand(parse_quote!(
            struct Pair<T> {
                a: T,
            }
        ));
        assert!(generic.unwrap_err().to_string().contains("cannot be generic"));
        let union = expand(parse_quote!(
            union U {
                a: u8,
            }
        ));
        assert!(union.unwrap_err().to_string().contains("struct or an enum"));
    }
}
