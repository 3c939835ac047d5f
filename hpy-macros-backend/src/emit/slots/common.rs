//! What the slot emitters share: the shape check of a slot method, its
//! receiver and operands, the `extern "C"` slot function and its
//! definitions.

use crate::emit::call::receiver_binding;
use crate::emit::output::Output;
use crate::model::{Callable, Receiver, SlotInfo};
use crate::tokens::{local, probe_type, replace_self};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, Type};

/// What the emitter of one slot method starts from: the name of its
/// implementation, the binding of its receiver and the path of the method.
pub(super) struct Site {
    pub name: Ident,
    pub bind: TokenStream,
    pub recv: TokenStream,
    method: TokenStream,
}

impl Site {
    pub fn new(info: &SlotInfo, spec: &Callable, self_ty: &Type) -> Site {
        let m = &spec.rust_name;
        let name = format_ident!("__hpy_slot_{}", info.name.trim_matches('_'));
        let (bind, recv) = receiver(spec, self_ty, &format_ident!("__hpy_raw_self"));
        Site { name, bind, recv, method: quote!(<#self_ty>::#m) }
    }

    /// The call of the method with `args`.
    pub fn call(&self, args: Vec<TokenStream>) -> TokenStream {
        let method = &self.method;
        quote!(#method(#(#args),*))
    }
}

pub(super) fn error(spec: &Callable, message: String) -> syn::Error {
    syn::Error::new(spec.rust_name.span(), message)
}

/// Checks a slot method's shape: its receiver and its number of Python
/// parameters.
pub(super) fn expect(
    spec: &Callable,
    receivers: &[Receiver],
    params: std::ops::RangeInclusive<usize>,
    shape: &str,
) -> syn::Result<()> {
    let count = spec.params.len();
    if !receivers.contains(&spec.receiver) || !params.contains(&count) {
        return Err(error(spec, format!("`{}` must look like `{shape}`", spec.rust_name)));
    }
    Ok(())
}

/// The locals holding the receiver, and how the call passes it.
pub(super) fn receiver(spec: &Callable, self_ty: &Type, raw: &syn::Ident) -> (TokenStream, TokenStream) {
    receiver_binding(spec, self_ty, raw)
}

/// Converts an operand into Python parameter `index` of `spec`: the
/// statement binding `local`, and how the call passes it. `on_mismatch`
/// runs when the operand does not convert (a binary operator answers
/// `NotImplemented`; other slots raise).
pub(super) fn operand(
    spec: &Callable,
    index: usize,
    source: &TokenStream,
    value: &syn::Ident,
    on_mismatch: Option<TokenStream>,
    self_ty: &Type,
) -> (TokenStream, TokenStream) {
    let hpy = crate::krate::hpy();
    let p = &spec.params[index];
    let name = &p.name;
    let method = spec.rust_name.to_string();
    let Some(mismatch) = on_mismatch else {
        // Raising: the route is chosen from the type, as for arguments.
        let span = p.ty.span();
        let hpy_at_ty = crate::krate::hpy_at(span);
        let ty = probe_type(&p.ty, Some(self_ty));
        let holder = format_ident!("{}_holder", value);
        let stmt = quote_spanned! {span=>
            #[allow(unused_imports)]
            use #hpy_at_ty::impl_::{ProbeClassMut as _, ProbeClassRef as _, ProbeValue as _};
            let mut #holder = (&&#hpy_at_ty::impl_::ArgProbe::<#ty>::new()).holder();
            let #value = (&&#hpy_at_ty::impl_::ArgProbe::<#ty>::new())
                .extract_as(#source, &mut #holder, #method, #name)?;
        };
        return (stmt, quote!(#value));
    };
    // A binary operator's operand (`NotImplemented` when it does not fit):
    // a class borrow for `&T`/`&mut T` of a class, else a conversion.
    if let Some((mutable, class)) = class_ref(&p.ty) {
        let class = replace_self(class, Some(self_ty));
        let (cell_borrow, pass) = if mutable {
            (quote!(try_borrow_mut), quote!(&mut *#value))
        } else {
            (quote!(try_borrow), quote!(&*#value))
        };
        let binding = if mutable { quote!(mut #value) } else { quote!(#value) };
        let stmt = quote! {
            let #binding = match #hpy::impl_::operand_cell::<#class>(#source)? {
                ::core::option::Option::Some(cell) => cell.#cell_borrow()?,
                ::core::option::Option::None => #mismatch,
            };
        };
        return (stmt, pass);
    }
    let stmt = quote! {
        let #value = match #hpy::impl_::extract_operand(#source)? {
            ::core::option::Option::Some(value) => value,
            ::core::option::Option::None => #mismatch,
        };
    };
    (stmt, quote!(#value))
}

/// The slot implementation `name`: its C parameters after the context, its
/// return type and its body (with `__hpy_ctx` in scope).
pub(super) fn slot_fn(
    name: &syn::Ident,
    params: TokenStream,
    ret: TokenStream,
    body: TokenStream,
) -> TokenStream {
    let hpy = crate::krate::hpy();
    let [ctx, raw_ctx, closure] = ["__hpy_ctx", "__hpy_raw_ctx", "__hpy_body"].map(local);
    quote! {
        unsafe extern "C" fn #name(#raw_ctx: *mut #hpy::sys::HPyContext, #params) -> #ret {
            let #closure = |#ctx: #hpy::Ctx<'_>| -> #hpy::HPyResult<#ret> { #body };
            // SAFETY: HPy calls the slot with the context of the call.
            unsafe { #hpy::impl_::run(#raw_ctx, #closure) }
        }
    }
}

/// A slot definition for implementation `name` (a target type is emitted).
pub fn slot_def(out: &mut Output, name: &syn::Ident, erase: &str, slot: &str, sig: &str) {
    slot_defs(out, name, erase, &[slot], sig);
}

/// Definitions of several slots with the same implementation `name`.
pub(super) fn slot_defs(out: &mut Output, name: &syn::Ident, erase: &str, slots: &[&str], sig: &str) {
    let hpy = crate::krate::hpy();
    let target = format_ident!("{}_Target", name);
    let erase = format_ident!("{erase}");
    let sig = format_ident!("HPyFunc_{sig}");
    out.items.extend(quote! {
        struct #target;
        // SAFETY: the implementation has the signature `erase` takes.
        unsafe impl #hpy::impl_::trampolines::Target for #target {
            const IMPL: #hpy::sys::HPyCFunction = #hpy::impl_::erase::#erase(#name);
        }
    });
    for slot in slots {
        let def = format_ident!("{}_{}_DEF", name.to_string().to_uppercase(), slot.to_uppercase());
        let slot = format_ident!("{slot}");
        out.items.extend(quote! {
            // SAFETY: the slot has signature `sig`, which the target implements.
            static #def: #hpy::sys::HPyDef = unsafe { #hpy::impl_::slot_def::<#target>(#hpy::sys::#slot, #hpy::sys::#sig) };
        });
        out.defs.push(def);
    }
}

/// `&T` or `&mut T` where `T` looks like a class, for the operands of
/// binary operators only (which answer `NotImplemented` for an operand of
/// another type; every other parameter is routed by its type through
/// `hpy::impl_::ArgProbe`). Classes cannot be generic, so a type with
/// generic arguments (`&Handle<'_>`, the typed views such as `&List<'_>`)
/// converts directly, as do `&str`, slices and handles written without
/// their lifetime.
pub(super) fn class_ref(ty: &Type) -> Option<(bool, &Type)> {
    let Type::Reference(r) = ty else { return None };
    let direct = match &*r.elem {
        Type::Path(path) => path.path.segments.last().is_none_or(|s| {
            !s.arguments.is_empty() || matches!(s.ident.to_string().as_str(), "str" | "Handle" | "Borrowed")
        }),
        _ => true,
    };
    (!direct).then_some((r.mutability.is_some(), &*r.elem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn class_references_are_told_from_direct_ones() {
        let is_class = |ty: Type| class_ref(&ty).map(|(mutable, _)| mutable);
        assert_eq!(is_class(parse_quote!(&Point)), Some(false));
        assert_eq!(is_class(parse_quote!(&mut crate::shapes::Point)), Some(true));
        assert_eq!(is_class(parse_quote!(&mut Self)), Some(true));
        // A user class may be called `List`: only hpy's view has a lifetime.
        assert_eq!(is_class(parse_quote!(&List)), Some(false));
        for direct in [
            parse_quote!(&str),
            parse_quote!(&[u8]),
            parse_quote!(&Handle<'_>),
            parse_quote!(&Handle),
            parse_quote!(&hpy::types::List<'_>),
            parse_quote!(&Instance<'_, Point>),
            parse_quote!(Point),
        ] {
            assert_eq!(is_class(direct), None);
        }
    }
}
