//! `#[hpy_module] mod name { .. }`: the `HPyModuleDef`, the exec hook (its
//! body, run by the library's shell) and the entry symbols, which `hpy`'s
//! `__hpy_module_entry!` defines for the ABI it is built for (the four of the
//! HPy loader, or `PyInit_<name>`).

use crate::model::ModuleModel;
use crate::tokens::optional_c_literal;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Item, ItemMod};

pub fn generate(spec: &ModuleModel, module: &ItemMod) -> syn::Result<TokenStream> {
    let hpy = crate::krate::hpy();
    let span = module.ident.span();
    let items = &spec.items;
    let (static_names, static_types): (Vec<_>, Vec<_>) = spec.statics.iter().cloned().unzip();
    let doc = optional_c_literal(&spec.docs, span)?;
    let stubs = super::stub_records::module(&spec.name, items, &spec.constants);
    let (constant_names, constant_values): (Vec<_>, Vec<_>) =
        spec.constants.iter().map(|(ident, _)| (crate::model::unraw(ident), ident)).unzip();
    let user_exec = spec.exec.as_ref().map(|exec| {
        quote!(::core::result::Result::map_err(#exec(&__hpy_module), ::core::convert::Into::<#hpy::HPyErr>::into)?;)
    });
    let major = format_ident!("get_required_hpy_major_version_{}", spec.name);
    let minor = format_ident!("get_required_hpy_minor_version_{}", spec.name);
    let init_ctx = format_ident!("HPyInitGlobalContext_{}", spec.name);
    let init = format_ident!("HPyInit_{}", spec.name);
    let py_init = format_ident!("PyInit_{}", spec.name);
    let c_name = crate::tokens::c_literal(&spec.name.to_string(), span)?;
    // The exec slot: its body, run by the library's shell of `HPyFunc_INQUIRY`.
    let ctx = crate::tokens::local("__hpy_ctx");
    let exec = super::target::shelled(
        &format_ident!("__HpyModuleExec"),
        quote!(#hpy::impl_::sig::Inquiry),
        quote!(__hpy_raw_module: #hpy::sys::HPy),
        quote!(::core::ffi::c_int),
        quote! {
            // SAFETY: HPy passes the module being executed, open for the call.
            let __hpy_module = #hpy::Module::new(unsafe { #ctx.borrow_raw(__hpy_raw_module) });
            #hpy::impl_::module_exec(&__hpy_module)?;
            #(__hpy_module.add(#constant_names, #constant_values)?;)*
            #(<#items as #hpy::impl_::ModuleItem>::exec(&__hpy_module)?;)*
            #user_exec
            ::core::result::Result::Ok(0)
        },
    );
    let generated = quote! {
        #stubs

        #exec

        static __HPY_MODULE_EXEC_DEF: #hpy::sys::HPyDef = #hpy::impl_::slot_def::<#hpy::impl_::slot::HPy_mod_exec, __HpyModuleExec>();

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

        // The entry symbols of the ABI `hpy` is built for (`impl_/module_entry.rs`).
        #hpy::__hpy_module_entry! {
            name: #c_name,
            major: #major,
            minor: #minor,
            init_ctx: #init_ctx,
            init: #init,
            py_init: #py_init,
            doc: #doc,
            items: __hpy_module_items,
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
    fn exported_constants_are_added_before_exec_and_recorded() {
        let mut module: ItemMod = parse_quote! {
            mod demo {
                #[hpy(export)] const __version__: &str = "1.0";
                const PRIVATE: i64 = 1;
            }
        };
        let spec = crate::model::analyze_module(Default::default(), &mut module).unwrap();
        assert_eq!(spec.constants.len(), 1);
        let tokens = generate(&spec, &module).unwrap().to_string();
        assert!(tokens.contains(r#"__hpy_module . add ("__version__" , __version__) ?"#), "{tokens}");
        assert!(tokens.contains(r#"Part :: Text ("attr\t__version__\t")"#), "{tokens}");
        assert!(!tokens.contains(r#"add ("PRIVATE""#), "{tokens}");
    }

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
        let spec = crate::model::analyze_module(Default::default(), &mut module).unwrap();
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
            "PyInit_hello",
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
    fn needs_an_inline_module() {
        let mut module: ItemMod = parse_quote!(
            mod hello;
        );
        assert!(crate::model::analyze_module(Default::default(), &mut module).is_err());
    }
}
