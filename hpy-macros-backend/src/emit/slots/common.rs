//! What the slot emitters share: the shape check of a slot method, its
//! receiver and operands, the slot implementation's target and its
//! definitions.

use crate::emit::call::receiver_binding;
use crate::emit::output::Output;
use crate::model::{Callable, Receiver, SlotInfo};
use crate::tokens::{probe_type, type_span};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
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

/// Runs `emit` for each slot method of one family, with its call site, and
/// reports every method's error rather than stopping at the first.
pub(super) fn each_slot(
    self_ty: &Type,
    methods: &[(&'static SlotInfo, &Callable)],
    mut emit: impl FnMut(&'static SlotInfo, &Callable, &Site) -> syn::Result<()>,
) -> syn::Result<()> {
    let mut errors = crate::errors::Errors::default();
    for (info, spec) in methods {
        errors.push(emit(info, spec, &Site::new(info, spec, self_ty)));
    }
    errors.finish()
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
    operand_in(spec, index, source, value, on_mismatch, self_ty, None)
}

/// [`operand`], with the slot's class loaded already (`loaded`, an
/// expression of type `Option<&ClassType<'_, Self>>`): an operand of the
/// same class is checked against it. The route (a class borrowed, or a
/// `FromHPy` conversion) is chosen by the compiler from the parameter's
/// type, through `hpy::impl_::ArgProbe`, as for arguments.
pub(super) fn operand_in(
    spec: &Callable,
    index: usize,
    source: &TokenStream,
    value: &syn::Ident,
    on_mismatch: Option<TokenStream>,
    self_ty: &Type,
    loaded: Option<TokenStream>,
) -> (TokenStream, TokenStream) {
    let p = &spec.params[index];
    let name = &p.name;
    let method = spec.rust_name.to_string();
    // Every token at the type, in the locals' context: a failed bound is
    // reported at the type.
    let at = Span::mixed_site().located_at(type_span(&p.ty));
    let hpy = crate::krate::hpy_at(at);
    let ty = probe_type(&p.ty, Some(self_ty));
    let holder = Ident::new(&format!("{value}_holder"), at);
    let value = Ident::new(&value.to_string(), at);
    let probe = quote_spanned!(at=> (&&#hpy::impl_::ArgProbe::<#ty>::new()));
    let imports = quote_spanned! {at=>
        #[allow(unused_imports)]
        use #hpy::impl_::{
            OperandClassMut as _, OperandClassRef as _, OperandValue as _, ProbeClassMut as _,
            ProbeClassRef as _, ProbeValue as _,
        };
        let mut #holder = #probe.holder();
    };
    let stmt = match on_mismatch {
        // Raising: the argument's conversion, naming the method and parameter.
        None => quote_spanned! {at=>
            #imports
            let #value = #probe.extract_as(#source, &mut #holder, #method, #name)?;
        },
        // `None` when the operand does not fit.
        Some(mismatch) => {
            let loaded = loaded.unwrap_or_else(
                || quote!(::core::option::Option::None::<&#hpy::impl_::ClassType<'_, #self_ty>>),
            );
            quote_spanned! {at=>
                #imports
                let #value = match #probe.operand_in(#source, &mut #holder, #loaded)? {
                    ::core::option::Option::Some(value) => value,
                    ::core::option::Option::None => #mismatch,
                };
            }
        }
    };
    (stmt, quote!(#value))
}

/// The slot implementation `name` (its target `<name>_Target`), of
/// signature `sig`: its C parameters after the context, its return type and
/// its body (with `__hpy_ctx` in scope), run by the library's shell of the
/// signature.
pub(super) fn slot_fn(
    name: &syn::Ident,
    sig: TokenStream,
    params: TokenStream,
    ret: TokenStream,
    body: TokenStream,
) -> TokenStream {
    crate::emit::target::shelled(&format_ident!("{}_Target", name), sig, params, ret, body)
}

/// One item slot in its two forms, both running `body` with the key bound
/// to `__hpy_key_handle`: the mapping form `name` (slot `mapping`) receives
/// the key as a handle, the sequence form `seq` (slot `sequence`) as an
/// index, made into an int. `rest` are the parameters after the key, `ret`
/// the C return type.
pub(super) fn key_and_index_slots(
    out: &mut Output,
    (name, mapping): (&Ident, &str),
    (seq, sequence): (&Ident, &str),
    rest: TokenStream,
    ret: TokenStream,
    body: TokenStream,
) {
    let hpy = crate::krate::hpy();
    let ctx = crate::tokens::local("__hpy_ctx");
    out.items.extend(slot_fn(
        name,
        slot_sig(mapping),
        quote!(__hpy_raw_self: #hpy::sys::HPy, __hpy_raw_key: #hpy::sys::HPy #rest),
        ret.clone(),
        quote! {
            // SAFETY: the key is open for the call.
            let __hpy_key_handle = unsafe { #ctx.borrow_raw(__hpy_raw_key) };
            #body
        },
    ));
    slot_def(out, name, mapping);
    out.items.extend(slot_fn(
        seq,
        slot_sig(sequence),
        quote!(__hpy_raw_self: #hpy::sys::HPy, __hpy_index: #hpy::sys::HPy_ssize_t #rest),
        ret,
        quote! {
            let __hpy_key_handle = #hpy::IntoHPy::into_hpy(__hpy_index, #ctx)?;
            #body
        },
    ));
    slot_def(out, seq, sequence);
}

/// The signature type of slot `slot` (`hpy::impl_::slot::*`, generated from
/// the ABI table).
pub(super) fn slot_sig(slot: &str) -> TokenStream {
    let hpy = crate::krate::hpy();
    let slot = format_ident!("{slot}");
    quote!(<#hpy::impl_::slot::#slot as #hpy::impl_::Slot>::Sig)
}

/// A slot definition for implementation `name` (its target
/// `<name>_Target`).
pub fn slot_def(out: &mut Output, name: &syn::Ident, slot: &str) {
    slot_defs(out, name, &[slot]);
}

/// Definitions of the slots `slots` with the same implementation `name`
/// (its target `<name>_Target`, of the signature of the first slot): each
/// definition checks, by type, that the target has its slot's signature.
pub fn slot_defs(out: &mut Output, name: &syn::Ident, slots: &[&str]) {
    let hpy = crate::krate::hpy();
    let target = format_ident!("{}_Target", name);
    for slot in slots {
        let def = format_ident!("{}_{}_DEF", name.to_string().to_uppercase(), slot.to_uppercase());
        let slot = format_ident!("{slot}");
        out.items.extend(quote! {
            static #def: #hpy::sys::HPyDef = #hpy::impl_::slot_def::<#hpy::impl_::slot::#slot, #target>();
        });
        out.defs.push(def);
    }
}
