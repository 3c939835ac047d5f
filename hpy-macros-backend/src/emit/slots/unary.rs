//! Slots of one object: `__repr__`, `__str__`, the unary number
//! operators, `__bool__`, `__len__`, `__hash__`.

use super::common::{each_slot, expect, slot_def, slot_defs, slot_fn, slot_sig};
use crate::emit::call::into_return;
use crate::emit::output::Output;
use crate::model::{Callable, Receiver, SlotInfo, SlotKind::*};
use proc_macro2::TokenStream;
use quote::quote;
use syn::Type;

pub(super) fn unary(
    out: &mut Output,
    self_ty: &Type,
    methods: &[(&'static SlotInfo, &Callable)],
) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    each_slot(self_ty, methods, |info, spec, site| {
        let (name, bind, recv) = (&site.name, site.bind.clone(), site.recv.clone());
        let call = |args: Vec<TokenStream>| site.call(args);
        match &info.kind {
            Unary { slot } => {
                expect(
                    spec,
                    &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                    0..=0,
                    "fn(&self) -> T",
                )?;
                let ret = into_return(spec, call(vec![recv]));
                out.items.extend(slot_fn(
                    name,
                    slot_sig(slot),
                    quote!(__hpy_raw_self: #hpy::sys::HPy),
                    quote!(#hpy::sys::HPy),
                    quote! {
                        #bind
                        #ret
                    },
                ));
                slot_def(out, name, slot);
            }
            Bool | Len | Hash => {
                let (shape, ret, convert, slot): (&str, _, _, &[&str]) = match info.kind {
                    Bool => (
                        "fn(&self) -> bool",
                        quote!(::core::ffi::c_int),
                        quote!(#hpy::impl_::into_bool),
                        &["HPy_nb_bool"],
                    ),
                    Len => (
                        "fn(&self) -> usize",
                        quote!(#hpy::sys::HPy_ssize_t),
                        quote!(#hpy::impl_::into_len),
                        &["HPy_mp_length", "HPy_sq_length"],
                    ),
                    _ => (
                        "fn(&self) -> u64 (or another integer)",
                        quote!(#hpy::sys::HPy_hash_t),
                        quote!(#hpy::impl_::into_hash),
                        &["HPy_tp_hash"],
                    ),
                };
                expect(spec, &[Receiver::Ref, Receiver::RefMut, Receiver::Instance], 0..=0, shape)?;
                let call = call(vec![recv]);
                out.items.extend(slot_fn(
                    name,
                    slot_sig(slot[0]),
                    quote!(__hpy_raw_self: #hpy::sys::HPy),
                    ret,
                    quote! {
                        #bind
                        #convert(#call)
                    },
                ));
                slot_defs(out, name, slot);
            }
            _ => {}
        }
        Ok(())
    })
}
