//! [`ModuleModel`]: what an `#[hpy_module] mod name { .. }` holds — its
//! items, its statics, its exec function.

use super::signature::unraw;
use crate::parse::{ModuleOptions, doc_text, take_module_markers};
use syn::spanned::Spanned;
use syn::{Attribute, Item, ItemMod, Path, UseTree};

/// What a module definition is made of.
pub struct ModuleModel {
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

pub fn analyze_module(options: ModuleOptions, module: &mut ItemMod) -> syn::Result<ModuleModel> {
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
                for m in take_module_markers(&mut f.attrs)? {
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
                if let Some(m) = take_module_markers(&mut c.attrs)?.pop() {
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
                for m in take_module_markers(&mut u.attrs)? {
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
        None => unraw(&module.ident),
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(syn::Error::new(
            module.ident.span(),
            "the module name must be a valid C identifier (it names the exported init symbols)",
        ));
    }
    Ok(ModuleModel { name, items: functions, statics, exec, docs: doc_text(&module.attrs), constants })
}
