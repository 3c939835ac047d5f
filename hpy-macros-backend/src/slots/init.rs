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
    // `tp_init` receives arguments and a dict, parsed as keywords.
    let mut spec_kw = spec.clone();
    spec_kw.convention = function::Convention::Keywords;
    let spec = &spec_kw;
    let (raw_params, parse, _, _) = function::convention_parts(spec, function::Source::Dict);
    let m = &spec.rust_name;
    let (convert, call) = function::call_parts(spec, quote!(<#self_ty>::#m), Some(self_ty));
    let implementation = function::extern_impl(
        name,
        &raw_params,
        &function::description(spec),
        Some(quote!(::core::ffi::c_int)),
        quote! {
            #parse
            #convert
            ::core::result::Result::map_err(::hpy::impl_::unit_result(#call), ::core::convert::Into::<::hpy::HPyErr>::into)?;
            ::core::result::Result::Ok(0)
        },
    );
    out.items.extend(quote! {
        #implementation
    });
    slot_def(out, name, "initproc", "HPy_tp_init", "INITPROC");
    Ok(())
}
