//! The object's life and calls: `__call__`, `__init__`, `__del__`,
//! `__getbuffer__`.

use super::common::{each_slot, error, expect, slot_def, slot_fn, slot_sig};
use super::init::init;
use crate::emit::function::method_impl;
use crate::emit::output::Output;
use crate::model::{Callable, Receiver, SlotInfo, SlotKind::*};
use crate::tokens::local;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Type;

pub(super) fn lifecycle(
    out: &mut Output,
    self_ty: &Type,
    methods: &[(&'static SlotInfo, &Callable)],
) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    let ctx = local("__hpy_ctx");
    each_slot(self_ty, methods, |info, spec, site| {
        let (m, name, bind, recv) = (&spec.rust_name, &site.name, site.bind.clone(), site.recv.clone());
        let call = |args: Vec<TokenStream>| site.call(args);
        match &info.kind {
            Call => {
                if spec.receiver == Receiver::None {
                    return Err(error(spec, "`__call__` takes `&self` or `&mut self`".into()));
                }
                let (tokens, target, _) = method_impl(spec, name, quote!(<#self_ty>::#m), Some(self_ty));
                out.items.extend(tokens);
                let def = format_ident!("__HPY_SLOT_CALL_DEF");
                out.items.extend(quote! {
                static #def: #hpy::sys::HPyDef = #hpy::impl_::slot_def::<#hpy::impl_::slot::HPy_tp_call, #target>();
            });
                out.defs.push(def);
            }
            Init => init(out, self_ty, spec, name)?,
            Del => {
                expect(spec, &[Receiver::Ref, Receiver::RefMut, Receiver::Instance], 0..=0, "fn(&mut self)")?;
                let call = call(vec![recv]);
                // The shell of a finalizer reports an error as unraisable.
                out.items.extend(slot_fn(
                    name,
                    slot_sig("HPy_tp_finalize"),
                    quote!(__hpy_raw_self: #hpy::sys::HPy),
                    quote!(()),
                    quote! {
                        #bind
                        ::core::result::Result::map_err(#hpy::impl_::unit_result(#call), ::core::convert::Into::<#hpy::HPyErr>::into)
                    },
                ));
                slot_def(out, name, "HPy_tp_finalize");
            }
            Buffer => {
                expect(spec, &[Receiver::Ref], 0..=0, "fn(&self) -> HPyResult<Buffer<'_>>")?;
                let release = format_ident!("{}_release", name);
                let [view, flags] = ["__hpy_view", "__hpy_flags"].map(local);
                out.items.extend(slot_fn(
                    name,
                    slot_sig("HPy_bf_getbuffer"),
                    quote!(__hpy_raw_self: #hpy::sys::HPy, #view: *mut #hpy::sys::HPy_buffer, #flags: ::core::ffi::c_int),
                    quote!(::core::ffi::c_int),
                    quote! {
                        // SAFETY: HPy passes the object, the view to fill and the request flags.
                        unsafe { #hpy::impl_::get_buffer::<#self_ty>(#ctx, __hpy_raw_self, #view, #flags, |value| <#self_ty>::#m(value)) }
                    },
                ));
                out.items.extend(slot_fn(
                    &release,
                    slot_sig("HPy_bf_releasebuffer"),
                    quote!(__hpy_raw_self: #hpy::sys::HPy, #view: *mut #hpy::sys::HPy_buffer),
                    quote!(()),
                    quote! {
                        // SAFETY: HPy passes the object and a view filled by the getter.
                        unsafe { #hpy::impl_::release_buffer::<#self_ty>(#ctx, __hpy_raw_self, #view) };
                        ::core::result::Result::Ok(())
                    },
                ));
                slot_def(out, name, "HPy_bf_getbuffer");
                slot_def(out, &release, "HPy_bf_releasebuffer");
            }
            _ => {}
        }
        Ok(())
    })
}
