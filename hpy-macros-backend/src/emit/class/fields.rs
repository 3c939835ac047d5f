//! The struct's fields: members and getsets, the storable check, and the
//! fields the GC traverses.

use crate::model::unraw;
use crate::parse::{FieldOptions, doc_text};
use crate::tokens::{c_literal, local, optional_c_literal};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Fields, Ident, ItemStruct, LitStr, Type};

/// Types valid for one call only: a class that stored one would use it
/// after the call (the compiler would also refuse them, less clearly).
const CALL_SCOPED: &[&str] = &["Handle", "Borrowed", "Ctx", "Instance", "Module", "HPy", "HPyContext"];

/// Every identifier in `tokens`, nested groups included.
fn idents(tokens: TokenStream) -> Vec<Ident> {
    let mut out = Vec::new();
    for token in tokens {
        match token {
            proc_macro2::TokenTree::Ident(ident) => out.push(ident),
            proc_macro2::TokenTree::Group(group) => out.extend(idents(group.stream())),
            _ => {}
        }
    }
    out
}

/// Refuses a struct field that would keep a handle beyond its call.
pub(super) fn check_storable(ty: &Type) -> syn::Result<()> {
    let Some(ident) = idents(quote!(#ty)).into_iter().find(|i| CALL_SCOPED.iter().any(|name| i == name))
    else {
        return Ok(());
    };
    Err(syn::Error::new(
        ty.span(),
        format!(
            "a `{ident}` cannot be stored in a class: it is valid during one call only; \
             store the object in a `hpy::Field` (or a `hpy::Global` for statics)"
        ),
    ))
}

/// The definitions `#[hpy(member)]` and `#[hpy(get, set)]` fields produce,
/// and every field (the GC traverses those whose type implements
/// `Traverse`; the others must be `Send`).
pub(super) struct FieldDefs {
    pub(super) statics: TokenStream,
    pub(super) defs: Vec<Ident>,
    pub(super) fields: Vec<(Ident, Type)>,
    /// Whether a field is a member (Python reads and writes it directly).
    pub(super) has_members: bool,
    /// The stub records of the members and getsets (`stub_records.rs`).
    pub(super) stubs: Vec<TokenStream>,
}

pub(super) fn field_defs(class: &Ident, item: &mut ItemStruct, frozen: bool) -> syn::Result<FieldDefs> {
    let hpy = crate::krate::hpy();
    let mut out = FieldDefs {
        statics: TokenStream::new(),
        defs: Vec::new(),
        fields: Vec::new(),
        has_members: false,
        stubs: Vec::new(),
    };
    let Fields::Named(named) = &mut item.fields else {
        if let Fields::Unnamed(fields) = &item.fields {
            return Err(syn::Error::new(
                fields.span(),
                "#[hpy_type] needs a struct with named fields (or no fields)",
            ));
        }
        return Ok(out);
    };
    for field in &mut named.named {
        let ident = field.ident.clone().expect("named fields");
        let options = FieldOptions::take(&mut field.attrs)?;
        let ty = &field.ty;
        check_storable(ty)?;
        out.fields.push((ident.clone(), ty.clone()));
        let py_name = options.name.as_ref().map_or_else(|| unraw(&ident), LitStr::value);
        let name = c_literal(&py_name, ident.span())?;
        let doc = optional_c_literal(&doc_text(&field.attrs), ident.span())?;
        let span = ty.span();
        let hpy_at_ty = crate::krate::hpy_at(span);
        if options.member {
            out.has_members = true;
            out.stubs.push(crate::emit::stub_records::field(&py_name, !options.readonly));
            let def = format_ident!("__HPY_MEMBER_{}", ident);
            let member_kind = if options.readonly {
                if frozen {
                    quote_spanned!(span=> <#ty as #hpy_at_ty::impl_::MemberField>::KIND)
                } else {
                    quote_spanned!(span=> <#ty as #hpy_at_ty::impl_::SharedMemberField>::KIND)
                }
            } else {
                quote_spanned!(span=> <#ty as #hpy_at_ty::impl_::SharedMemberField>::KIND)
            };
            let readonly = options.readonly;
            out.statics.extend(quote! {
                const _: () = ::core::assert!(
                    !<#class as #hpy::class::ClassBase>::DETACHED,
                    "a class derived from int or tuple keeps its data outside the object: \
                     it cannot have members; use #[hpy(get, set)]"
                );
                // SAFETY: the offset is that of the field inside the class's
                // payload, and the member kind matches the field's type.
                static #def: #hpy::sys::HPyDef = unsafe {
                    #hpy::impl_::member_def(
                        #name,
                        #member_kind,
                        #hpy::impl_::value_offset::<#class>() + ::core::mem::offset_of!(#class, #ident),
                        #readonly,
                        #doc,
                    )
                };
            });
            out.defs.push(def);
        } else if options.get || options.set {
            out.stubs.push(crate::emit::stub_records::field(&py_name, options.set));
            out.statics.extend(getset(class, &ident, ty, &options, (&name, &py_name), &doc));
            out.defs.push(format_ident!("__HPY_GETSET_{}", ident));
        }
    }
    Ok(out)
}

/// `T` if `ty` is `Cell<T>`.
pub(super) fn cell_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else { return None };
    match (last.ident == "Cell", args.args.first(), args.args.len()) {
        (true, Some(syn::GenericArgument::Type(inner)), 1) => Some(inner),
        _ => None,
    }
}

/// The getter/setter implementations and definition of a `get`/`set` field.
fn getset(
    class: &Ident,
    ident: &Ident,
    ty: &Type,
    options: &FieldOptions,
    (name, py_name): (&proc_macro2::Literal, &str),
    doc: &TokenStream,
) -> TokenStream {
    let hpy = crate::krate::hpy();
    let def = format_ident!("__HPY_GETSET_{}", ident);
    let [ctx, this, value] = ["__hpy_ctx", "__hpy_self", "__hpy_value"].map(local);
    // A `Cell` field is read and written through a shared borrow (so that a
    // class that cannot be borrowed mutably can have settable fields).
    let (value_ty, read, write) = match cell_inner(ty) {
        Some(inner) => {
            (inner, quote!(#this.borrow()?.#ident.get()), quote!(#this.borrow()?.#ident.set(#value)))
        }
        None => (
            ty,
            quote!(::core::clone::Clone::clone(&#this.borrow()?.#ident)),
            // Only a class that is `Mutable` has `borrow_mut`: the error for
            // another points at the field.
            {
                let at = proc_macro2::Span::mixed_site().located_at(ident.span());
                let [this_at, value_at] = ["__hpy_self", "__hpy_value"].map(|name| Ident::new(name, at));
                quote_spanned! {at=>
                    #this_at.borrow_mut()?.#ident = #value_at
                }
            },
        ),
    };
    let getter = options.get.then(|| {
        let target = format_ident!("__HpyGetter_{}", ident);
        let tokens = crate::emit::target::shelled(
            &target,
            crate::emit::target::sig_type("getter"),
            quote!(__hpy_raw_self: #hpy::sys::HPy, _: *mut ::core::ffi::c_void),
            quote!(#hpy::sys::HPy),
            quote! {
                // SAFETY: HPy calls getters with an instance of the class.
                let #this = unsafe { #hpy::impl_::receiver::<#class>(#ctx, __hpy_raw_self) }?;
                let value: #value_ty = #read;
                // SAFETY: the raw handle goes back to HPy, which takes it over.
                unsafe { #hpy::impl_::IntoReturn::into_return(value, #ctx) }
            },
        );
        (quote!(#target), tokens)
    });
    let setter = options.set.then(|| {
        let target = format_ident!("__HpySetter_{}", ident);
        let tokens = crate::emit::target::shelled(
            &target,
            crate::emit::target::sig_type("setter"),
            quote!(__hpy_raw_self: #hpy::sys::HPy, __hpy_raw_value: #hpy::sys::HPy, _: *mut ::core::ffi::c_void),
            quote!(::core::ffi::c_int),
            quote! {
                // SAFETY: HPy calls setters with an instance of the class
                // and the new value (null to delete), open for the call.
                let #this = unsafe { #hpy::impl_::receiver::<#class>(#ctx, __hpy_raw_self) }?;
                // SAFETY: as above.
                let value_handle = unsafe { #hpy::impl_::setter_handle(#ctx, __hpy_raw_value, #py_name) }?;
                let #value: #value_ty = #hpy::impl_::setter_extract(&value_handle, #py_name)?;
                #write;
                ::core::result::Result::Ok(0)
            },
        );
        (quote!(#target), tokens)
    });
    let no_impl = || (quote!(#hpy::impl_::NoImpl), quote!());
    let (get_target, getter) = getter.unwrap_or_else(no_impl);
    let (set_target, setter) = setter.unwrap_or_else(no_impl);
    quote! {
        #getter
        #setter
        // SAFETY: the targets have HPy's getter and setter signatures.
        static #def: #hpy::sys::HPyDef = unsafe { #hpy::impl_::getset_def::<#get_target, #set_target>(#name, #doc) };
    }
}
