//! `__init__` (`tp_init`).

use super::common::{error, slot_def};
use crate::emit::call::call_parts;
use crate::emit::convention::{Source, convention_parts, description, shelled_impl};
use crate::emit::output::Output;
use crate::model::{Callable, Receiver};
use quote::format_ident;
use quote::quote;
use syn::Type;

/// `__init__`: `tp_init`, with arguments and a keyword dict.
pub(super) fn init(out: &mut Output, self_ty: &Type, spec: &Callable, name: &syn::Ident) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    if spec.receiver == Receiver::None {
        return Err(error(spec, "`__init__` takes `&self` or `&mut self`".into()));
    }
    // `tp_init` receives arguments and a dict, parsed as keywords (the
    // model gives `__init__` the keywords convention).
    let (raw_params, parse, _, _) = convention_parts(spec, Source::Dict);
    let m = &spec.rust_name;
    let (convert, call) = call_parts(spec, quote!(<#self_ty>::#m), Some(self_ty));
    let implementation = shelled_impl(
        &format_ident!("{}_Target", name),
        crate::emit::target::sig_type("initproc"),
        &raw_params,
        &description(spec),
        Some(quote!(::core::ffi::c_int)),
        quote! {
            #parse
            #convert
            ::core::result::Result::map_err(#hpy::impl_::unit_result(#call), ::core::convert::Into::<#hpy::HPyErr>::into)?;
            ::core::result::Result::Ok(0)
        },
    );
    out.items.extend(quote! {
        #implementation
    });
    slot_def(out, name, "HPy_tp_init");
    Ok(())
}
