//! Walks the crate's modules as the compiler finds them, recording every
//! item with the API functions and the identifiers it names.

use super::Item;
use super::role::{Facts, role};
use super::syntax::{
    collect_names, exported_from, is_cfg_test, parse, path_attr, reach, reexports_of, row_label, rows,
    trait_label, type_label,
};
use proc_macro2::TokenStream;
use quote::ToTokens;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Collects the items of a crate.
pub(super) struct Scanner<'a> {
    pub root: &'a Path,
    pub names: &'a BTreeSet<String>,
    /// Names re-exported by a `pub use` somewhere (public even when their
    /// module is private).
    pub reexported: BTreeSet<String>,
    /// Names re-exported at the crate root or in its public inline modules
    /// (the prelude): the user-facing ones.
    pub exported: BTreeSet<String>,
    pub items: Vec<Item>,
}

/// Where the items being walked live.
struct Module<'a> {
    path: Vec<String>,
    /// Whether this module and all its parents are `pub`.
    all_pub: bool,
    file: &'a Path,
    /// The folder of its child modules' files.
    dir: PathBuf,
    /// Types private to the module: their trait implementations are helpers
    /// of the items that name the type, not public API.
    private_types: BTreeSet<String>,
}

impl Module<'_> {
    fn qualified(&self, name: &str) -> String {
        if self.path.is_empty() { name.to_string() } else { format!("{}::{name}", self.path.join("::")) }
    }
}

/// An item about to be recorded.
struct Entry {
    label: String,
    /// The name other items call it by (empty for macro code).
    name: String,
    reach: Option<bool>,
    /// Whether it is reachable from outside the crate.
    public: bool,
    is_unsafe: bool,
    /// The names that make it user-facing when exported (see `role`).
    subjects: Vec<String>,
}

fn with_unsafe(mut label: String, is_unsafe: bool) -> String {
    if is_unsafe {
        label.push_str(" (unsafe)");
    }
    label
}

impl Scanner<'_> {
    /// Walks the root module in `file`.
    pub fn crate_root(&mut self, file: &Path) -> Result<(), String> {
        let parsed = parse(file)?;
        exported_from(&parsed.items, &mut self.exported);
        let dir = file.parent().expect("lib.rs lives in a folder").to_path_buf();
        self.collect_reexports(&parsed.items, file, &dir);
        self.module(&parsed.items, Vec::new(), true, file, dir);
        Ok(())
    }

    /// Every name that a `pub use` re-exports, anywhere in the crate, before
    /// the walk: an item of a private module is public when a module walked
    /// later (`impl_`) re-exports it.
    fn collect_reexports(&mut self, items: &[syn::Item], file: &Path, dir: &Path) {
        for item in items {
            match item {
                syn::Item::Use(u) if matches!(u.vis, syn::Visibility::Public(_)) => {
                    self.reexported.extend(reexports_of(&u.tree));
                }
                syn::Item::Mod(m) if !is_cfg_test(&m.attrs) => match &m.content {
                    Some((_, inline)) => self.collect_reexports(inline, file, &dir.join(m.ident.to_string())),
                    None => {
                        let (file, dir) = module_file(file, dir, m);
                        if let Ok(parsed) = parse(&file) {
                            self.collect_reexports(&parsed.items, &file, &dir);
                        }
                    }
                },
                _ => {}
            }
        }
    }

    fn record(&mut self, module: &Module<'_>, tokens: TokenStream, entry: Entry) {
        let mut calls = BTreeSet::new();
        let mut mentions = BTreeSet::new();
        collect_names(tokens, self.names, &mut calls, &mut mentions);
        let facts = Facts {
            path: &module.path,
            public: entry.public,
            is_unsafe: entry.is_unsafe,
            subjects: &entry.subjects,
        };
        let (public, internal) = role(&facts, &self.exported);
        self.items.push(Item {
            label: with_unsafe(entry.label, entry.is_unsafe),
            file: module.file.strip_prefix(self.root).unwrap_or(module.file).display().to_string(),
            public,
            internal,
            name: entry.name,
            reach: entry.reach,
            calls,
            mentions,
        });
    }

    fn module(&mut self, items: &[syn::Item], path: Vec<String>, all_pub: bool, file: &Path, dir: PathBuf) {
        let private_types = items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Struct(s) if matches!(s.vis, syn::Visibility::Inherited) => {
                    Some(s.ident.to_string())
                }
                syn::Item::Enum(e) if matches!(e.vis, syn::Visibility::Inherited) => {
                    Some(e.ident.to_string())
                }
                _ => None,
            })
            .collect();
        let module = Module { path, all_pub, file, dir, private_types };
        for item in items {
            match item {
                syn::Item::Fn(f) if !is_cfg_test(&f.attrs) => self.free_fn(&module, f),
                syn::Item::Impl(imp) if !is_cfg_test(&imp.attrs) => self.impl_block(&module, imp),
                syn::Item::Trait(t) => self.trait_defaults(&module, t),
                syn::Item::Const(c) if !is_cfg_test(&c.attrs) => {
                    self.value(&module, &c.ident, &c.vis, c.expr.to_token_stream())
                }
                syn::Item::Static(s) => self.value(&module, &s.ident, &s.vis, s.expr.to_token_stream()),
                syn::Item::Macro(m) if !is_cfg_test(&m.attrs) => self.macro_item(&module, m),
                syn::Item::Mod(m) if !is_cfg_test(&m.attrs) => self.child_module(&module, m),
                _ => {}
            }
        }
    }

    fn free_fn(&mut self, module: &Module<'_>, f: &syn::ItemFn) {
        let name = f.sig.ident.to_string();
        let reexported = self.reexported.contains(&name);
        let public = matches!(f.vis, syn::Visibility::Public(_)) && (module.all_pub || reexported);
        let label = if reexported { name.clone() } else { module.qualified(&name) };
        let entry = Entry {
            label,
            subjects: vec![name.clone()],
            name,
            reach: reach(&f.vis),
            public,
            is_unsafe: f.sig.unsafety.is_some(),
        };
        self.record(module, f.block.to_token_stream(), entry);
    }

    fn impl_block(&mut self, module: &Module<'_>, imp: &syn::ItemImpl) {
        let self_ty = type_label(&imp.self_ty);
        for member in &imp.items {
            let (name, tokens, vis, is_unsafe) = match member {
                syn::ImplItem::Fn(f) if !is_cfg_test(&f.attrs) => {
                    (f.sig.ident.to_string(), f.block.to_token_stream(), &f.vis, f.sig.unsafety.is_some())
                }
                syn::ImplItem::Const(c) => (c.ident.to_string(), c.expr.to_token_stream(), &c.vis, false),
                _ => continue,
            };
            let subject = self_ty.trim_start_matches('&').to_string();
            let entry = match &imp.trait_ {
                Some((_, path, _)) => {
                    let label = format!("<{self_ty} as {}>::{name}", trait_label(path));
                    let subjects = vec![subject, trait_label(path)];
                    if module.private_types.contains(&self_ty) {
                        Entry {
                            label,
                            name: self_ty.clone(),
                            reach: None,
                            public: false,
                            is_unsafe,
                            subjects,
                        }
                    } else {
                        Entry { label, name, reach: Some(true), public: true, is_unsafe, subjects }
                    }
                }
                None => Entry {
                    label: format!("{self_ty}::{name}"),
                    public: reach(vis) == Some(true),
                    reach: reach(vis),
                    name,
                    is_unsafe,
                    subjects: vec![subject],
                },
            };
            self.record(module, tokens, entry);
        }
    }

    fn trait_defaults(&mut self, module: &Module<'_>, t: &syn::ItemTrait) {
        for member in &t.items {
            if let syn::TraitItem::Fn(f) = member
                && let Some(block) = &f.default
            {
                let name = f.sig.ident.to_string();
                let label = format!("{}::{name}", t.ident);
                let entry = Entry {
                    label,
                    name,
                    reach: Some(true),
                    public: true,
                    is_unsafe: f.sig.unsafety.is_some(),
                    subjects: vec![t.ident.to_string()],
                };
                self.record(module, block.to_token_stream(), entry);
            }
        }
    }

    fn value(&mut self, module: &Module<'_>, ident: &syn::Ident, vis: &syn::Visibility, tokens: TokenStream) {
        let name = ident.to_string();
        let entry = Entry {
            label: module.qualified(&name),
            name,
            reach: reach(vis),
            public: false,
            is_unsafe: false,
            subjects: Vec::new(),
        };
        self.record(module, tokens, entry);
    }

    /// A `macro_rules!` definition counts as the code it generates; an
    /// invocation is split into rows at `;`, each named by its first tokens.
    fn macro_item(&mut self, module: &Module<'_>, m: &syn::ItemMacro) {
        let macro_name = m.mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        if macro_name == "macro_rules" {
            let name = m.ident.as_ref().map(|i| i.to_string()).unwrap_or_default();
            let entry = Entry {
                label: format!("{name}! (macro)"),
                name: String::new(),
                reach: Some(true),
                public: true,
                is_unsafe: false,
                subjects: Vec::new(),
            };
            self.record(module, m.mac.tokens.clone(), entry);
        } else {
            for row in rows(m.mac.tokens.clone()) {
                let subject = row_label(&row);
                let label = format!("{subject} (via {macro_name}!)");
                let entry = Entry {
                    label,
                    name: String::new(),
                    reach: Some(true),
                    public: true,
                    is_unsafe: false,
                    subjects: vec![subject],
                };
                self.record(module, row, entry);
            }
        }
    }

    /// Follows `mod name { .. }` and `mod name;` (with `#[path]`).
    fn child_module(&mut self, module: &Module<'_>, m: &syn::ItemMod) {
        let name = m.ident.to_string();
        let all_pub = module.all_pub && matches!(m.vis, syn::Visibility::Public(_));
        let mut path = module.path.clone();
        path.push(name.clone());
        if let Some((_, inline)) = &m.content {
            return self.module(inline, path, all_pub, module.file, module.dir.join(&name));
        }
        let (file, dir) = module_file(module.file, &module.dir, m);
        match parse(&file) {
            Ok(parsed) => self.module(&parsed.items, path, all_pub, &file, dir),
            Err(e) => panic!("cannot follow `mod {name};`: {e}"),
        }
    }
}

/// The file of `mod name;` declared in `file` (whose child modules live in
/// `dir`), as the compiler finds it (`#[path]`, `name.rs`, `name/mod.rs`),
/// and the folder of its own child modules.
fn module_file(file: &Path, dir: &Path, m: &syn::ItemMod) -> (PathBuf, PathBuf) {
    match path_attr(&m.attrs) {
        Some(relative) => {
            let file = file.parent().expect("a source file lives in a folder").join(relative);
            let dir = file.parent().expect("a module file lives in a folder").to_path_buf();
            (file, dir)
        }
        None => {
            let name = m.ident.to_string();
            let flat = dir.join(format!("{name}.rs"));
            let nested = dir.join(&name);
            if flat.is_file() { (flat, nested) } else { (nested.join("mod.rs"), nested) }
        }
    }
}
