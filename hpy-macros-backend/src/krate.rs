//! The path of the `hpy` crate in generated code: `::hpy`, or what the
//! macro's `crate = "..."` option gives (a renamed dependency, or a crate
//! that re-exports `hpy`).
//!
//! Each entry point sets the path for the time of its expansion
//! ([`with`]); the emitters read it ([`hpy`]) where they write a path into
//! the crate. A leaf module: it uses nothing else of the backend.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use std::cell::RefCell;
use syn::parse::ParseStream;
use syn::{LitStr, Path};

thread_local! {
    /// The path given by the macro being expanded (`None`: `::hpy`).
    static PATH: RefCell<Option<Path>> = const { RefCell::new(None) };
}

/// Runs `f` with `path` as the crate's path (`None`: `::hpy`), then puts
/// back the previous one.
pub fn with<R>(path: Option<Path>, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Path>);
    impl Drop for Restore {
        fn drop(&mut self) {
            PATH.set(self.0.take());
        }
    }
    let _restore = Restore(PATH.replace(path));
    f()
}

/// The path of the `hpy` crate, to write `#hpy::Handle`.
pub fn hpy() -> TokenStream {
    PATH.with_borrow(|path| match path {
        Some(path) => path.to_token_stream(),
        None => quote!(::hpy),
    })
}

/// The path of the `hpy` crate with the span `span`, for `quote_spanned!`
/// (an error about the path's item then points at `span`).
pub fn hpy_at(span: Span) -> TokenStream {
    hpy()
        .into_iter()
        .map(|mut token| {
            token.set_span(span);
            token
        })
        .collect()
}

/// Parses the value of `crate = "..."` (after the `=`). A path that does
/// not start with `::`, `crate`, `self` or `super` names a crate and gets
/// the leading `::`, so that no local item can shadow it.
pub fn parse_value(input: ParseStream<'_>) -> syn::Result<Path> {
    let text: LitStr = input.parse()?;
    let mut path: Path = text.parse()?;
    let first = path.segments.first().map(|s| s.ident.to_string());
    if path.leading_colon.is_none() && !matches!(first.as_deref(), Some("crate" | "self" | "super")) {
        path.leading_colon = Some(Default::default());
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> String {
        syn::parse::Parser::parse_str(parse_value, text).unwrap().to_token_stream().to_string()
    }

    #[test]
    fn a_crate_name_becomes_absolute() {
        assert_eq!(parse(r#""my_hpy""#), ":: my_hpy");
        assert_eq!(parse(r#""::my_hpy""#), ":: my_hpy");
        assert_eq!(parse(r#""reexports::hpy""#), ":: reexports :: hpy");
        assert_eq!(parse(r#""crate::hpy""#), "crate :: hpy");
    }

    #[test]
    fn the_path_holds_for_the_expansion_only() {
        assert_eq!(hpy().to_string(), ":: hpy");
        let inside = with(Some(syn::parse_quote!(::renamed)), || hpy().to_string());
        assert_eq!(inside, ":: renamed");
        assert_eq!(hpy().to_string(), ":: hpy");
    }
}
