//! Small syntactic helpers for the scan: parsing files, attributes, type
//! and row labels, and the identifiers a token stream mentions.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::BTreeSet;
use std::path::Path;

/// Parses a source file.
pub(super) fn parse(path: &Path) -> Result<syn::File, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The names a `use` tree brings in.
pub(super) fn reexports_of(tree: &syn::UseTree) -> BTreeSet<String> {
    fn walk(tree: &syn::UseTree, out: &mut BTreeSet<String>) {
        match tree {
            syn::UseTree::Path(p) => walk(&p.tree, out),
            syn::UseTree::Name(n) => {
                out.insert(n.ident.to_string());
            }
            syn::UseTree::Rename(r) => {
                out.insert(r.rename.to_string());
            }
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| walk(t, out)),
            syn::UseTree::Glob(_) => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(tree, &mut out);
    out
}

pub(super) fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        (a.path().is_ident("cfg") && a.meta.to_token_stream().to_string().replace(' ', "") == "cfg(test)")
            || a.path().is_ident("test")
    })
}

pub(super) fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find(|a| a.path().is_ident("path")).and_then(|a| match &a.meta {
        syn::Meta::NameValue(nv) => match &nv.value {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

/// `Handle`, `&Handle`, `[u8]`: a type without its generic arguments.
pub(super) fn type_label(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default(),
        syn::Type::Reference(r) => format!("&{}", type_label(&r.elem)),
        syn::Type::Slice(s) => format!("[{}]", type_label(&s.elem)),
        syn::Type::Array(a) => format!("[{}; N]", type_label(&a.elem)),
        syn::Type::Tuple(t) if t.elems.is_empty() => "()".into(),
        syn::Type::Tuple(_) => "(..)".into(),
        other => other.to_token_stream().to_string(),
    }
}

pub(super) fn trait_label(path: &syn::Path) -> String {
    path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default()
}

/// Records every identifier of `tokens` that is one of `names` in `found`,
/// and every identifier in `mentions`.
pub(super) fn collect_names(
    tokens: TokenStream,
    names: &BTreeSet<String>,
    found: &mut BTreeSet<String>,
    mentions: &mut BTreeSet<String>,
) {
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => {
                let text = ident.to_string();
                if names.contains(&text) {
                    found.insert(text.clone());
                }
                mentions.insert(text);
            }
            TokenTree::Group(group) => collect_names(group.stream(), names, found, mentions),
            _ => {}
        }
    }
}

/// The names a crate root re-exports (`pub use`), also from its public
/// inline modules (the prelude).
pub(super) fn exported_from(items: &[syn::Item], out: &mut BTreeSet<String>) {
    for item in items {
        match item {
            syn::Item::Use(u) if matches!(u.vis, syn::Visibility::Public(_)) => {
                out.extend(reexports_of(&u.tree))
            }
            syn::Item::Mod(m) if matches!(m.vis, syn::Visibility::Public(_)) => {
                if let Some((_, inline)) = &m.content {
                    exported_from(inline, out);
                }
            }
            _ => {}
        }
    }
}

/// `Some(true)` for `pub`, `Some(false)` for `pub(crate)` and the like,
/// `None` for private.
pub(super) fn reach(vis: &syn::Visibility) -> Option<bool> {
    match vis {
        syn::Visibility::Public(_) => Some(true),
        syn::Visibility::Restricted(_) => Some(false),
        syn::Visibility::Inherited => None,
    }
}

/// The rows of a macro invocation: its tokens split at top-level `;`.
pub(super) fn rows(tokens: TokenStream) -> Vec<TokenStream> {
    let mut rows = vec![Vec::new()];
    for tree in tokens {
        match &tree {
            TokenTree::Punct(p) if p.as_char() == ';' => rows.push(Vec::new()),
            _ => rows.last_mut().expect("there is always a row").push(tree),
        }
    }
    rows.into_iter().filter(|r| !r.is_empty()).map(|r| r.into_iter().collect()).collect()
}

/// A row's name: its first tokens, after any `#[...]` attributes, up to
/// `=>` or `,` (`ListBuilder`, `i32`).
pub(super) fn row_label(row: &TokenStream) -> String {
    let trees: Vec<TokenTree> = row.clone().into_iter().collect();
    let mut i = 0;
    while i + 1 < trees.len()
        && matches!(&trees[i], TokenTree::Punct(p) if p.as_char() == '#')
        && matches!(&trees[i + 1], TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket)
    {
        i += 2;
    }
    let mut label = String::new();
    while i < trees.len() {
        match &trees[i] {
            TokenTree::Punct(p) if p.as_char() == ',' || p.as_char() == '=' => break,
            tree => label.push_str(&tree.to_string()),
        }
        i += 1;
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_labels_of_macro_invocations() {
        let tokens: TokenStream =
            "#[doc = \"x\"] ListBuilder, HPyListBuilder_New, y; i32 => i64, HPyLong_FromInt32_t;"
                .parse()
                .unwrap();
        let labels: Vec<String> = rows(tokens).iter().map(row_label).collect();
        assert_eq!(labels, ["ListBuilder", "i32"]);
    }

    #[test]
    fn finds_names_inside_macro_calls_in_bodies() {
        let names: BTreeSet<String> = ["HPy_Dup".to_string()].into();
        let (mut found, mut mentions) = (BTreeSet::new(), BTreeSet::new());
        collect_names(
            "{ foo!(hpy_sys::HPy_Dup(ctx, h)); HPy_Close }".parse().unwrap(),
            &names,
            &mut found,
            &mut mentions,
        );
        assert_eq!(found, names);
        assert!(mentions.contains("foo") && mentions.contains("HPy_Close"));
    }
}
