//! The Python signature of a function: from the Rust parameters, refined by
//! `signature = (a, /, b=1, *args, c, **kwargs)`.

use crate::parse::{SigItem, SignatureSpec};
use proc_macro2::Span;
use syn::{Expr, Ident, Type};

/// How a parameter can be given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    PositionalOnly,
    PositionalOrKeyword,
    KeywordOnly,
    VarArgs,
    VarKw,
}

/// A Python-visible parameter, bound to a Rust parameter.
#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub kind: Kind,
    /// The default: an expression, or `None` for an `Option` parameter
    /// without one (`ImplicitNone`).
    pub default: Option<Default>,
    pub ty: Type,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum Default {
    Expr(Box<Expr>),
    ImplicitNone,
}

impl Param {
    pub fn is_required(&self) -> bool {
        self.default.is_none()
            && matches!(self.kind, Kind::PositionalOnly | Kind::PositionalOrKeyword | Kind::KeywordOnly)
    }

    pub fn is_named(&self) -> bool {
        !matches!(self.kind, Kind::VarArgs | Kind::VarKw)
    }
}

/// A Rust parameter that Python can pass.
pub struct RustParam {
    pub name: Ident,
    pub ty: Type,
}

/// Whether a type is `Option<..>` (judged by its last path segment).
pub fn is_option(ty: &Type) -> bool {
    last_segment(ty).is_some_and(|s| s == "Option")
}

/// The last path segment of a type, through references.
pub fn last_segment(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Reference(r) => last_segment(&r.elem),
        Type::Group(g) => last_segment(&g.elem),
        Type::Paren(p) => last_segment(&p.elem),
        _ => None,
    }
}

/// Binds the Rust parameters to Python parameters.
pub fn bind(rust: &[RustParam], spec: Option<&SignatureSpec>) -> syn::Result<Vec<Param>> {
    let params = match spec {
        None => default_signature(rust),
        Some(spec) => from_spec(rust, spec)?,
    };
    validate(&params)?;
    Ok(params)
}

fn default_signature(rust: &[RustParam]) -> Vec<Param> {
    rust.iter()
        .map(|p| Param {
            name: unraw(&p.name),
            kind: Kind::PositionalOrKeyword,
            default: is_option(&p.ty).then_some(Default::ImplicitNone),
            ty: p.ty.clone(),
            span: p.name.span(),
        })
        .collect()
}

pub fn unraw(ident: &Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map(str::to_string).unwrap_or(text)
}

fn from_spec(rust: &[RustParam], spec: &SignatureSpec) -> syn::Result<Vec<Param>> {
    // `/` makes everything before it positional-only; `*` or `*args` makes
    // everything after it keyword-only.
    let slash = spec.items.iter().position(|i| matches!(i, SigItem::Slash(_)));
    let mut params = Vec::new();
    let mut keyword_only = false;
    let mut rust_iter = rust.iter();
    for (index, item) in spec.items.iter().enumerate() {
        let (name, kind, default) = match item {
            SigItem::Slash(span) => {
                if params.is_empty() || slash != Some(index) || keyword_only {
                    return Err(syn::Error::new(
                        *span,
                        "`/` must follow at least one parameter, once, and come before `*`",
                    ));
                }
                continue;
            }
            SigItem::Star(span) => {
                if keyword_only {
                    return Err(syn::Error::new(*span, "only one `*` or `*args` is allowed"));
                }
                let named_follows =
                    spec.items[index + 1..].iter().any(|i| matches!(i, SigItem::Named { .. }));
                if !named_follows {
                    return Err(syn::Error::new(*span, "named arguments must follow a bare `*`"));
                }
                keyword_only = true;
                continue;
            }
            SigItem::Named { name, default } => {
                let kind = if keyword_only {
                    Kind::KeywordOnly
                } else if slash.is_some_and(|s| index < s) {
                    Kind::PositionalOnly
                } else {
                    Kind::PositionalOrKeyword
                };
                (name, kind, default.clone().map(Default::Expr))
            }
            SigItem::VarArgs(name) => {
                if keyword_only {
                    return Err(syn::Error::new(name.span(), "only one `*` or `*args` is allowed"));
                }
                keyword_only = true;
                (name, Kind::VarArgs, None)
            }
            SigItem::VarKw(name) => (name, Kind::VarKw, None),
        };
        let Some(rust_param) = rust_iter.next() else {
            return Err(syn::Error::new(name.span(), format!("`{name}` is not a parameter of the function")));
        };
        if rust_param.name != *name {
            return Err(syn::Error::new(
                name.span(),
                format!(
                    "the signature must list the parameters in the order of the function: expected `{}`, found `{name}`",
                    rust_param.name
                ),
            ));
        }
        let default = default.or_else(|| {
            (matches!(kind, Kind::PositionalOnly | Kind::PositionalOrKeyword | Kind::KeywordOnly)
                && is_option(&rust_param.ty))
            .then_some(Default::ImplicitNone)
        });
        params.push(Param { name: unraw(name), kind, default, ty: rust_param.ty.clone(), span: name.span() });
    }
    if let Some(missing) = rust_iter.next() {
        return Err(syn::Error::new(
            spec.span,
            format!("the signature does not mention the parameter `{}`", missing.name),
        ));
    }
    Ok(params)
}

/// Python's keywords: a parameter named so cannot be passed by keyword,
/// and `inspect.signature` rejects it.
const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

fn validate(params: &[Param]) -> syn::Result<()> {
    let mut seen_default = false;
    for (index, p) in params.iter().enumerate() {
        if PYTHON_KEYWORDS.contains(&p.name.as_str()) {
            return Err(syn::Error::new(
                p.span,
                format!(
                    "`{}` is a Python keyword: Python code could not pass it by name; rename the parameter",
                    p.name
                ),
            ));
        }
        match p.kind {
            Kind::PositionalOnly | Kind::PositionalOrKeyword => {
                if p.default.is_some() {
                    seen_default = true;
                } else if seen_default {
                    return Err(syn::Error::new(
                        p.span,
                        format!(
                            "the required parameter `{}` follows a parameter with a default; give it a \
                             default or make it keyword-only with `signature = (..)`",
                            p.name
                        ),
                    ));
                }
            }
            Kind::VarKw if index + 1 != params.len() => {
                return Err(syn::Error::new(p.span, "`**kwargs` must be the last parameter"));
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn rust(names: &[(&str, Type)]) -> Vec<RustParam> {
        names
            .iter()
            .map(|(n, t)| RustParam { name: Ident::new(n, Span::call_site()), ty: t.clone() })
            .collect()
    }

    fn kinds(params: &[Param]) -> Vec<(String, Kind, bool)> {
        params.iter().map(|p| (p.name.clone(), p.kind, p.default.is_some())).collect()
    }

    #[test]
    fn default_signature_is_positional_or_keyword_with_trailing_options() {
        let params =
            bind(&rust(&[("a", parse_quote!(i64)), ("b", parse_quote!(Option<&str>))]), None).unwrap();
        assert_eq!(
            kinds(&params),
            vec![
                ("a".into(), Kind::PositionalOrKeyword, false),
                ("b".into(), Kind::PositionalOrKeyword, true)
            ]
        );
    }

    #[test]
    fn full_signature() {
        let spec: SignatureSpec = parse_quote!((a, b = 2, /, c = 3, *args, d, e = 5, **kw));
        let names = ["a", "b", "c", "args", "d", "e", "kw"];
        let params = bind(&rust(&names.map(|n| (n, parse_quote!(i64)))), Some(&spec)).unwrap();
        assert_eq!(
            kinds(&params),
            vec![
                ("a".into(), Kind::PositionalOnly, false),
                ("b".into(), Kind::PositionalOnly, true),
                ("c".into(), Kind::PositionalOrKeyword, true),
                ("args".into(), Kind::VarArgs, false),
                ("d".into(), Kind::KeywordOnly, false),
                ("e".into(), Kind::KeywordOnly, true),
                ("kw".into(), Kind::VarKw, false),
            ]
        );
    }

    #[test]
    fn required_after_default_is_an_error() {
        let spec: SignatureSpec = parse_quote!((a = 1, b));
        let err =
            bind(&rust(&[("a", parse_quote!(i64)), ("b", parse_quote!(i64))]), Some(&spec)).err().unwrap();
        assert!(err.to_string().contains("follows a parameter with a default"));
    }

    #[test]
    fn order_and_coverage_are_checked() {
        let spec: SignatureSpec = parse_quote!((b, a));
        let err =
            bind(&rust(&[("a", parse_quote!(i64)), ("b", parse_quote!(i64))]), Some(&spec)).err().unwrap();
        assert!(err.to_string().contains("expected `a`, found `b`"));
        let spec: SignatureSpec = parse_quote!((a));
        let err =
            bind(&rust(&[("a", parse_quote!(i64)), ("b", parse_quote!(i64))]), Some(&spec)).err().unwrap();
        assert!(err.to_string().contains("does not mention the parameter `b`"));
    }

    #[test]
    fn python_rules_for_markers_and_names() {
        let one = rust(&[("a", parse_quote!(i64))]);
        for (spec, message) in
            [(parse_quote!((a, *)), "must follow a bare `*`"), (parse_quote!((*, a, /)), "come before `*`")]
        {
            let spec: SignatureSpec = spec;
            let err = bind(&one, Some(&spec)).err().unwrap();
            assert!(err.to_string().contains(message), "{err}");
        }
        let keyword =
            vec![RustParam { name: Ident::new_raw("for", Span::call_site()), ty: parse_quote!(i64) }];
        assert!(bind(&keyword, None).err().unwrap().to_string().contains("Python keyword"));
    }

    #[test]
    fn keyword_only_may_be_required_after_defaults() {
        let spec: SignatureSpec = parse_quote!((a = 1, *, b));
        assert!(bind(&rust(&[("a", parse_quote!(i64)), ("b", parse_quote!(i64))]), Some(&spec)).is_ok());
    }
}
