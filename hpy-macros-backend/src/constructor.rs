//! `#[new]`: the constructor, as the type's `tp_new`, or as a `__new__`
//! static method for a class on a builtin other than `object`.

use crate::docs::{docstring, text_signature};
use crate::function::{self, FunctionSpec, Place, c_literal, local};
use crate::methods::Output;
use crate::options::FunctionOptions;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{ImplItemFn, Type};

/// `#[new]`: the type's `tp_new`, creating an instance of the class it is
/// called on (which may be a Python subclass).
pub fn constructor(
    out: &mut Output,
    self_ty: &Type,
    class_name: &str,
    options: &FunctionOptions,
    method: &ImplItemFn,
) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    let mut spec = function::analyze(options, &method.sig, &method.attrs, Place::Constructor)?;
    // Argument errors name the class, as CPython's do: `Point() missing ..`.
    spec.python_name = class_name.to_string();
    // `tp_new` always receives arguments and a dict, parsed as keywords,
    // whatever convention a function of this signature would use.
    spec.convention = function::Convention::Keywords;
    let rust_name = &spec.rust_name;
    let [ctx, result, cls] = ["__hpy_ctx", "__hpy_result", "__hpy_cls"].map(local);
    let (raw_params, parse, _, _) = function::convention_parts(&spec, function::Source::Dict);
    let (convert, call) = function::call_parts(&spec, quote!(<#self_ty>::#rust_name), Some(self_ty));
    let returns_result = function::returns_result(&method.sig);
    let bind_result = function::bind_result(&result, &call, returns_result);
    let implementation = function::extern_impl(
        &format_ident!("__hpy_new"),
        &raw_params,
        &function::description(&spec),
        None,
        quote! {
            // SAFETY: `tp_new` receives the class to instantiate, open for the call.
            let #cls = unsafe { #ctx.borrow_raw(__hpy_raw_self) };
            #parse
            #convert
            #bind_result
            // SAFETY: CPython passes `tp_new` the class or a subclass (it
            // checks `Class.__new__(cls)` calls).
            unsafe { #hpy::impl_::construct::<#self_ty>(#result, &#cls) }
        },
    );
    out.items.extend(quote! {
        #implementation

        struct __HpyNewTarget;

        // SAFETY: `__hpy_new` has the `HPyFunc_NEWFUNC` signature.
        unsafe impl #hpy::impl_::trampolines::Target for __HpyNewTarget {
            const IMPL: #hpy::sys::HPyCFunction = #hpy::impl_::erase::newfunc(__hpy_new);
        }

        // SAFETY: `tp_new` has the `HPyFunc_NEWFUNC` signature, which the target implements.
        static __HPY_NEW: #hpy::sys::HPyDef = unsafe {
            #hpy::impl_::slot_def::<__HpyNewTarget>(#hpy::sys::HPy_tp_new, #hpy::sys::HPyFunc_NEWFUNC)
        };
    });
    out.items.extend(new_function(self_ty, class_name, &spec, returns_result)?);
    out.has_new = true;
    out.new_signature = Some(crate::docs::class_signature(&spec.params));
    Ok(())
}

/// The constructor as a `__new__` static method, for a class on a builtin
/// other than `object`: CPython lets `float.__new__(cls, ..)` run only from a
/// Python-level `__new__` (a `tp_new` in C is refused as "not safe"), so the
/// type gets `__new__ = staticmethod(<this function>)` instead of a `tp_new`.
fn new_function(
    self_ty: &Type,
    class_name: &str,
    spec: &FunctionSpec,
    returns_result: bool,
) -> syn::Result<TokenStream> {
    let hpy = crate::krate::hpy();
    let [result, slots] = ["__hpy_result", "__hpy_slots"].map(local);
    let mut spec = spec.clone();
    for arg in &mut spec.rust_args {
        if let function::RustArg::Python(i) = arg {
            *i += 1;
        }
    }
    spec.convention = function::Convention::Keywords;
    spec.params.insert(
        0,
        crate::signature::Param {
            name: "cls".into(),
            kind: crate::signature::Kind::PositionalOnly,
            default: None,
            ty: syn::parse_quote!(&#hpy::Handle<'_>),
            span: spec.rust_name.span(),
        },
    );
    let rust_name = &spec.rust_name;
    let (raw_params, parse, _, _) = function::convention_parts(&spec, function::Source::Convention);
    let (convert, call) = function::call_parts(&spec, quote!(<#self_ty>::#rust_name), Some(self_ty));
    let bind_result = function::bind_result(&result, &call, returns_result);
    let module_name = format!("{class_name}.__new__");
    let name = c_literal(&module_name, rust_name.span())?;
    let doc = c_literal(
        &docstring(&text_signature("__new__", "$module", &spec.params), &spec.docs),
        rust_name.span(),
    )?;
    let implementation = function::extern_impl(
        &format_ident!("__hpy_new_function"),
        &raw_params,
        &function::description(&spec),
        None,
        quote! {
            let _ = __hpy_raw_self;
            #parse
            let __hpy_cls: &#hpy::Handle<'_> = #hpy::impl_::extract_required(&#slots[0], &__HPY_DESC, 0)?;
            #convert
            #bind_result
            // SAFETY: the new object goes back to HPy, which takes it over.
            unsafe { #hpy::impl_::construct_checked::<#self_ty>(#result, __hpy_cls) }
        },
    );
    Ok(quote! {
        #implementation

        struct __HpyNewFunctionTarget;

        // SAFETY: `__hpy_new_function` has the `HPyFunc_KEYWORDS` signature.
        unsafe impl #hpy::impl_::trampolines::Target for __HpyNewFunctionTarget {
            const IMPL: #hpy::sys::HPyCFunction = #hpy::impl_::erase::keywords(__hpy_new_function);
        }

        // SAFETY: the target implements `HPyFunc_KEYWORDS`.
        static __HPY_NEW_FUNCTION: #hpy::sys::HPyDef = unsafe {
            #hpy::impl_::meth_def::<__HpyNewFunctionTarget>(
                #name,
                ::core::option::Option::Some(#doc),
                #hpy::sys::HPyFunc_KEYWORDS,
            )
        };
    })
}
