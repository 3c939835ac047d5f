//! Rich comparison (`tp_richcompare`).

use super::common::{error, expect, operand, receiver, slot_def, slot_fn, slot_sig};
use crate::emit::call::{into_return, not_implemented};
use crate::emit::output::Output;
use crate::model::{Callable, Receiver, SlotInfo, SlotKind::*};
use crate::tokens::local;
use quote::{format_ident, quote};
use syn::Type;

/// `tp_richcompare`: `__richcmp__`, or the comparisons defined one by one
/// (`NotImplemented` for the others, but `!=`, which Python derives from
/// `__eq__`: its result negated, unless it is `NotImplemented`).
pub(super) fn compare(
    out: &mut Output,
    self_ty: &Type,
    methods: &[(&'static SlotInfo, &Callable)],
) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    if methods.is_empty() {
        return Ok(());
    }
    let ctx = local("__hpy_ctx");
    let not_implemented = not_implemented();
    let all_in_one = methods.iter().find(|(info, _)| info.kind == Compare(None));
    let mut arms = Vec::new();
    for (info, spec) in methods {
        let expected = if info.kind == Compare(None) { 2..=2 } else { 1..=1 };
        expect(
            spec,
            &[Receiver::Ref, Receiver::Instance],
            expected,
            if info.kind == Compare(None) {
                "fn(&self, other: T, op: CompareOp) -> R"
            } else {
                "fn(&self, other: T) -> R"
            },
        )?;
        let m = &spec.rust_name;
        let (bind, recv) =
            receiver(spec, self_ty, &syn::Ident::new("__hpy_raw_self", proc_macro2::Span::call_site()));
        let value = local("__hpy_other");
        let (convert, pass) = operand(
            spec,
            0,
            &quote!(&__hpy_other_handle),
            &value,
            Some(quote!(return #not_implemented)),
            self_ty,
        );
        let mut args = vec![recv, pass];
        if info.kind == Compare(None) {
            args.push(quote!(#hpy::CompareOp::from_raw(__hpy_op)));
        }
        let ret = into_return(spec, quote!(<#self_ty>::#m(#(#args),*)));
        let body = quote! {
            #bind
            #convert
            #ret
        };
        match info.kind {
            Compare(Some(_)) if all_in_one.is_some() => {
                return Err(error(spec, format!("define either `__richcmp__` or `{}`, not both", info.name)));
            }
            Compare(Some(op)) => {
                if op == "HPy_EQ" && !methods.iter().any(|(info, _)| info.kind == Compare(Some("HPy_NE"))) {
                    arms.push(quote!(#hpy::sys::HPy_NE => {
                        // SAFETY: `self` is open for the call.
                        let __hpy_self_handle = unsafe { #ctx.borrow_raw(__hpy_raw_self) };
                        if !#hpy::impl_::is_exact_instance::<#self_ty>(&__hpy_self_handle)? {
                            // A Python subclass may override `__eq__`.
                            // SAFETY: the result goes back to HPy.
                            return unsafe { #hpy::impl_::ne_from_eq_method(&__hpy_self_handle, &__hpy_other_handle) };
                        }
                        let __hpy_eq: #hpy::HPyResult<#hpy::sys::HPy> = { #body };
                        // SAFETY: `__hpy_eq` is the new handle `__eq__` returned
                        // (or null with an exception set), consumed here; the
                        // result goes back to HPy.
                        unsafe { #hpy::impl_::negate_eq(#ctx, __hpy_eq?) }
                    }));
                }
                let op = format_ident!("{op}");
                arms.push(quote!(#hpy::sys::#op => { #body }));
            }
            _ => arms.push(quote!(_ => { #body })),
        }
    }
    if all_in_one.is_none() {
        arms.push(quote!(_ => #not_implemented));
    }
    let name = format_ident!("__hpy_slot_richcompare");
    out.items.extend(slot_fn(&name, slot_sig("HPy_tp_richcompare"), quote!(__hpy_raw_self: #hpy::sys::HPy, __hpy_raw_other: #hpy::sys::HPy, __hpy_op: #hpy::sys::HPy_RichCmpOp), quote!(#hpy::sys::HPy), quote! {
        // SAFETY: the other operand is open for the call.
        let __hpy_other_handle = unsafe { #ctx.borrow_raw(__hpy_raw_other) };
        match __hpy_op {
            #(#arms)*
        }
    }));
    slot_def(out, &name, "HPy_tp_richcompare");
    Ok(())
}
