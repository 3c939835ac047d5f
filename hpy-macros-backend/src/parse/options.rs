//! The options of every macro and helper attribute, each parsed by
//! [`Keys`]: `#[hpy_function(..)]` (and `#[hpy(..)]` on a method),
//! `#[hpy_module(..)]`, `#[hpy_methods(..)]`, `#[hpy_type(..)]`,
//! `#[hpy_exception(..)]`, `#[hpy(..)]` on a field, on a module's item and
//! on a `#[derive(Traverse)]` item.

use super::keys::{Keys, value};
use super::signature::SignatureSpec;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Ident, LitStr, Path};

/// `crate = "..."`, after the key.
fn krate(input: ParseStream<'_>) -> syn::Result<Path> {
    input.parse::<syn::Token![=]>()?;
    crate::krate::parse_value(input)
}

/// Options of `#[hpy_function]` and of a method's `#[hpy(..)]`.
#[derive(Default)]
pub struct FunctionOptions {
    /// The Python name (default: the Rust name).
    pub name: Option<LitStr>,
    pub signature: Option<SignatureSpec>,
    /// `crate = "..."`: the path of the `hpy` crate.
    pub krate: Option<Path>,
}

impl FunctionOptions {
    const KEYS: &'static [&'static str] = &["name", "signature", "crate"];
    const METHOD_KEYS: &'static [&'static str] = &["name", "signature"];

    fn parse_with(&mut self, keys: &mut Keys, input: ParseStream<'_>) -> syn::Result<()> {
        keys.parse(input, |key, input| {
            match key.to_string().as_str() {
                "name" => self.name = Some(value(input)?),
                "signature" => self.signature = Some(value(input)?),
                _ => self.krate = Some(krate(input)?),
            }
            Ok(())
        })
    }

    /// The options of a method: its `#[hpy(name = .., signature = ..)]`
    /// attributes (one or several, each key once), taken off `attrs`.
    pub fn take_from_method(attrs: &mut Vec<Attribute>) -> syn::Result<Self> {
        let mut options = FunctionOptions::default();
        let mut keys = Keys::new(Self::METHOD_KEYS);
        let mut result = Ok(());
        attrs.retain(|attr| {
            if !attr.path().is_ident("hpy") {
                return true;
            }
            if result.is_ok() {
                result = attr.parse_args_with(|input: ParseStream<'_>| options.parse_with(&mut keys, input));
            }
            false
        });
        result.map(|()| options)
    }
}

impl Parse for FunctionOptions {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut options = FunctionOptions::default();
        options.parse_with(&mut Keys::new(Self::KEYS), input)?;
        Ok(options)
    }
}

/// Options of `#[hpy_module]`.
#[derive(Default)]
pub struct ModuleOptions {
    /// The module name (default: the Rust module's name).
    pub name: Option<LitStr>,
    /// `crate = "..."`: the path of the `hpy` crate.
    pub krate: Option<Path>,
}

impl Parse for ModuleOptions {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut options = ModuleOptions::default();
        Keys::new(&["name", "crate"]).parse(input, |key, input| {
            if key == "name" {
                options.name = Some(value(input)?);
            } else {
                options.krate = Some(krate(input)?);
            }
            Ok(())
        })?;
        Ok(options)
    }
}

/// Options of `#[hpy_methods]` and of `#[derive(Traverse)]`'s
/// `#[hpy(..)]`: only `crate = "..."`.
#[derive(Default)]
pub struct CrateOption {
    /// `crate = "..."`: the path of the `hpy` crate.
    pub krate: Option<Path>,
}

impl Parse for CrateOption {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut options = CrateOption::default();
        options.parse_with(&mut Keys::new(&["crate"]), input)?;
        Ok(options)
    }
}

impl CrateOption {
    fn parse_with(&mut self, keys: &mut Keys, input: ParseStream<'_>) -> syn::Result<()> {
        keys.parse(input, |_, input| {
            self.krate = Some(krate(input)?);
            Ok(())
        })
    }

    /// The `#[hpy(crate = "...")]` attributes of a derived item.
    pub fn from_attrs(attrs: &[Attribute]) -> syn::Result<Self> {
        let mut options = CrateOption::default();
        let mut keys = Keys::new(&["crate"]);
        for attr in attrs.iter().filter(|a| a.path().is_ident("hpy")) {
            attr.parse_args_with(|input: ParseStream<'_>| options.parse_with(&mut keys, input))?;
        }
        Ok(options)
    }
}

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

/// The builtin bases a class may have.
pub const BUILTINS: &[&str] = &["object", "int", "float", "str", "tuple", "list", "type"];

impl Parse for ClassOptions {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut options = ClassOptions::default();
        let mut keys = Keys::new(&["name", "extends", "builtin", "metaclass", "subclass", "frozen", "crate"]);
        keys.parse(input, |key, input| {
            match key.to_string().as_str() {
                "name" => options.name = Some(value(input)?),
                "extends" | "builtin" if options.base.is_some() => {
                    return Err(syn::Error::new(key.span(), "a class has one base: `extends` or `builtin`"));
                }
                "extends" => options.base = Some(Base::Rust(value(input)?)),
                "builtin" => {
                    input.parse::<syn::Token![=]>()?;
                    let builtin = input.call(Ident::parse_any)?;
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
                "metaclass" => options.metaclass = Some(value(input)?),
                "subclass" => options.subclass = true,
                "frozen" => options.frozen = true,
                _ => options.krate = Some(krate(input)?),
            }
            Ok(())
        })?;
        Ok(options)
    }
}

/// `#[hpy_exception(name = "...", base = Path, crate = "...")]`: `base` is
/// an exception type (a builtin such as `hpy::exceptions::ValueError` or
/// another `#[hpy_exception]`).
#[derive(Default)]
pub struct ExceptionOptions {
    pub name: Option<LitStr>,
    pub base: Option<Path>,
    /// `crate = "..."`: the path of the `hpy` crate.
    pub krate: Option<Path>,
}

impl Parse for ExceptionOptions {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut options = ExceptionOptions::default();
        Keys::new(&["name", "base", "crate"]).parse(input, |key, input| {
            match key.to_string().as_str() {
                "name" => options.name = Some(value(input)?),
                "base" => options.base = Some(value(input)?),
                _ => options.krate = Some(krate(input)?),
            }
            Ok(())
        })?;
        Ok(options)
    }
}

/// What a class's field asks for with `#[hpy(..)]`.
#[derive(Default)]
pub struct FieldOptions {
    pub get: bool,
    pub set: bool,
    pub member: bool,
    pub readonly: bool,
    pub name: Option<LitStr>,
}

impl FieldOptions {
    /// The `#[hpy(..)]` attributes of a field, taken off `attrs`.
    pub fn take(attrs: &mut Vec<Attribute>) -> syn::Result<Self> {
        let mut options = FieldOptions::default();
        let mut keys = Keys::new(&["get", "set", "member", "readonly", "name"]);
        let mut result = Ok(());
        let mut span = None;
        attrs.retain(|attr| {
            if !attr.path().is_ident("hpy") {
                return true;
            }
            span.get_or_insert(syn::spanned::Spanned::span(attr));
            if result.is_ok() {
                result = keys.parse_attr(attr, |key, input| {
                    match key.to_string().as_str() {
                        "get" => options.get = true,
                        "set" => options.set = true,
                        "member" => options.member = true,
                        "readonly" => options.readonly = true,
                        _ => options.name = Some(value(input)?),
                    }
                    Ok(())
                });
            }
            false
        });
        result?;
        let span = span.unwrap_or_else(proc_macro2::Span::call_site);
        if options.member && (options.get || options.set) {
            return Err(syn::Error::new(span, "a field is either a `member` or has `get`/`set`, not both"));
        }
        if options.readonly && !options.member {
            return Err(syn::Error::new(span, "`readonly` goes with `member`"));
        }
        Ok(options)
    }
}

/// The markers of a `#[hpy_module]`'s items: `#[hpy(exec)]` on a function,
/// `#[hpy(export)]` on a `use`. Takes them off `attrs`.
pub fn take_module_markers(attrs: &mut Vec<Attribute>) -> syn::Result<Vec<Ident>> {
    let mut found = Vec::new();
    let mut keys = Keys::new(&["exec", "export"]);
    let mut result = Ok(());
    attrs.retain(|attr| {
        if !attr.path().is_ident("hpy") {
            return true;
        }
        if result.is_ok() {
            result = keys.parse_attr(attr, |key, _| {
                found.push(key.clone());
                Ok(())
            });
        }
        false
    });
    result.map(|()| found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn every_option_list_refuses_a_repeated_key() {
        let twice = |result: syn::Result<()>| result.unwrap_err().to_string();
        assert!(
            twice(syn::parse_str::<FunctionOptions>(r#"name = "a", name = "b""#).map(drop)).contains("twice")
        );
        assert!(
            twice(syn::parse_str::<ModuleOptions>(r#"name = "a", name = "b""#).map(drop)).contains("twice")
        );
        assert!(
            twice(syn::parse_str::<CrateOption>(r#"crate = "a", crate = "b""#).map(drop)).contains("twice")
        );
        assert!(twice(syn::parse_str::<ClassOptions>("frozen, frozen").map(drop)).contains("twice"));
        assert!(twice(syn::parse_str::<ExceptionOptions>("base = A, base = B").map(drop)).contains("twice"));
        let mut field: Vec<Attribute> = vec![parse_quote!(#[hpy(get)]), parse_quote!(#[hpy(set, get)])];
        assert!(twice(FieldOptions::take(&mut field).map(drop)).contains("`get` is given twice"));
        let mut method: Vec<Attribute> =
            vec![parse_quote!(#[hpy(name = "a")]), parse_quote!(#[hpy(signature = (), name = "b")])];
        assert!(
            twice(FunctionOptions::take_from_method(&mut method).map(drop)).contains("`name` is given twice")
        );
        let mut item: Vec<Attribute> = vec![parse_quote!(#[hpy(exec)]), parse_quote!(#[hpy(exec)])];
        assert!(twice(take_module_markers(&mut item).map(drop)).contains("twice"));
        let derive: Vec<Attribute> =
            vec![parse_quote!(#[hpy(crate = "a")]), parse_quote!(#[hpy(crate = "b")])];
        assert!(twice(CrateOption::from_attrs(&derive).map(drop)).contains("twice"));
    }

    #[test]
    fn options_are_read() {
        let class: ClassOptions = syn::parse_str("builtin = int, subclass, crate = \"h\"").unwrap();
        assert!(matches!(class.base, Some(Base::Builtin(ref b)) if b == "int"));
        assert!(class.subclass && !class.frozen && class.krate.is_some());
        let err = syn::parse_str::<ClassOptions>("extends = A, builtin = int").map(drop).unwrap_err();
        assert!(err.to_string().contains("one base"), "{err}");
        let mut attrs: Vec<Attribute> =
            vec![parse_quote!(#[hpy(get, name = "y")]), parse_quote!(#[doc = "x"])];
        let field = FieldOptions::take(&mut attrs).unwrap();
        assert!(field.get && !field.set && field.name.unwrap().value() == "y");
        assert_eq!(attrs.len(), 1, "the `hpy` attribute is taken off");
        let mut method: Vec<Attribute> = vec![parse_quote!(#[hpy(signature = (a, /))])];
        assert!(FunctionOptions::take_from_method(&mut method).unwrap().signature.is_some());
        let err = FunctionOptions::take_from_method(&mut vec![parse_quote!(#[hpy(crate = "x")])]).map(drop);
        assert!(err.unwrap_err().to_string().contains("unknown option `crate`"));
    }
}
