//! `#[hpy_methods]` on an `impl` block: every method becomes a method
//! definition, a slot, a getset, a static or class method (a module
//! function installed on the type) or a class attribute.

use super::constructor::constructor;
use super::function::method_impl;
use super::output::Output;
use super::slots::{accessor, generate_slots};
use crate::errors::Errors;
use crate::model::{Callable, GetSet, Member, MethodsBlock, class_signature, docstring, text_signature};
use crate::tokens::{c_literal, optional_c_literal};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Ident, ItemImpl, Type};

/// The code of an analysed block (`item`, with the markers taken off);
/// `errors` are those of the analysis, reported with the emitters' own.
pub fn generate(block: &MethodsBlock, item: &ItemImpl, mut errors: Errors) -> syn::Result<TokenStream> {
    let hpy = crate::krate::hpy();
    let self_ty = &block.self_ty;
    let class_name = &block.class_name;
    let mut out = Output::default();
    for member in &block.members {
        errors.push(match member {
            Member::Method(callable) => method_def(&mut out, self_ty, callable),
            Member::StaticMethod(callable) => {
                module_function(&mut out, self_ty, class_name, callable, "staticmethod")
            }
            Member::ClassMethod(callable) => {
                module_function(&mut out, self_ty, class_name, callable, "classmethod")
            }
            Member::ClassAttr(ident) => {
                class_attr(&mut out, self_ty, ident);
                Ok(())
            }
            Member::Slot(..) => Ok(()),
        });
    }
    if let Some(c) = &block.constructor {
        errors.push(constructor(&mut out, self_ty, c));
    }
    for getset in &block.getsets {
        errors.push(getset_def(&mut out, self_ty, getset));
    }
    errors.push(generate_slots(&mut out, block));
    errors.finish()?;
    let Output { items, defs, module_defs, install } = out;
    let stub = super::stub_records::methods(block, item);
    let init_form = block.constructor.as_ref().is_some_and(|c| c.init_form);
    let has_new = block.constructor.is_some();
    let new_signature = block.constructor.as_ref().map(|c| class_signature(&c.callable.params));
    // The constructor: a `tp_new` for classes on `object` (or another Rust
    // class), a `__new__` static method on other builtins (see `new_function`).
    let on_object =
        quote!(<#self_ty as #hpy::class::ClassBase>::SHAPE == #hpy::sys::HPyType_BuiltinShape_Object);
    let (new_slot, new_module_def, new_install) = if init_form {
        (quote!(list.push(&__HPY_NEW);), quote!(), quote!())
    } else if has_new {
        let new_name = format!("{class_name}.__new__");
        (
            quote!(if #on_object { list.push(&__HPY_NEW); }),
            quote!(if !(#on_object) { list.push(&__HPY_NEW_FUNCTION); }),
            quote! {
                if !(#on_object) {
                    #hpy::impl_::install_function(ty, module, #new_name, "__new__", "staticmethod")?;
                }
            },
        )
    } else {
        (quote!(), quote!(), quote!())
    };
    let new_signature = match new_signature {
        Some(sig) => quote!(::core::option::Option::Some(#sig)),
        None => quote!(::core::option::Option::None),
    };
    Ok(quote! {
        #item

        #[allow(non_snake_case, non_camel_case_types, non_upper_case_globals, clippy::undocumented_unsafe_blocks)]
        const _: () = {
            #items

            // SAFETY: every definition's implementation has the signature it
            // declares and treats `self` as an instance of the class.
            unsafe impl #hpy::impl_::ClassMethods for #self_ty {
                const HAS_NEW: bool = #has_new;
                const NEW_SIGNATURE: ::core::option::Option<&'static str> = #new_signature;
                #stub

                fn defs(list: &mut ::std::vec::Vec<&'static #hpy::sys::HPyDef>) {
                    #(list.push(&#defs);)*
                    #new_slot
                }

                fn module_defs(list: &mut ::std::vec::Vec<&'static #hpy::sys::HPyDef>) {
                    #(list.push(&#module_defs);)*
                    #new_module_def
                }

                fn install(ty: &#hpy::Handle<'_>, module: &#hpy::Module<'_, '_>) -> #hpy::HPyResult<()> {
                    let _ = (ty, module);
                    #install
                    #new_install
                    ::core::result::Result::Ok(())
                }
            }
        };
    })
}

/// A plain method: a method definition on the type.
fn method_def(out: &mut Output, self_ty: &Type, spec: &Callable) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    let rust_name = &spec.rust_name;
    let impl_name = format_ident!("__hpy_method_{}", rust_name);
    let def = format_ident!("__HPY_METHOD_{}", rust_name);
    let (tokens, target, _) = method_impl(spec, &impl_name, quote!(<#self_ty>::#rust_name), Some(self_ty));
    let name = c_literal(&spec.python_name, rust_name.span())?;
    let doc = c_literal(
        &docstring(&text_signature(&spec.python_name, "$self", &spec.params), &spec.docs),
        rust_name.span(),
    )?;
    out.items.extend(quote! {
        #tokens
        static #def: #hpy::sys::HPyDef =
            #hpy::impl_::meth_def::<#target>(#name, ::core::option::Option::Some(#doc));
    });
    out.defs.push(def);
    Ok(())
}

/// A static or class method: a module function named `Class.name`, moved
/// onto the type (wrapped in `staticmethod`/`classmethod`) once it exists.
fn module_function(
    out: &mut Output,
    self_ty: &Type,
    class_name: &str,
    spec: &Callable,
    wrapper: &str,
) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    let rust_name = &spec.rust_name;
    let impl_name = format_ident!("__hpy_function_{}", rust_name);
    let def = format_ident!("__HPY_FUNCTION_{}", rust_name);
    let (tokens, target, _) = method_impl(spec, &impl_name, quote!(<#self_ty>::#rust_name), Some(self_ty));
    let module_name = format!("{class_name}.{}", spec.python_name);
    let name = c_literal(&module_name, rust_name.span())?;
    let doc = c_literal(
        &docstring(&text_signature(&spec.python_name, "$module", &spec.params), &spec.docs),
        rust_name.span(),
    )?;
    let py_name = &spec.python_name;
    out.items.extend(quote! {
        #tokens
        static #def: #hpy::sys::HPyDef =
            #hpy::impl_::meth_def::<#target>(#name, ::core::option::Option::Some(#doc));
    });
    out.module_defs.push(def);
    out.install.extend(quote! {
        #hpy::impl_::install_function(ty, module, #module_name, #py_name, #wrapper)?;
    });
    Ok(())
}

/// `#[classattr] fn NAME() -> T`: a class attribute set once.
fn class_attr(out: &mut Output, self_ty: &Type, rust_name: &Ident) {
    let hpy = crate::krate::hpy();
    let name = crate::model::unraw(rust_name);
    out.install.extend(quote! {
        ty.setattr(#name, &#hpy::IntoHPy::into_hpy(<#self_ty>::#rust_name(), ty.ctx())?)?;
    });
}

/// A getset: the getter's and the setter's implementations and the
/// definition pairing them.
fn getset_def(out: &mut Output, self_ty: &Type, getset: &GetSet) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    let mut side = |callable: &Option<Callable>, is_getter: bool| -> syn::Result<TokenStream> {
        let Some(callable) = callable else { return Ok(quote!(#hpy::impl_::NoImpl)) };
        let (tokens, target) = accessor(self_ty, callable, is_getter, &getset.python_name)?;
        out.items.extend(tokens);
        Ok(quote!(#target))
    };
    let get = side(&getset.getter, true)?;
    let set = side(&getset.setter, false)?;
    let def = format_ident!("__HPY_GETSET_{}", getset.python_name);
    let cname = c_literal(&getset.python_name, Span::call_site())?;
    let doc = optional_c_literal(&getset.docs, Span::call_site())?;
    out.items.extend(quote! {
        // SAFETY: the targets have HPy's getter and setter signatures.
        static #def: #hpy::sys::HPyDef = unsafe { #hpy::impl_::getset_def::<#get, #set>(#cname, #doc) };
    });
    out.defs.push(def);
    Ok(())
}

#[cfg(test)]
mod tests {
    use quote::quote;

    /// A constructor or `__init__` with one positional-only parameter
    /// parses the argument dict as keywords, not as an `O` argument.
    #[test]
    fn single_positional_only_parameter_of_new_and_init() {
        let item = quote! {
            impl Array {
                #[new]
                #[hpy(signature = (values, /))]
                fn new(values: Vec<f64>) -> Self { Array { values } }
                #[hpy(signature = (values, /))]
                fn __init__(&self, values: Vec<f64>) {}
            }
        };
        let code = crate::hpy_methods(quote!(), item).to_string();
        assert!(!code.contains("__hpy_arg "), "uses the O convention's argument: {code}");
        assert!(code.contains("parse_keywords"));
    }
}
