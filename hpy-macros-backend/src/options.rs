//! The options of the attribute macros: `#[hpy_function(name = "x", signature = (..))]`.

use crate::signature::SignatureSpec;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

/// Options of `#[hpy_function]`.
#[derive(Default)]
pub struct FunctionOptions {
    /// The Python name (default: the Rust name).
    pub name: Option<LitStr>,
    pub signature: Option<SignatureSpec>,
    /// `crate = "..."`: the path of the `hpy` crate.
    pub krate: Option<syn::Path>,
}

impl Parse for FunctionOptions {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut options = FunctionOptions::default();
        while !input.is_empty() {
            let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
            input.parse::<Token![=]>()?;
            match key.to_string().as_str() {
                "name" if options.name.is_none() => options.name = Some(input.parse()?),
                "signature" if options.signature.is_none() => options.signature = Some(input.parse()?),
                "crate" if options.krate.is_none() => options.krate = Some(crate::krate::parse_value(input)?),
                "name" | "signature" | "crate" => {
                    return Err(syn::Error::new(key.span(), format!("`{key}` is given twice")));
                }
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!("unknown option `{key}`; the options are `name`, `signature` and `crate`"),
                    ));
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(options)
    }
}

/// Options of `#[hpy_module]`.
#[derive(Default)]
pub struct ModuleOptions {
    /// The module name (default: the Rust module's name).
    pub name: Option<LitStr>,
    /// `crate = "..."`: the path of the `hpy` crate.
    pub krate: Option<syn::Path>,
}

impl Parse for ModuleOptions {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut options = ModuleOptions::default();
        while !input.is_empty() {
            let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
            input.parse::<Token![=]>()?;
            if key == "name" && options.name.is_none() {
                options.name = Some(input.parse()?);
            } else if key == "crate" && options.krate.is_none() {
                options.krate = Some(crate::krate::parse_value(input)?);
            } else {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown or repeated option `{key}`; the options are `name` and `crate`"),
                ));
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(options)
    }
}

/// Options of `#[hpy_methods]`: only `crate = "..."`.
#[derive(Default)]
pub struct MethodsOptions {
    /// `crate = "..."`: the path of the `hpy` crate.
    pub krate: Option<syn::Path>,
}

impl Parse for MethodsOptions {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut options = MethodsOptions::default();
        while !input.is_empty() {
            let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
            input.parse::<Token![=]>()?;
            if key == "crate" && options.krate.is_none() {
                options.krate = Some(crate::krate::parse_value(input)?);
            } else {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown or repeated option `{key}`; the option is `crate`"),
                ));
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(options)
    }
}
