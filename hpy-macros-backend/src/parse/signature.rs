//! `signature = (a, b = 1, /, c, *args, d, **kwargs)`: the items of the
//! option, as written (bound to the function's parameters by
//! `model::signature`).

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::{Expr, Ident, Token, parenthesized};

/// One item of a `signature = (...)` attribute.
#[derive(Debug)]
pub enum SigItem {
    Slash(Span),
    Star(Span),
    Named { name: Ident, default: Option<Box<Expr>> },
    VarArgs(Ident),
    VarKw(Ident),
}

/// `(a, b = 1, /, c, *args, d, **kwargs)`.
#[derive(Debug)]
pub struct SignatureSpec {
    pub items: Vec<SigItem>,
    pub span: Span,
}

impl Parse for SignatureSpec {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let content;
        let paren = parenthesized!(content in input);
        let mut items = Vec::new();
        while !content.is_empty() {
            if content.peek(Token![/]) {
                items.push(SigItem::Slash(content.parse::<Token![/]>()?.span));
            } else if content.peek(Token![*]) && content.peek2(Token![*]) {
                content.parse::<Token![*]>()?;
                content.parse::<Token![*]>()?;
                items.push(SigItem::VarKw(content.parse()?));
            } else if content.peek(Token![*]) {
                let star = content.parse::<Token![*]>()?;
                if content.peek(Ident) {
                    items.push(SigItem::VarArgs(content.parse()?));
                } else {
                    items.push(SigItem::Star(star.span));
                }
            } else {
                let name: Ident = content.parse()?;
                let default = if content.peek(Token![=]) {
                    content.parse::<Token![=]>()?;
                    Some(Box::new(content.parse::<Expr>()?))
                } else {
                    None
                };
                items.push(SigItem::Named { name, default });
            }
            if !content.is_empty() {
                content.parse::<Token![,]>()?;
            }
        }
        Ok(SignatureSpec { items, span: paren.span.join() })
    }
}
