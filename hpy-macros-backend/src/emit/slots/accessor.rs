//! `#[getter]`/`#[setter]` methods.

use super::common::{expect, receiver, slot_fn};
use crate::emit::call::into_return;
use crate::model::{Callable, Receiver};
use crate::tokens::local;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Ident, Type};

/// The getter or setter a `#[getter]`/`#[setter]` method becomes, with its
/// target `__hpy_accessor_<name>_Target`.
pub fn accessor(
    self_ty: &Type,
    spec: &Callable,
    is_getter: bool,
    py_name: &str,
) -> syn::Result<(TokenStream, Ident)> {
    let hpy = crate::krate::hpy();
    let ctx = local("__hpy_ctx");
    let m = &spec.rust_name;
    let name = format_ident!("__hpy_accessor_{}", m);
    let target = format_ident!("{}_Target", name);
    let (bind, recv) =
        receiver(spec, self_ty, &syn::Ident::new("__hpy_raw_self", proc_macro2::Span::call_site()));
    let tokens = if is_getter {
        expect(spec, &[Receiver::Ref, Receiver::Instance], 0..=0, "fn(&self) -> T")?;
        let ret = into_return(spec, quote!(<#self_ty>::#m(#recv)));
        slot_fn(
            &name,
            crate::emit::target::sig_type("getter"),
            quote!(__hpy_raw_self: #hpy::sys::HPy, _: *mut ::core::ffi::c_void),
            quote!(#hpy::sys::HPy),
            quote! {
                #bind
                #ret
            },
        )
    } else {
        expect(
            spec,
            &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
            1..=1,
            "fn(&mut self, value: T)",
        )?;
        slot_fn(
            &name,
            crate::emit::target::sig_type("setter"),
            quote!(__hpy_raw_self: #hpy::sys::HPy, __hpy_raw_value: #hpy::sys::HPy, _: *mut ::core::ffi::c_void),
            quote!(::core::ffi::c_int),
            quote! {
                // SAFETY: HPy passes the new value, or null to delete.
                let __hpy_value_handle = unsafe { #hpy::impl_::setter_handle(#ctx, __hpy_raw_value, #py_name) }?;
                let __hpy_value = #hpy::impl_::setter_extract(&__hpy_value_handle, #py_name)?;
                #bind
                ::core::result::Result::map_err(#hpy::impl_::unit_result(<#self_ty>::#m(#recv, __hpy_value)), ::core::convert::Into::<#hpy::HPyErr>::into)?;
                ::core::result::Result::Ok(0)
            },
        )
    };
    Ok((tokens, target))
}
