//! [`Keys`]: the one parser of every option list the macros take —
//! `#[hpy_function(name = "x", crate = "..")]`, `#[hpy_type(frozen, ..)]`,
//! `#[hpy(signature = (..))]` on a method, `#[hpy(get, set)]` on a field,
//! `#[hpy(exec)]` in a module — with one rule for every one of them: an
//! unknown key is an error listing the known ones, and a key given twice
//! (in one attribute or in several attributes of one item) is an error at
//! its second occurrence.

use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, Token};

/// The keys an item may be given, and those it was given so far.
pub struct Keys {
    known: &'static [&'static str],
    seen: Vec<String>,
}

impl Keys {
    /// A parser for the keys `known`.
    pub fn new(known: &'static [&'static str]) -> Self {
        Keys { known, seen: Vec::new() }
    }

    /// Parses `key`, `key = value`, ... separated by commas: checks each
    /// key, then lets `value` parse what follows it (nothing for a flag,
    /// `= value` otherwise, see [`value`]).
    pub fn parse(
        &mut self,
        input: ParseStream<'_>,
        mut value: impl FnMut(&Ident, ParseStream<'_>) -> syn::Result<()>,
    ) -> syn::Result<()> {
        while !input.is_empty() {
            let key = input.call(Ident::parse_any)?;
            self.check(&key)?;
            value(&key, input)?;
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(())
    }

    /// Parses the arguments of `attr` (`#[hpy(a, b = 1)]`) as [`Keys::parse`] does.
    pub fn parse_attr(
        &mut self,
        attr: &syn::Attribute,
        value: impl FnMut(&Ident, ParseStream<'_>) -> syn::Result<()>,
    ) -> syn::Result<()> {
        attr.parse_args_with(|input: ParseStream<'_>| self.parse(input, value))
    }

    /// Accepts `key` once, if it is known.
    fn check(&mut self, key: &Ident) -> syn::Result<()> {
        let name = key.unraw().to_string();
        if !self.known.contains(&name.as_str()) {
            return Err(syn::Error::new(key.span(), format!("unknown option `{name}`; {}", self.listing())));
        }
        if self.seen.contains(&name) {
            return Err(syn::Error::new(key.span(), format!("`{name}` is given twice")));
        }
        self.seen.push(name);
        Ok(())
    }

    /// "the options are `a`, `b` and `c`".
    fn listing(&self) -> String {
        let quoted: Vec<String> = self.known.iter().map(|k| format!("`{k}`")).collect();
        match quoted.as_slice() {
            [] => "this takes no option".into(),
            [only] => format!("the option is {only}"),
            [init @ .., last] => format!("the options are {} and {last}", init.join(", ")),
        }
    }
}

/// `= value`: the value of a key.
pub fn value<T: Parse>(input: ParseStream<'_>) -> syn::Result<T> {
    input.parse::<Token![=]>()?;
    input.parse()
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::LitStr;
    use syn::parse::Parser;

    /// Parses `text` with the keys `name` (a string) and `flag`.
    fn parse(keys: &mut Keys, text: &str) -> syn::Result<Vec<String>> {
        let mut out = Vec::new();
        let parser = |input: ParseStream<'_>| {
            keys.parse(input, |key, input| {
                if key == "name" {
                    out.push(value::<LitStr>(input)?.value());
                } else {
                    out.push(key.to_string());
                }
                Ok(())
            })
        };
        parser.parse_str(text)?;
        Ok(out)
    }

    #[test]
    fn flags_and_values() {
        let mut keys = Keys::new(&["name", "flag"]);
        assert_eq!(parse(&mut keys, r#"flag, name = "x","#).unwrap(), ["flag", "x"]);
    }

    #[test]
    fn a_repeated_key_is_refused_at_its_second_occurrence() {
        let mut keys = Keys::new(&["name", "flag"]);
        let err = parse(&mut keys, r#"name = "a", flag, name = "b""#).unwrap_err();
        assert_eq!(err.to_string(), "`name` is given twice");
        // The error is at the second `name` (column 18), not the first (0).
        assert_eq!(err.span().start().column, 18);
    }

    #[test]
    fn repeated_across_attributes_of_one_item() {
        let mut keys = Keys::new(&["name", "flag"]);
        parse(&mut keys, "flag").unwrap();
        assert_eq!(parse(&mut keys, "flag").unwrap_err().to_string(), "`flag` is given twice");
    }

    #[test]
    fn an_unknown_key_lists_the_known_ones() {
        let err = parse(&mut Keys::new(&["name", "flag"]), "nmae").unwrap_err();
        assert_eq!(err.to_string(), "unknown option `nmae`; the options are `name` and `flag`");
        let err = parse(&mut Keys::new(&["crate"]), "name").unwrap_err();
        assert_eq!(err.to_string(), "unknown option `name`; the option is `crate`");
        let err = parse(&mut Keys::new(&["a", "b", "c"]), "d").unwrap_err();
        assert_eq!(err.to_string(), "unknown option `d`; the options are `a`, `b` and `c`");
    }
}
