//! `#[hpy_methods]` on an `impl` block: every method becomes a method
//! definition, a slot, a getset, a static or class method (a module
//! function installed on the type) or a class attribute.

use crate::docs::{docstring, text_signature};
use crate::function::{self, FunctionSpec, Place, c_literal};
use crate::options::FunctionOptions;
use crate::slots;
use crate::stub_records;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{Attribute, Ident, ImplItem, ImplItemFn, ItemImpl, LitStr, Type};

/// What an item of the block is.
enum Role {
    Method,
    Static,
    Class,
    ClassAttr,
    New,
    /// `#[init]`: the constructor run as `__init__` on a `Default` value.
    InitForm,
    Getter(Option<LitStr>),
    Setter(Option<LitStr>),
    /// A dunder method with a slot (or `__init__`, `__call__`).
    Slot(&'static slots::SlotInfo),
}

/// Takes the role markers (`#[new]`, `#[staticmethod]`, `#[classmethod]`,
/// `#[classattr]`, `#[getter]`, `#[setter]`) and the options
/// (`#[hpy(name = .., signature = ..)]`) off a method.
fn role(method: &mut ImplItemFn) -> syn::Result<(Role, FunctionOptions)> {
    let mut role = None;
    let mut options = FunctionOptions::default();
    let mut error = None;
    let set = |role: &mut Option<Role>, new: Role, attr: &Attribute, error: &mut Option<syn::Error>| {
        if role.replace(new).is_some() {
            error.get_or_insert(syn::Error::new(attr.span(), "a method has at most one role attribute"));
        }
    };
    method.attrs.retain(|attr| {
        let path = attr.path();
        let name = path.get_ident().map(ToString::to_string).unwrap_or_default();
        let named = || match &attr.meta {
            syn::Meta::List(list) => list.parse_args::<LitStr>().map(Some),
            _ => Ok(None),
        };
        match name.as_str() {
            "new" => set(&mut role, Role::New, attr, &mut error),
            "init" => set(&mut role, Role::InitForm, attr, &mut error),
            "staticmethod" => set(&mut role, Role::Static, attr, &mut error),
            "classmethod" => set(&mut role, Role::Class, attr, &mut error),
            "classattr" => set(&mut role, Role::ClassAttr, attr, &mut error),
            "getter" => match named() {
                Ok(n) => set(&mut role, Role::Getter(n), attr, &mut error),
                Err(e) => {
                    error.get_or_insert(e);
                }
            },
            "setter" => match named() {
                Ok(n) => set(&mut role, Role::Setter(n), attr, &mut error),
                Err(e) => {
                    error.get_or_insert(e);
                }
            },
            "hpy" => match attr.parse_args::<FunctionOptions>() {
                Ok(parsed) => options = parsed,
                Err(e) => {
                    error.get_or_insert(e);
                }
            },
            _ => return true,
        }
        false
    });
    if let Some(e) = error {
        return Err(e);
    }
    let role = match role {
        Some(role) => role,
        None => match slots::find(&method.sig.ident.to_string()) {
            Some(info) => Role::Slot(info),
            None => Role::Method,
        },
    };
    Ok((role, options))
}

/// Everything generated for the block, gathered by kind.
#[derive(Default)]
pub struct Output {
    /// Implementations, targets and static definitions.
    pub items: TokenStream,
    /// Definitions of the type (`ClassMethods::defs`).
    pub defs: Vec<Ident>,
    /// Module functions behind static and class methods.
    pub module_defs: Vec<Ident>,
    /// Statements run once the type exists (`ClassMethods::install`).
    pub install: TokenStream,
    pub has_new: bool,
    /// Whether the constructor is an `#[init]` one (`tp_new` makes the
    /// `Default` value, `tp_init` runs the constructor).
    pub init_form: bool,
    /// The constructor's signature, for the class's `__text_signature__`.
    pub new_signature: Option<String>,
    /// The stub records of the methods (`stub_records.rs`).
    pub stubs: Vec<TokenStream>,
}

pub fn generate(mut block: ItemImpl) -> syn::Result<TokenStream> {
    let hpy = crate::krate::hpy();
    if let Some((_, path, _)) = &block.trait_ {
        return Err(syn::Error::new(
            path.span(),
            "#[hpy_methods] goes on an inherent `impl` block, not a trait impl",
        ));
    }
    if !block.generics.params.is_empty() {
        return Err(syn::Error::new(block.generics.span(), "#[hpy_methods] cannot be generic"));
    }
    let self_ty = (*block.self_ty).clone();
    let class_name = match &self_ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
        _ => return Err(syn::Error::new(self_ty.span(), "#[hpy_methods] needs a named type")),
    };
    let mut out = Output::default();
    let mut getsets: Vec<(String, Option<Ident>, Option<Ident>, String)> = Vec::new();
    let mut slot_methods: Vec<(&'static slots::SlotInfo, FunctionSpec)> = Vec::new();
    let mut errors = crate::errors::Errors::default();
    for item in &mut block.items {
        let ImplItem::Fn(method) = item else { continue };
        let result = (|| -> syn::Result<()> {
            let (role, options) = role(method)?;
            let ident = method.sig.ident.clone();
            match role {
                Role::Method => method_def(&mut out, &self_ty, &options, method)?,
                Role::Static | Role::Class => {
                    let place =
                        if matches!(role, Role::Static) { Place::StaticMethod } else { Place::ClassMethod };
                    module_function(&mut out, &self_ty, &class_name, &options, method, place)?;
                }
                Role::ClassAttr => class_attr(&mut out, &self_ty, method)?,
                Role::New | Role::InitForm if out.has_new => {
                    return Err(syn::Error::new(
                        ident.span(),
                        "a class has one constructor: `#[new]` or `#[init]`, once",
                    ));
                }
                Role::New => {
                    out.stubs.push(stub_records::constructor("new", &options, method, &self_ty)?);
                    crate::constructor::constructor(&mut out, &self_ty, &class_name, &options, method)?
                }
                Role::InitForm => {
                    out.stubs.push(stub_records::constructor("init", &options, method, &self_ty)?);
                    slots::init_constructor(&mut out, &self_ty, &class_name, &options, method)?
                }
                Role::Getter(ref name) | Role::Setter(ref name) => {
                    let is_getter = matches!(role, Role::Getter(_));
                    let name = name.clone();
                    let default = ident.to_string();
                    let py_name = name.map(|n| n.value()).unwrap_or_else(|| {
                        if is_getter {
                            default.clone()
                        } else {
                            default.strip_prefix("set_").unwrap_or(&default).to_string()
                        }
                    });
                    let spec = function::analyze(&options, &method.sig, &method.attrs, Place::Method)?;
                    out.stubs.push(stub_records::accessor(
                        &py_name,
                        is_getter,
                        &spec,
                        &method.sig.output,
                        &self_ty,
                    ));
                    let implementation = slots::accessor(&self_ty, &spec, is_getter)?;
                    out.items.extend(implementation);
                    let entry = match getsets.iter_mut().find(|g| g.0 == py_name) {
                        Some(entry) => entry,
                        None => {
                            getsets.push((py_name.clone(), None, None, String::new()));
                            getsets.last_mut().expect("just pushed")
                        }
                    };
                    let target = format_ident!("__HpyAccessor_{}", ident);
                    let slot = if is_getter { &mut entry.1 } else { &mut entry.2 };
                    if slot.replace(target).is_some() {
                        return Err(syn::Error::new(
                            ident.span(),
                            format!("`{py_name}` has two {}s", if is_getter { "getter" } else { "setter" }),
                        ));
                    }
                    if is_getter && !spec.docs.is_empty() {
                        entry.3 = spec.docs.clone();
                    }
                }
                Role::Slot(info) => {
                    let spec = function::analyze(&options, &method.sig, &method.attrs, Place::Method)?;
                    out.stubs.push(stub_records::slot(info, &spec, &method.sig.output, &self_ty));
                    slot_methods.push((info, spec));
                }
            }
            Ok(())
        })();
        errors.push(result);
    }
    if out.init_form
        && let Some((_, spec)) = slot_methods.iter().find(|(info, _)| info.kind == slots::SlotKind::Init)
    {
        errors.push(Err(syn::Error::new(
            spec.rust_name.span(),
            "an `#[init]` constructor is the class's `__init__`: define one or the other",
        )));
    }
    for (name, getter, setter, docs) in getsets {
        let def = format_ident!("__HPY_GETSET_{}", name);
        let cname = c_literal(&name, proc_macro2::Span::call_site())?;
        let get = getter.map_or_else(|| quote!(#hpy::impl_::NoImpl), |g| quote!(#g));
        let set = setter.map_or_else(|| quote!(#hpy::impl_::NoImpl), |s| quote!(#s));
        let doc = if docs.is_empty() {
            quote!(::core::option::Option::None)
        } else {
            let docs = c_literal(&docs, proc_macro2::Span::call_site())?;
            quote!(::core::option::Option::Some(#docs))
        };
        out.items.extend(quote! {
            // SAFETY: the targets have HPy's getter and setter signatures.
            static #def: #hpy::sys::HPyDef = unsafe { #hpy::impl_::getset_def::<#get, #set>(#cname, #doc) };
        });
        out.defs.push(def);
    }
    errors.push(slots::generate(&mut out, &self_ty, &class_name, slot_methods));
    errors.finish()?;
    let Output { items, defs, module_defs, install, has_new, init_form, new_signature, stubs } = out;
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
        #block

        #[allow(non_snake_case, non_camel_case_types, non_upper_case_globals, clippy::undocumented_unsafe_blocks)]
        const _: () = {
            #items

            // SAFETY: every definition's implementation has the signature it
            // declares and treats `self` as an instance of the class.
            unsafe impl #hpy::impl_::ClassMethods for #self_ty {
                const HAS_NEW: bool = #has_new;
                const NEW_SIGNATURE: ::core::option::Option<&'static str> = #new_signature;
                const STUB: &'static [#hpy::impl_::Part] = &[#(#stubs),*];

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
fn method_def(
    out: &mut Output,
    self_ty: &Type,
    options: &FunctionOptions,
    method: &ImplItemFn,
) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    let spec = function::analyze(options, &method.sig, &method.attrs, Place::Method)?;
    out.stubs.push(stub_records::method("method", &spec, &method.sig.output, self_ty));
    let rust_name = &spec.rust_name;
    let impl_name = format_ident!("__hpy_method_{}", rust_name);
    let def = format_ident!("__HPY_METHOD_{}", rust_name);
    let (tokens, target, sig_const) =
        function::method_impl(&spec, &impl_name, quote!(<#self_ty>::#rust_name), Some(self_ty));
    let name = c_literal(&spec.python_name, rust_name.span())?;
    let doc = c_literal(
        &docstring(&text_signature(&spec.python_name, "$self", &spec.params), &spec.docs),
        rust_name.span(),
    )?;
    out.items.extend(quote! {
        #tokens
        // SAFETY: the target implements the convention `#sig_const`.
        static #def: #hpy::sys::HPyDef = unsafe {
            #hpy::impl_::meth_def::<#target>(#name, ::core::option::Option::Some(#doc), #hpy::sys::#sig_const)
        };
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
    options: &FunctionOptions,
    method: &ImplItemFn,
    place: Place,
) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    let spec = function::analyze(options, &method.sig, &method.attrs, place)?;
    let kind = if place == Place::StaticMethod { "staticmethod" } else { "classmethod" };
    out.stubs.push(stub_records::method(kind, &spec, &method.sig.output, self_ty));
    let rust_name = &spec.rust_name;
    let impl_name = format_ident!("__hpy_function_{}", rust_name);
    let def = format_ident!("__HPY_FUNCTION_{}", rust_name);
    let (tokens, target, sig_const) =
        function::method_impl(&spec, &impl_name, quote!(<#self_ty>::#rust_name), Some(self_ty));
    let module_name = format!("{class_name}.{}", spec.python_name);
    let name = c_literal(&module_name, rust_name.span())?;
    let doc = c_literal(
        &docstring(&text_signature(&spec.python_name, "$module", &spec.params), &spec.docs),
        rust_name.span(),
    )?;
    let wrapper = if place == Place::StaticMethod { "staticmethod" } else { "classmethod" };
    let py_name = &spec.python_name;
    out.items.extend(quote! {
        #tokens
        // SAFETY: the target implements the convention `#sig_const`.
        static #def: #hpy::sys::HPyDef = unsafe {
            #hpy::impl_::meth_def::<#target>(#name, ::core::option::Option::Some(#doc), #hpy::sys::#sig_const)
        };
    });
    out.module_defs.push(def);
    out.install.extend(quote! {
        #hpy::impl_::install_function(ty, module, #module_name, #py_name, #wrapper)?;
    });
    Ok(())
}

/// `#[classattr] fn NAME() -> T`: a class attribute set once.
fn class_attr(out: &mut Output, self_ty: &Type, method: &ImplItemFn) -> syn::Result<()> {
    let hpy = crate::krate::hpy();
    if !method.sig.inputs.is_empty() {
        return Err(syn::Error::new(method.sig.inputs.span(), "a #[classattr] takes no parameters"));
    }
    let rust_name = &method.sig.ident;
    let name = crate::signature::unraw(rust_name);
    out.stubs.push(stub_records::class_attr(&name, &method.sig.output, self_ty));
    out.install.extend(quote! {
        ty.setattr(#name, &#hpy::IntoHPy::into_hpy(<#self_ty>::#rust_name(), ty.ctx())?)?;
    });
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
        let code = super::generate(syn::parse2(item).unwrap()).unwrap().to_string();
        assert!(!code.contains("__hpy_arg "), "uses the O convention's argument: {code}");
        assert!(code.contains("parse_keywords"));
    }
}
