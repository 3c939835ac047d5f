//! Binary number operators: one slot per operator and its reflection.

use super::common::{expect, operand, operand_in, receiver, slot_def, slot_fn, slot_sig};
use crate::emit::call::not_implemented;
use crate::emit::output::Output;
use crate::model::{Callable, Receiver, SlotInfo, SlotKind::*};
use crate::tokens::local;
use quote::{format_ident, quote};
use syn::Type;

/// One number slot per operator: `__op__` when the left operand is an
/// instance, else (or when it answers `NotImplemented`) `__rop__` when the
/// right one is, else `NotImplemented`.
pub(super) fn binary_groups(
    out: &mut Output,
    self_ty: &Type,
    methods: &[(&'static SlotInfo, &Callable)],
) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    let ctx = local("__hpy_ctx");
    let mut groups: Vec<&'static str> = Vec::new();
    for (info, _) in methods {
        if let Binary { group, .. } = info.kind
            && !groups.contains(&group)
        {
            groups.push(group);
        }
    }
    for group in groups {
        let ternary = group == "power";
        let mut branches = Vec::new();
        for (info, spec) in methods {
            let Binary { group: g, reflected } = info.kind else { continue };
            if g != group {
                continue;
            }
            let expected = if ternary { 1..=2 } else { 1..=1 };
            expect(
                spec,
                &[Receiver::Ref, Receiver::Instance],
                expected,
                if ternary {
                    "fn(&self, other: T, modulo: Option<M>) -> R"
                } else {
                    "fn(&self, other: T) -> R"
                },
            )?;
            let (this_handle, other) = if reflected {
                (quote!(&__hpy_b), quote!(&__hpy_a))
            } else {
                (quote!(&__hpy_a), quote!(&__hpy_b))
            };
            let m = &spec.rust_name;
            let value = local("__hpy_other");
            // An operand of this class too is checked against the class
            // loaded already.
            let loaded = Some(quote!(::core::option::Option::Some(&__hpy_class)));
            let (convert, pass) =
                operand_in(spec, 0, &other, &value, Some(quote!(break 'op)), self_ty, loaded);
            let mut args = vec![pass];
            let mut extra = quote!();
            if spec.params.len() == 2 {
                let modulo = local("__hpy_modulo");
                let (convert_modulo, pass_modulo) =
                    operand(spec, 1, &quote!(&__hpy_c), &modulo, Some(quote!(break 'op)), self_ty);
                extra = convert_modulo;
                args.push(pass_modulo);
            }
            let (bind, recv) =
                receiver(spec, self_ty, &syn::Ident::new("__hpy_this_raw", proc_macro2::Span::call_site()));
            branches.push(quote! {
                'op: {
                    if !__hpy_class.contains(#this_handle) {
                        break 'op;
                    }
                    let __hpy_this_raw = #hpy::Handle::as_raw(#this_handle);
                    #bind
                    #convert
                    #extra
                    let __hpy_value = <#self_ty>::#m(#recv, #(#args),*);
                    // SAFETY: a returned handle goes back to HPy, which takes it over.
                    if let ::core::option::Option::Some(result) = unsafe { #hpy::impl_::operator_result(#ctx, __hpy_value) }? {
                        return ::core::result::Result::Ok(result);
                    }
                }
            });
        }
        let not_implemented = not_implemented();
        let name = format_ident!("__hpy_slot_nb_{}", group);
        let slot = format!("HPy_nb_{group}");
        let (params, third) = if ternary {
            (
                quote!(__hpy_raw_a: #hpy::sys::HPy, __hpy_raw_b: #hpy::sys::HPy, __hpy_raw_c: #hpy::sys::HPy),
                quote! {
                    // SAFETY: the third operand is open for the call.
                    let __hpy_c = unsafe { #ctx.borrow_raw(__hpy_raw_c) };
                    let _ = &__hpy_c;
                },
            )
        } else {
            (quote!(__hpy_raw_a: #hpy::sys::HPy, __hpy_raw_b: #hpy::sys::HPy), quote!())
        };
        out.items.extend(slot_fn(&name, slot_sig(&slot), params, quote!(#hpy::sys::HPy), quote! {
            // SAFETY: the operands are open for the call.
            let (__hpy_a, __hpy_b) = unsafe { (#ctx.borrow_raw(__hpy_raw_a), #ctx.borrow_raw(__hpy_raw_b)) };
            let __hpy_class = #hpy::impl_::ClassType::<#self_ty>::load(#ctx)?;
            #third
            #(#branches)*
            #not_implemented
        }));
        slot_def(out, &name, &slot);
    }
    Ok(())
}
