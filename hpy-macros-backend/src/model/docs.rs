//! Docstrings: the `__text_signature__` line CPython reads from the start
//! of a builtin's `__doc__`, before the `///` comments.

use super::signature::{Default, Kind, Param};
use syn::{Expr, ExprLit, ExprUnary, Lit, UnOp};

/// A default value as Python source, for the signature; `...` when the Rust
/// expression has no literal Python spelling.
pub fn python_default(default: &Default) -> String {
    match default {
        Default::ImplicitNone => "None".into(),
        Default::Expr(expr) => python_literal(expr).unwrap_or_else(|| "...".into()),
    }
}

fn python_literal(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(ExprLit { lit, .. }) => match lit {
            Lit::Int(i) => Some(i.base10_digits().to_string()),
            Lit::Float(f) => {
                let digits = f.base10_digits();
                Some(if digits.contains(['.', 'e', 'E']) {
                    digits.to_string()
                } else {
                    format!("{digits}.0")
                })
            }
            Lit::Bool(b) => Some(if b.value { "True" } else { "False" }.into()),
            Lit::Str(s) => Some(python_str(&s.value())),
            _ => None,
        },
        Expr::Unary(ExprUnary { op: UnOp::Neg(_), expr, .. }) => python_literal(expr)
            .filter(|v| v.starts_with(|c: char| c.is_ascii_digit()))
            .map(|v| format!("-{v}")),
        Expr::Path(p) if p.path.is_ident("None") => Some("None".into()),
        Expr::Group(g) => python_literal(&g.expr),
        Expr::Paren(p) => python_literal(&p.expr),
        _ => None,
    }
}

fn python_str(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// `name($module, a, /, b=1, *args, c, **kw)`: the signature line of a
/// builtin, with `first` (`$module`, `$self`, `$type`) as the implicit
/// positional-only first parameter.
pub fn text_signature(name: &str, first: &str, params: &[Param]) -> String {
    let mut parts = vec![first.to_string()];
    let last_positional_only = params.iter().rposition(|p| p.kind == Kind::PositionalOnly);
    let mut star_written = false;
    for (index, p) in params.iter().enumerate() {
        if p.kind == Kind::KeywordOnly && !star_written {
            parts.push("*".into());
            star_written = true;
        }
        let text = match p.kind {
            Kind::VarArgs => {
                star_written = true;
                format!("*{}", p.name)
            }
            Kind::VarKw => format!("**{}", p.name),
            _ => match &p.default {
                Some(d) => format!("{}={}", p.name, python_default(d)),
                None => p.name.clone(),
            },
        };
        parts.push(text);
        if Some(index) == last_positional_only {
            parts.push("/".into());
        }
    }
    if last_positional_only.is_none() {
        parts.insert(1, "/".into());
    }
    format!("{name}({})", parts.join(", "))
}

/// `(a, /, b=1)`: the signature of a class's constructor, for the class's
/// `__text_signature__` (which has no implicit first parameter).
pub fn class_signature(params: &[Param]) -> String {
    let full = text_signature("", "$cls", params);
    let inner = &full[1..full.len() - 1];
    let rest = inner.strip_prefix("$cls").unwrap_or(inner).trim_start_matches(", ");
    let rest = if rest == "/" { "" } else { rest.strip_prefix("/, ").unwrap_or(rest) };
    format!("({rest})")
}

/// The `__doc__` of a builtin: the signature line, `--`, then the docs.
pub fn docstring(signature: &str, docs: &str) -> String {
    let text = format!("{signature}\n--\n\n{docs}");
    text.replace('\0', "\\0")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::signature::bind;
    use crate::parse::SignatureSpec;
    use syn::parse_quote;

    fn sig(spec: Option<SignatureSpec>, names: &[&str]) -> String {
        let rust: Vec<_> = names
            .iter()
            .map(|n| crate::model::signature::RustParam {
                name: syn::Ident::new(n, proc_macro2::Span::call_site()),
                ty: parse_quote!(i64),
            })
            .collect();
        text_signature("f", "$module", &bind(&rust, spec.as_ref()).unwrap())
    }

    #[test]
    fn signatures() {
        assert_eq!(sig(None, &[]), "f($module, /)");
        assert_eq!(sig(None, &["a", "b"]), "f($module, /, a, b)");
        assert_eq!(sig(Some(parse_quote!((a, /, b))), &["a", "b"]), "f($module, a, /, b)");
        assert_eq!(
            sig(
                Some(parse_quote!((a, b = -2, *args, c = "x'y", d = 1.5, e = true, **kw))),
                &["a", "b", "args", "c", "d", "e", "kw"]
            ),
            "f($module, /, a, b=-2, *args, c='x\\'y', d=1.5, e=True, **kw)"
        );
        assert_eq!(
            sig(Some(parse_quote!((a, *, b = SOME_CONST))), &["a", "b"]),
            "f($module, /, a, *, b=...)"
        );
    }

    #[test]
    fn class_signatures() {
        let rust: Vec<_> = ["a", "b"]
            .iter()
            .map(|n| crate::model::signature::RustParam {
                name: syn::Ident::new(n, proc_macro2::Span::call_site()),
                ty: parse_quote!(i64),
            })
            .collect();
        let sig = |spec: Option<SignatureSpec>| class_signature(&bind(&rust, spec.as_ref()).unwrap());
        assert_eq!(sig(None), "(a, b)");
        assert_eq!(sig(Some(parse_quote!((a, /, b = 2)))), "(a, /, b=2)");
        assert_eq!(class_signature(&[]), "()");
    }
}
