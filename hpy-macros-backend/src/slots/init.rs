//! `__init__` (`tp_init`).

use super::*;

/// `__init__`: `tp_init`, with arguments and a keyword dict.
pub(super) fn init(
    out: &mut Output,
    self_ty: &Type,
    spec: &FunctionSpec,
    name: &syn::Ident,
) -> syn::Result<()> {
    if spec.receiver == Receiver::None {
        return Err(error(spec, "`__init__` takes `&self` or `&mut self`".into()));
    }
    let [ctx, raw_ctx, body] = ["__hpy_ctx", "__hpy_raw_ctx", "__hpy_body"].map(local);
    let (raw_params, parse, _, _) = function::convention_parts(spec, function::Source::Dict);
    let m = &spec.rust_name;
    let (convert, call) = function::call_parts(spec, quote!(<#self_ty>::#m), Some(self_ty));
    let desc = function::description(spec);
    out.items.extend(quote! {
        unsafe extern "C" fn #name(
            #raw_ctx: *mut ::hpy::sys::HPyContext,
            __hpy_raw_self: ::hpy::sys::HPy,
            #raw_params
        ) -> ::core::ffi::c_int {
            #desc
            let #body = |#ctx: ::hpy::Ctx<'_>| -> ::hpy::HPyResult<::core::ffi::c_int> {
                #parse
                #convert
                ::core::result::Result::map_err(::hpy::impl_::unit_result(#call), ::core::convert::Into::<::hpy::HPyErr>::into)?;
                ::core::result::Result::Ok(0)
            };
            // SAFETY: HPy calls `tp_init` with the context of the call.
            unsafe { ::hpy::impl_::run(#raw_ctx, #body) }
        }
    });
    slot_def(out, name, "initproc", "HPy_tp_init", "INITPROC");
    Ok(())
}
