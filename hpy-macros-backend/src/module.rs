//! `#[hpy_module] mod name { .. }`: the `HPyModuleDef`, the exec hook and
//! the four symbols the HPy loader looks for.

use crate::docs::doc_text;
use crate::function::c_literal;
use crate::options::ModuleOptions;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{Attribute, Item, ItemMod, Path, UseTree};

/// What a module definition is made of.
pub struct ModuleSpec {
    pub name: String,
    /// The items of the module (functions, types, exceptions): each
    /// implements `ModuleItem`.
    pub items: Vec<Path>,
    /// The `static`s declared in the module (those of type `hpy::Global`,
    /// told apart by type in the generated code, are its globals).
    pub statics: Vec<(syn::Ident, syn::Type)>,
    /// The user's exec function, if one is marked `#[hpy(exec)]`.
    pub exec: Option<syn::Ident>,
    pub docs: String,
    /// The `#[hpy(export)] const`s: module attributes set before the exec function runs.
    pub constants: Vec<(syn::Ident, syn::Type)>,
}

/// Whether an attribute is `#[hpy_function]` (or `#[hpy::hpy_function]`).
fn is_attr(attr: &Attribute, name: &str) -> bool {
    attr.path().segments.last().is_some_and(|s| s.ident == name)
}

/// The marker `#[hpy(exec)]` / `#[hpy(export)]`, if `attr` is one.
fn marker(attr: &Attribute) -> syn::Result<Option<syn::Ident>> {
    if !attr.path().is_ident("hpy") {
        return Ok(None);
    }
    let ident: syn::Ident = attr.parse_args()?;
    if ident != "exec" && ident != "export" {
        return Err(syn::Error::new(ident.span(), "expected `#[hpy(exec)]` or `#[hpy(export)]`"));
    }
    Ok(Some(ident))
}

/// Removes the `#[hpy(..)]` markers of an item, returning them.
fn take_markers(attrs: &mut Vec<Attribute>) -> syn::Result<Vec<syn::Ident>> {
    let mut found = Vec::new();
    let mut error = None;
    attrs.retain(|attr| match marker(attr) {
        Ok(Some(ident)) => {
            found.push(ident);
            false
        }
        Ok(None) => true,
        Err(e) => {
            error.get_or_insert(e);
            true
        }
    });
    match error {
        Some(e) => Err(e),
        None => Ok(found),
    }
}

/// The names a `use` item brings in, as paths.
fn use_leaves(tree: &UseTree, prefix: &mut Vec<syn::Ident>, out: &mut Vec<Path>) -> syn::Result<()> {
    match tree {
        UseTree::Path(p) => {
            prefix.push(p.ident.clone());
            use_leaves(&p.tree, prefix, out)?;
            prefix.pop();
        }
        UseTree::Name(n) => out.push(syn::parse_quote!(#n)),
        UseTree::Rename(r) => {
            let rename = &r.rename;
            out.push(syn::parse_quote!(#rename));
        }
        UseTree::Group(g) => {
            for tree in &g.items {
                use_leaves(tree, prefix, out)?;
            }
        }
        UseTree::Glob(g) => {
            return Err(syn::Error::new(g.span(), "#[hpy(export)] needs the functions by name, not a glob"));
        }
    }
    Ok(())
}

pub fn analyze(options: ModuleOptions, module: &mut ItemMod) -> syn::Result<ModuleSpec> {
    let Some((_, items)) = &mut module.content else {
        return Err(syn::Error::new(
            module.span(),
            "#[hpy_module] needs the module's items inline: `mod name { .. }`",
        ));
    };
    let mut functions = Vec::new();
    let mut statics = Vec::new();
    let mut exec = None;
    let mut constants = Vec::new();
    for item in items.iter_mut() {
        match item {
            Item::Fn(f) => {
                for m in take_markers(&mut f.attrs)? {
                    if m != "exec" {
                        return Err(syn::Error::new(m.span(), "`#[hpy(export)]` goes on `use` items"));
                    }
                    if exec.replace(f.sig.ident.clone()).is_some() {
                        return Err(syn::Error::new(
                            f.sig.ident.span(),
                            "only one function can be `#[hpy(exec)]`",
                        ));
                    }
                }
                if f.attrs.iter().any(|a| is_attr(a, "hpy_function")) {
                    let ident = &f.sig.ident;
                    functions.push(syn::parse_quote!(#ident));
                }
            }
            Item::Struct(st)
                if st.attrs.iter().any(|a| is_attr(a, "hpy_type") || is_attr(a, "hpy_exception")) =>
            {
                let ident = &st.ident;
                functions.push(syn::parse_quote!(#ident));
            }
            Item::Const(c) => {
                // `#[hpy(export)] const NAME: T = ..;` (a name of Python's, such as
                // `__version__`, is allowed as it is).
                if let Some(m) = take_markers(&mut c.attrs)?.pop() {
                    if m != "export" {
                        return Err(syn::Error::new(m.span(), "`#[hpy(exec)]` goes on a function"));
                    }
                    c.attrs.push(syn::parse_quote!(#[allow(non_upper_case_globals)]));
                    constants.push((c.ident.clone(), (*c.ty).clone()));
                }
            }
            Item::Static(st) if matches!(st.mutability, syn::StaticMutability::None) => {
                statics.push((st.ident.clone(), (*st.ty).clone()));
            }
            Item::Use(u) => {
                for m in take_markers(&mut u.attrs)? {
                    if m != "export" {
                        return Err(syn::Error::new(m.span(), "`#[hpy(exec)]` goes on a function"));
                    }
                    use_leaves(&u.tree, &mut Vec::new(), &mut functions)?;
                }
            }
            _ => {}
        }
    }
    let name = match &options.name {
        Some(name) => name.value(),
        None => crate::signature::unraw(&module.ident),
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(syn::Error::new(
            module.ident.span(),
            "the module name must be a valid C identifier (it names the exported init symbols)",
        ));
    }
    Ok(ModuleSpec { name, items: functions, statics, exec, docs: doc_text(&module.attrs), constants })
}

pub fn generate(spec: &ModuleSpec, module: &ItemMod) -> syn::Result<TokenStream> {
    let hpy = crate::krate::hpy();
    let span = module.ident.span();
    let items = &spec.items;
    let (static_names, static_types): (Vec<_>, Vec<_>) = spec.statics.iter().cloned().unzip();
    let doc = if spec.docs.is_empty() {
        quote!(::core::option::Option::None)
    } else {
        let doc = c_literal(&spec.docs, span)?;
        quote!(::core::option::Option::Some(#doc))
    };
    let user_exec = spec.exec.as_ref().map(|exec| {
        quote!(::core::result::Result::map_err(#exec(&__hpy_module), ::core::convert::Into::<#hpy::HPyErr>::into)?;)
    });
    let major = format_ident!("get_required_hpy_major_version_{}", spec.name);
    let minor = format_ident!("get_required_hpy_minor_version_{}", spec.name);
    let init_ctx = format_ident!("HPyInitGlobalContext_{}", spec.name);
    let init = format_ident!("HPyInit_{}", spec.name);
    let stubs = crate::stub_records::module(&spec.name, items, &spec.constants);
    let (constant_names, constant_values): (Vec<_>, Vec<_>) =
        spec.constants.iter().map(|(ident, _)| (crate::signature::unraw(ident), ident)).unzip();
    let generated = quote! {
        #stubs

        #[doc(hidden)]
        #[allow(non_snake_case, clippy::undocumented_unsafe_blocks)]
        unsafe extern "C" fn __hpy_module_exec(
            __hpy_raw_ctx: *mut #hpy::sys::HPyContext,
            __hpy_raw_module: #hpy::sys::HPy,
        ) -> ::core::ffi::c_int {
            let __hpy_body = |__hpy_ctx: #hpy::Ctx<'_>| -> #hpy::HPyResult<::core::ffi::c_int> {
                // SAFETY: HPy passes the module being executed, open for the call.
                let __hpy_module = #hpy::Module::new(unsafe { __hpy_ctx.borrow_raw(__hpy_raw_module) });
                #hpy::impl_::module_exec(&__hpy_module)?;
                #(__hpy_module.add(#constant_names, #constant_values)?;)*
                #(<#items as #hpy::impl_::ModuleItem>::exec(&__hpy_module)?;)*
                #user_exec
                ::core::result::Result::Ok(0)
            };
            // SAFETY: HPy calls the exec hook with the context of the call.
            unsafe { #hpy::impl_::run(__hpy_raw_ctx, __hpy_body) }
        }

        #[doc(hidden)]
        pub struct __HpyModuleExec;

        // SAFETY: `__hpy_module_exec` has the `HPyFunc_INQUIRY` signature.
        unsafe impl #hpy::impl_::trampolines::Target for __HpyModuleExec {
            const IMPL: #hpy::sys::HPyCFunction = #hpy::impl_::erase::inquiry(__hpy_module_exec);
        }

        // SAFETY: `HPy_mod_exec` has the `HPyFunc_INQUIRY` signature, which the target implements.
        static __HPY_MODULE_EXEC_DEF: #hpy::sys::HPyDef = unsafe {
            #hpy::impl_::slot_def::<__HpyModuleExec>(#hpy::sys::HPy_mod_exec, #hpy::sys::HPyFunc_INQUIRY)
        };

        fn __hpy_module_items(
            defs: &mut ::std::vec::Vec<&'static #hpy::sys::HPyDef>,
            globals: &mut ::std::vec::Vec<&'static #hpy::Global>,
        ) {
            #(
                <#items as #hpy::impl_::ModuleItem>::defs(defs);
                <#items as #hpy::impl_::ModuleItem>::globals(globals);
            )*
            {
                // The module's statics of type `hpy::Global` are its globals.
                use #hpy::impl_::{ProbeGlobal as _, ProbeNotGlobal as _};
                #((&&#hpy::impl_::GlobalProbe::<#static_types>::new()).list(&#static_names, globals);)*
            }
            defs.push(&__HPY_MODULE_EXEC_DEF);
        }

        /// The HPy major version this module needs (loader protocol).
        #[unsafe(no_mangle)]
        pub extern "C" fn #major() -> u32 {
            #hpy::sys::HPY_ABI_VERSION
        }

        /// The HPy minor version this module needs (loader protocol).
        #[unsafe(no_mangle)]
        pub extern "C" fn #minor() -> u32 {
            #hpy::sys::HPY_ABI_VERSION_MINOR
        }

        /// Receives the context that the CPython trampolines use.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn #init_ctx(ctx: *mut #hpy::sys::HPyContext) {
            // SAFETY: the HPy loader passes the context for the trampolines.
            unsafe { #hpy::impl_::set_trampoline_context(ctx) }
        }

        /// The module definition (loader protocol; no HPy call happens here).
        #[unsafe(no_mangle)]
        pub extern "C" fn #init() -> *mut #hpy::sys::HPyModuleDef {
            static DEF: #hpy::impl_::ModuleDefCell = #hpy::impl_::ModuleDefCell::new();
            DEF.get(#doc, __hpy_module_items)
        }
    };
    let mut module = module.clone();
    let (_, items) = module.content.as_mut().expect("checked by analyze");
    items.push(Item::Verbatim(generated));
    Ok(quote!(#module))
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn collects_functions_exports_and_exec() {
        let mut module: ItemMod = parse_quote! {
            /// The docs.
            mod hello {
                #[hpy_function] fn a() {}
                #[hpy::hpy_function] fn b() {}
                fn helper() {}
                #[hpy(export)] use super::{c, d as e};
                #[hpy(exec)] fn setup(m: &Module<'_, '_>) -> HPyResult<()> { Ok(()) }
                static KEPT: Keeper = Keeper::new();
                static LIMIT: u8 = 3;
            }
        };
        let spec = analyze(Default::default(), &mut module).unwrap();
        let names: Vec<String> = spec.items.iter().map(|p| quote!(#p).to_string()).collect();
        assert_eq!(names, ["a", "b", "c", "e"]);
        assert_eq!(spec.exec.as_ref().unwrap().to_string(), "setup");
        assert_eq!(spec.docs, "The docs.");
        let tokens = generate(&spec, &module).unwrap().to_string();
        for symbol in [
            "get_required_hpy_major_version_hello",
            "get_required_hpy_minor_version_hello",
            "HPyInitGlobalContext_hello",
            "HPyInit_hello",
        ] {
            assert!(tokens.contains(symbol), "{symbol}");
        }
        assert!(!tokens.contains("hpy (exec)"), "markers are removed");
        // Statics are told apart by type, not by name: each is probed.
        assert!(
            tokens.contains("GlobalProbe :: < Keeper > :: new ()) . list (& KEPT , globals)"),
            "{tokens}"
        );
        assert!(tokens.contains("GlobalProbe :: < u8 > :: new ()) . list (& LIMIT , globals)"));
    }

    #[test]
    fn exported_constants_are_added_before_exec_and_recorded() {
        let mut module: ItemMod = parse_quote! {
            mod demo {
                #[hpy(export)] const __version__: &str = "1.0";
                const PRIVATE: i64 = 1;
            }
        };
        let spec = analyze(Default::default(), &mut module).unwrap();
        assert_eq!(spec.constants.len(), 1);
        let tokens = generate(&spec, &module).unwrap().to_string();
        assert!(tokens.contains(r#"__hpy_module . add ("__version__" , __version__) ?"#), "{tokens}");
        assert!(tokens.contains(r#"Part :: Text ("attr\t__version__\t")"#), "{tokens}");
        assert!(!tokens.contains(r#"add ("PRIVATE""#), "{tokens}");
    }

    #[test]
    fn needs_an_inline_module() {
        let mut module: ItemMod = parse_quote!(
            mod hello;
        );
        assert!(analyze(Default::default(), &mut module).is_err());
    }
}
