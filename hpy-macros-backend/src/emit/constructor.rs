//! The constructor: `#[new]` as the type's `tp_new`, or as a `__new__`
//! static method for a class on a builtin other than `object`; `#[init]`
//! as `tp_init` on the class's `Default` value.

use super::call::{at_return, bind_result, call_parts};
use super::convention::{Source, convention_parts, description, shelled_impl};
use super::output::Output;
use super::slots::slot_def;
use super::target::sig_type;
use crate::model::{Callable, Constructor, docstring, text_signature};
use crate::tokens::{c_literal, local};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Type;

/// The constructor's definitions.
pub fn constructor(out: &mut Output, self_ty: &Type, constructor: &Constructor) -> syn::Result<()> {
    match &constructor.new_function {
        _ if constructor.init_form => init_constructor(out, self_ty, &constructor.callable),
        Some(new_function) => {
            tp_new(out, self_ty, &constructor.callable);
            out.items.extend(new_function_def(self_ty, new_function)?);
            Ok(())
        }
        None => {
            tp_new(out, self_ty, &constructor.callable);
            Ok(())
        }
    }
}

/// `#[new]`: the type's `tp_new`, creating an instance of the class it is
/// called on (which may be a Python subclass). `tp_new` always receives
/// arguments and a dict, parsed as keywords.
fn tp_new(out: &mut Output, self_ty: &Type, spec: &Callable) {
    let hpy = crate::krate::hpy();
    let rust_name = &spec.rust_name;
    let [ctx, result, cls] = ["__hpy_ctx", "__hpy_result", "__hpy_cls"].map(local);
    let (raw_params, parse, _, _) = convention_parts(spec, Source::Dict);
    let (convert, call) = call_parts(spec, quote!(<#self_ty>::#rust_name), Some(self_ty));
    let bind_result = bind_result(spec, &result, &call);
    let construct = at_return(spec, quote!(#hpy::impl_::construct::<#self_ty>(#result, &#cls)));
    let implementation = shelled_impl(
        &format_ident!("__HpyNewTarget"),
        sig_type("newfunc"),
        &raw_params,
        &description(spec),
        None,
        quote! {
            // SAFETY: `tp_new` receives the class to instantiate, open for the call.
            let #cls = unsafe { #ctx.borrow_raw(__hpy_raw_self) };
            #parse
            #convert
            #bind_result
            // SAFETY: CPython passes `tp_new` the class or a subclass (it
            // checks `Class.__new__(cls)` calls).
            unsafe { #construct }
        },
    );
    out.items.extend(quote! {
        #implementation

        static __HPY_NEW: #hpy::sys::HPyDef = #hpy::impl_::slot_def::<#hpy::impl_::slot::HPy_tp_new, __HpyNewTarget>();
    });
}

/// The constructor as a `__new__` static method, for a class on a builtin
/// other than `object`: CPython lets `float.__new__(cls, ..)` run only from a
/// Python-level `__new__` (a `tp_new` in C is refused as "not safe"), so the
/// type gets `__new__ = staticmethod(<this function>)` instead of a `tp_new`.
fn new_function_def(self_ty: &Type, spec: &Callable) -> syn::Result<TokenStream> {
    let hpy = crate::krate::hpy();
    let [result, slots, cls] = ["__hpy_result", "__hpy_slots", "__hpy_cls"].map(local);
    let rust_name = &spec.rust_name;
    let (raw_params, parse, _, _) = convention_parts(spec, Source::Convention);
    let (convert, call) = call_parts(spec, quote!(<#self_ty>::#rust_name), Some(self_ty));
    let bind_result = bind_result(spec, &result, &call);
    let module_name = format!("{}.__new__", spec.python_name);
    let name = c_literal(&module_name, rust_name.span())?;
    let doc = c_literal(
        &docstring(&text_signature("__new__", "$module", &spec.params), &spec.docs),
        rust_name.span(),
    )?;
    let construct = at_return(spec, quote!(#hpy::impl_::construct_checked::<#self_ty>(#result, #cls)));
    let implementation = shelled_impl(
        &format_ident!("__HpyNewFunctionTarget"),
        sig_type("keywords"),
        &raw_params,
        &description(spec),
        None,
        quote! {
            let _ = __hpy_raw_self;
            #parse
            let #cls: &#hpy::Handle<'_> = #hpy::impl_::extract_required(&#slots[0], &__HPY_DESC, 0)?;
            #convert
            #bind_result
            // SAFETY: the new object goes back to HPy, which takes it over.
            unsafe { #construct }
        },
    );
    Ok(quote! {
        #implementation

        static __HPY_NEW_FUNCTION: #hpy::sys::HPyDef =
            #hpy::impl_::meth_def::<__HpyNewFunctionTarget>(#name, ::core::option::Option::Some(#doc));
    })
}

/// `#[init] fn new(x: f64) -> Self`: `tp_new` makes an instance holding
/// `Default::default()` (whatever the arguments), and `tp_init` parses the
/// arguments, calls the constructor and puts its value in place, so that a
/// Python subclass overrides `__init__` and calls `super().__init__(..)`.
fn init_constructor(out: &mut Output, self_ty: &Type, spec: &Callable) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    let [ctx, result, this] = ["__hpy_ctx", "__hpy_result", "__hpy_this"].map(local);
    let m = &spec.rust_name;
    let (raw_params, parse, _, _) = convention_parts(spec, Source::Dict);
    let (convert, call) = call_parts(spec, quote!(<#self_ty>::#m), Some(self_ty));
    let bind_result = bind_result(spec, &result, &call);
    let name = format_ident!("__hpy_init_form");
    let reinit = at_return(spec, quote!(#hpy::impl_::reinit::<#self_ty>(&#this, #result)));
    let implementation = shelled_impl(
        &format_ident!("{}_Target", name),
        sig_type("initproc"),
        &raw_params,
        &description(spec),
        Some(quote!(::core::ffi::c_int)),
        quote! {
            #parse
            #convert
            #bind_result
            // SAFETY: HPy calls `tp_init` with an instance of the class.
            let #this = unsafe { #hpy::impl_::receiver::<#self_ty>(#ctx, __hpy_raw_self) }?;
            #reinit?;
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

        static __HPY_NEW: #hpy::sys::HPyDef = #hpy::impl_::slot_def::<#hpy::impl_::slot::HPy_tp_new, #target>();
    });
    slot_def(out, &name, "HPy_tp_init");
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
        let code = crate::hpy_methods(quote!(), item).to_string();
        assert!(code.contains("DefaultNew < Vec3 >"), "{code}");
        assert!(code.contains("HPy_tp_init"));
        assert!(code.contains("reinit :: < Vec3 >"));
        assert!(code.contains("assert_init_form :: < Vec3 >"));
        assert!(code.contains(r#"Some ("(x, y=0.0)")"#), "{code}");
        assert!(!code.contains("__HPY_NEW_FUNCTION"));
    }
}
