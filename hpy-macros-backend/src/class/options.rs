//! `#[hpy_type(...)]` options.

use super::*;

/// What a class derives from.
pub enum Base {
    Builtin(Ident),
    Rust(Path),
}

/// `#[hpy_type(name = "X", extends = Base | builtin = float, metaclass = Meta, subclass, frozen, crate = "..")]`.
#[derive(Default)]
pub struct ClassOptions {
    pub name: Option<LitStr>,
    pub base: Option<Base>,
    pub metaclass: Option<Path>,
    pub subclass: bool,
    pub frozen: bool,
    /// `crate = "..."`: the path of the `hpy` crate.
    pub krate: Option<Path>,
}

const BUILTINS: &[&str] = &["object", "int", "float", "str", "tuple", "list", "type"];

impl Parse for ClassOptions {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut options = ClassOptions::default();
        while !input.is_empty() {
            let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
            match key.to_string().as_str() {
                "name" => {
                    input.parse::<Token![=]>()?;
                    options.name = Some(input.parse()?);
                }
                "extends" => {
                    input.parse::<Token![=]>()?;
                    options.base = Some(Base::Rust(input.parse()?));
                }
                "builtin" => {
                    input.parse::<Token![=]>()?;
                    let builtin: Ident = input.call(syn::ext::IdentExt::parse_any)?;
                    if !BUILTINS.contains(&builtin.to_string().as_str()) {
                        return Err(syn::Error::new(
                            builtin.span(),
                            format!(
                                "unknown builtin base `{builtin}`; expected one of {}",
                                BUILTINS.join(", ")
                            ),
                        ));
                    }
                    options.base = Some(Base::Builtin(builtin));
                }
                "metaclass" => {
                    input.parse::<Token![=]>()?;
                    options.metaclass = Some(input.parse()?);
                }
                "crate" => {
                    input.parse::<Token![=]>()?;
                    options.krate = Some(crate::krate::parse_value(input)?);
                }
                "subclass" => options.subclass = true,
                "frozen" => options.frozen = true,
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{key}`; the options are `name`, `extends`, `builtin`, `metaclass`, \
                             `subclass`, `frozen` and `crate`"
                        ),
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
