//! `__init__` (`tp_init`), and the `#[init]` constructor form, which runs
//! as `__init__` on the class's `Default` value.

use super::*;
use crate::options::FunctionOptions;

/// `__init__`: `tp_init`, with arguments and a keyword dict.
pub(super) fn init(
    out: &mut Output,
    self_ty: &Type,
    spec: &FunctionSpec,
    name: &syn::Ident,
) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
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
            ::core::result::Result::map_err(#hpy::impl_::unit_result(#call), ::core::convert::Into::<#hpy::HPyErr>::into)?;
            ::core::result::Result::Ok(0)
        },
    );
    out.items.extend(quote! {
        #implementation
    });
    slot_def(out, name, "initproc", "HPy_tp_init", "INITPROC");
    Ok(())
}

/// `#[init] fn new(x: f64) -> Self`: `tp_new` makes an instance holding
/// `Default::default()` (whatever the arguments), and `tp_init` parses the
/// arguments, calls the constructor and puts its value in place, so that a
/// Python subclass overrides `__init__` and calls `super().__init__(..)`.
pub fn init_constructor(
    out: &mut Output,
    self_ty: &Type,
    class_name: &str,
    options: &FunctionOptions,
    method: &syn::ImplItemFn,
) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    let mut spec = function::analyze(options, &method.sig, &method.attrs, function::Place::Constructor)?;
    // Argument errors name the class, as CPython's do: `Vec3() missing ..`.
    spec.python_name = class_name.to_string();
    spec.convention = function::Convention::Keywords;
    let [ctx, result, this] = ["__hpy_ctx", "__hpy_result", "__hpy_this"].map(local);
    let m = &spec.rust_name;
    let (raw_params, parse, _, _) = function::convention_parts(&spec, function::Source::Dict);
    let (convert, call) = function::call_parts(&spec, quote!(<#self_ty>::#m), Some(self_ty));
    let bind_result = function::bind_result(&result, &call, function::returns_result(&method.sig));
    let name = format_ident!("__hpy_init_form");
    let implementation = function::extern_impl(
        &name,
        &raw_params,
        &function::description(&spec),
        Some(quote!(::core::ffi::c_int)),
        quote! {
            #parse
            #convert
            #bind_result
            // SAFETY: HPy calls `tp_init` with an instance of the class.
            let #this = unsafe { #hpy::impl_::receiver::<#self_ty>(#ctx, __hpy_raw_self) }?;
            #hpy::impl_::reinit::<#self_ty>(&#this, #result)?;
            ::core::result::Result::Ok(0)
        },
    );
    let hpy_at_m = crate::krate::hpy_at(m.span());
    let check = quote::quote_spanned! {m.span()=>
        const _: () = #hpy_at_m::impl_::assert_init_form::<#self_ty>();
    };
    // A class that is not `Default` has no `DefaultNew`: the error points
    // at the constructor.
    let target = quote::quote_spanned!(m.span()=> #hpy_at_m::impl_::DefaultNew<#self_ty>);
    out.items.extend(quote! {
        #implementation
        #check

        // SAFETY: `DefaultNew` has the `HPyFunc_NEWFUNC` signature.
        static __HPY_NEW: #hpy::sys::HPyDef = unsafe {
            #hpy::impl_::slot_def::<#target>(#hpy::sys::HPy_tp_new, #hpy::sys::HPyFunc_NEWFUNC)
        };
    });
    slot_def(out, &name, "initproc", "HPy_tp_init", "INITPROC");
    out.has_new = true;
    out.init_form = true;
    out.new_signature = Some(crate::docs::class_signature(&spec.params));
    Ok(())
}

#[cfg(test)]
mod tests {
    use quote::quote;

    /// `#[init]`: `tp_new` from `Default`, `tp_init` running the
    /// constructor, and the constructor's signature for the class.
    #[test]
    fn init_constructor() {
        let item = quote! {
            impl Vec3 {
                #[init]
                #[hpy(signature = (x, y = 0.0))]
                fn new(x: f64, y: f64) -> Self { Vec3 { x, y } }
            }
        };
        let code = crate::methods::generate(syn::parse2(item).unwrap()).unwrap().to_string();
        assert!(code.contains("DefaultNew < Vec3 >"), "{code}");
        assert!(code.contains("HPy_tp_init"));
        assert!(code.contains("reinit :: < Vec3 >"));
        assert!(code.contains("assert_init_form :: < Vec3 >"));
        assert!(code.contains(r#"Some ("(x, y=0.0)")"#), "{code}");
        assert!(!code.contains("__HPY_NEW_FUNCTION"));
    }
}
