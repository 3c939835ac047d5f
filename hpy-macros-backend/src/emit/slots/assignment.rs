//! Item assignment and deletion (mapping and sequence forms).

use super::common::{expect, key_and_index_slots, operand, receiver};
use crate::emit::output::Output;
use crate::model::{Callable, Receiver, SlotInfo, SlotKind::*};
use crate::tokens::local;
use quote::{format_ident, quote};
use syn::Type;

/// `__setitem__`/`__delitem__`: the mapping and sequence assignment slots,
/// which receive a null value for `del`.
pub(super) fn assignment(
    out: &mut Output,
    self_ty: &Type,
    class_name: &str,
    methods: &[(&'static SlotInfo, &Callable)],
) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    if methods.is_empty() {
        return Ok(());
    }
    let ctx = local("__hpy_ctx");
    let mut set_branch =
        quote!(::core::result::Result::Err(#hpy::impl_::no_item_support(#class_name, "assignment")));
    let mut del_branch =
        quote!(::core::result::Result::Err(#hpy::impl_::no_item_support(#class_name, "deletion")));
    for (info, spec) in methods {
        let m = &spec.rust_name;
        let (bind, recv) =
            receiver(spec, self_ty, &syn::Ident::new("__hpy_raw_self", proc_macro2::Span::call_site()));
        let key = local("__hpy_key");
        let (convert_key, pass_key) = operand(spec, 0, &quote!(&__hpy_key_handle), &key, None, self_ty);
        if info.kind == SetItem {
            expect(
                spec,
                &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                2..=2,
                "fn(&mut self, key: K, value: V)",
            )?;
            let value = local("__hpy_value");
            let (convert_value, pass_value) =
                operand(spec, 1, &quote!(&__hpy_value_handle), &value, None, self_ty);
            set_branch = quote! {{
                // SAFETY: the value is open for the call.
                let __hpy_value_handle = unsafe { #ctx.borrow_raw(__hpy_raw_value) };
                #bind
                #convert_key
                #convert_value
                ::core::result::Result::map_err(#hpy::impl_::unit_result(<#self_ty>::#m(#recv, #pass_key, #pass_value)), ::core::convert::Into::<#hpy::HPyErr>::into)?;
                ::core::result::Result::Ok(0)
            }};
        } else {
            expect(
                spec,
                &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                1..=1,
                "fn(&mut self, key: K)",
            )?;
            del_branch = quote! {{
                #bind
                #convert_key
                ::core::result::Result::map_err(#hpy::impl_::unit_result(<#self_ty>::#m(#recv, #pass_key)), ::core::convert::Into::<#hpy::HPyErr>::into)?;
                ::core::result::Result::Ok(0)
            }};
        }
    }
    let body = quote! {
        if __hpy_raw_value.is_null() { #del_branch } else { #set_branch }
    };
    key_and_index_slots(
        out,
        (&format_ident!("__hpy_slot_ass_subscript"), "HPy_mp_ass_subscript"),
        (&format_ident!("__hpy_slot_ass_item"), "HPy_sq_ass_item"),
        quote!(, __hpy_raw_value: #hpy::sys::HPy),
        quote!(::core::ffi::c_int),
        body,
    );
    Ok(())
}
