//! The `///` comments of an item.

use syn::{Attribute, Expr, ExprLit, Lit, Meta};

/// The text of the `///` comments (`#[doc = "..."]` with literal strings),
/// with rustdoc's leading space removed from each line.
pub fn doc_text(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs {
        if let Meta::NameValue(nv) = &attr.meta
            && nv.path.is_ident("doc")
            && let Expr::Lit(ExprLit { lit: Lit::Str(text), .. }) = &nv.value
        {
            let text = text.value();
            if text.is_empty() {
                lines.push(String::new());
            }
            for line in text.lines() {
                lines.push(line.strip_prefix(' ').unwrap_or(line).to_string());
            }
        }
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn docs_strip_one_space() {
        let attrs: Vec<Attribute> = vec![
            parse_quote!(#[doc = " Line one."]),
            parse_quote!(#[doc = ""]),
            parse_quote!(#[doc = "   indented"]),
        ];
        assert_eq!(doc_text(&attrs), "Line one.\n\n  indented");
    }
}
