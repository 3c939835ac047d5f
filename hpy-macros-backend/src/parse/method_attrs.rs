//! The attributes of a method in `#[hpy_methods]`: its role marker
//! (`#[new]`, `#[init]`, `#[staticmethod]`, `#[classmethod]`,
//! `#[classattr]`, `#[getter]`, `#[setter]`) and its options
//! (`#[hpy(name = .., signature = ..)]`).

use super::options::FunctionOptions;
use syn::spanned::Spanned;
use syn::{Attribute, LitStr};

/// The role a marker gives a method.
pub enum RoleAttr {
    New,
    /// `#[init]`: the constructor run as `__init__` on a `Default` value.
    Init,
    Static,
    Class,
    ClassAttr,
    /// `#[getter]` or `#[getter("name")]`.
    Getter(Option<LitStr>),
    /// `#[setter]` or `#[setter("name")]`.
    Setter(Option<LitStr>),
}

/// Takes the role marker (at most one) and the options off a method's
/// attributes.
pub fn take_method_attrs(attrs: &mut Vec<Attribute>) -> syn::Result<(Option<RoleAttr>, FunctionOptions)> {
    let mut role = None;
    let mut error = None;
    attrs.retain(|attr| {
        let name = attr.path().get_ident().map(ToString::to_string).unwrap_or_default();
        let named = || match &attr.meta {
            syn::Meta::List(list) => list.parse_args::<LitStr>().map(Some),
            _ => Ok(None),
        };
        let found = match name.as_str() {
            "new" => Ok(RoleAttr::New),
            "init" => Ok(RoleAttr::Init),
            "staticmethod" => Ok(RoleAttr::Static),
            "classmethod" => Ok(RoleAttr::Class),
            "classattr" => Ok(RoleAttr::ClassAttr),
            "getter" => named().map(RoleAttr::Getter),
            "setter" => named().map(RoleAttr::Setter),
            _ => return true,
        };
        match found {
            Ok(found) if role.is_none() => role = Some(found),
            Ok(_) => {
                error.get_or_insert(syn::Error::new(attr.span(), "a method has at most one role attribute"));
            }
            Err(e) => {
                error.get_or_insert(e);
            }
        }
        false
    });
    if let Some(e) = error {
        return Err(e);
    }
    let options = FunctionOptions::take_from_method(attrs)?;
    Ok((role, options))
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn one_role_and_the_options() {
        let mut attrs: Vec<Attribute> =
            vec![parse_quote!(#[getter("x")]), parse_quote!(#[hpy(name = "y")]), parse_quote!(#[inline])];
        let (role, options) = take_method_attrs(&mut attrs).unwrap();
        assert!(matches!(role, Some(RoleAttr::Getter(Some(ref n))) if n.value() == "x"));
        assert_eq!(options.name.unwrap().value(), "y");
        assert_eq!(attrs.len(), 1);
        let mut two: Vec<Attribute> = vec![parse_quote!(#[new]), parse_quote!(#[staticmethod])];
        let err = take_method_attrs(&mut two).map(drop).unwrap_err();
        assert!(err.to_string().contains("at most one role"));
    }
}
