//! In-place operators (`__iadd__`, ...): one number slot each.

use super::common::{each_slot, expect, operand, slot_def, slot_fn, slot_sig};
use crate::emit::call::not_implemented;
use crate::emit::output::Output;
use crate::model::{Callable, Receiver, SlotInfo, SlotKind::*};
use crate::tokens::local;
use proc_macro2::TokenStream;
use quote::quote;
use syn::Type;

pub(super) fn inplace(
    out: &mut Output,
    self_ty: &Type,
    methods: &[(&'static SlotInfo, &Callable)],
) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    let ctx = local("__hpy_ctx");
    let not_implemented = not_implemented();
    each_slot(self_ty, methods, |info, spec, site| {
        let (name, bind, recv) = (&site.name, site.bind.clone(), site.recv.clone());
        let call = |args: Vec<TokenStream>| site.call(args);
        if let InPlace { slot, ternary } = &info.kind {
            let max = if *ternary { 2 } else { 1 };
            expect(
                spec,
                &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                1..=max,
                "fn(&mut self, other: T)",
            )?;
            let value = local("__hpy_other");
            let (convert, pass) = operand(
                spec,
                0,
                &quote!(&__hpy_other),
                &value,
                Some(quote!(return #not_implemented)),
                self_ty,
            );
            let mut args = vec![recv, pass];
            let mut extra = quote!();
            if spec.params.len() == 2 {
                let modulo = local("__hpy_modulo");
                let (convert_modulo, pass_modulo) = operand(
                    spec,
                    1,
                    &quote!(&__hpy_third),
                    &modulo,
                    Some(quote!(return #not_implemented)),
                    self_ty,
                );
                extra = convert_modulo;
                args.push(pass_modulo);
            }
            let result = local("__hpy_result");
            // Nothing (`()`, `Result<(), E>`) returns `self`, anything
            // else is returned: decided by the type (`InPlace`).
            let finish = quote! {
                #[allow(unused_imports)]
                use #hpy::impl_::InPlaceValue as _;
                // SAFETY: the slot's `self` is open for the call; the
                // new handle goes back to HPy, which takes it over.
                unsafe { #hpy::impl_::InPlace(#result).finish(#ctx, __hpy_raw_self) }
            };
            let call = call(args);
            let params = if *ternary {
                quote!(__hpy_raw_self: #hpy::sys::HPy, __hpy_raw_other: #hpy::sys::HPy, __hpy_raw_third: #hpy::sys::HPy)
            } else {
                quote!(__hpy_raw_self: #hpy::sys::HPy, __hpy_raw_other: #hpy::sys::HPy)
            };
            let third = if *ternary {
                quote! {
                    // SAFETY: the third operand is open for the call.
                    let __hpy_third = unsafe { #ctx.borrow_raw(__hpy_raw_third) };
                    let _ = &__hpy_third;
                }
            } else {
                quote!()
            };
            out.items.extend(slot_fn(
                name,
                slot_sig(slot),
                params,
                quote!(#hpy::sys::HPy),
                quote! {
                    // SAFETY: the operands are open for the call.
                    let __hpy_other = unsafe { #ctx.borrow_raw(__hpy_raw_other) };
                    #third
                    #bind
                    #convert
                    #extra
                    let #result = #call;
                    #finish
                },
            ));
            slot_def(out, name, slot);
        }
        Ok(())
    })
}
