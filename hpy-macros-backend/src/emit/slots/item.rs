//! Reading items: `__getitem__` (the mapping and sequence slots) and
//! `__contains__`.

use super::common::{each_slot, expect, key_and_index_slots, operand, slot_def, slot_fn, slot_sig};
use crate::emit::call::into_return;
use crate::emit::output::Output;
use crate::model::{Callable, Receiver, SlotInfo, SlotKind::*};
use crate::tokens::local;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Type;

pub(super) fn item(
    out: &mut Output,
    self_ty: &Type,
    methods: &[(&'static SlotInfo, &Callable)],
) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    let ctx = local("__hpy_ctx");
    each_slot(self_ty, methods, |info, spec, site| {
        let (name, bind, recv) = (&site.name, site.bind.clone(), site.recv.clone());
        let call = |args: Vec<TokenStream>| site.call(args);
        match &info.kind {
            GetItem => {
                expect(
                    spec,
                    &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                    1..=1,
                    "fn(&self, key: K) -> T",
                )?;
                let key = local("__hpy_key");
                let (convert, pass) = operand(spec, 0, &quote!(&__hpy_key_handle), &key, None, self_ty);
                let ret = into_return(spec, call(vec![recv, pass]));
                let body = quote! {
                    #bind
                    #convert
                    #ret
                };
                let seq = format_ident!("{}_seq", name);
                key_and_index_slots(
                    out,
                    (name, "HPy_mp_subscript"),
                    (&seq, "HPy_sq_item"),
                    quote!(),
                    quote!(#hpy::sys::HPy),
                    body,
                );
            }
            Contains => {
                expect(
                    spec,
                    &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                    1..=1,
                    "fn(&self, item: T) -> bool",
                )?;
                let item = local("__hpy_item");
                let (convert, pass) = operand(
                    spec,
                    0,
                    &quote!(&__hpy_item_handle),
                    &item,
                    Some(quote!(return ::core::result::Result::Ok(0))),
                    self_ty,
                );
                let call = call(vec![recv, pass]);
                out.items.extend(slot_fn(
                    name,
                    slot_sig("HPy_sq_contains"),
                    quote!(__hpy_raw_self: #hpy::sys::HPy, __hpy_raw_item: #hpy::sys::HPy),
                    quote!(::core::ffi::c_int),
                    quote! {
                        // SAFETY: the item is open for the call.
                        let __hpy_item_handle = unsafe { #ctx.borrow_raw(__hpy_raw_item) };
                        #bind
                        #convert
                        #hpy::impl_::into_bool(#call)
                    },
                ));
                slot_def(out, name, "HPy_sq_contains");
            }
            _ => {}
        }
        Ok(())
    })
}
