//! The stub records of the generated items: what `cargo hpy` writes a
//! `.pyi` from (see `hpy/src/impl_/stub_record.rs` for how they are stored).
//!
//! Each item kind has one function here, called once where the item is
//! generated. A record is one line, fields separated by tabs:
//!
//! ```text
//! def <kind> <name> <parameters> <return type>    kind: function, method, staticmethod,
//!                                                  classmethod, new, slot
//! getter <name> <type>  /  setter <name> <type>   a property
//! attr <name> <type>                               a class attribute or module constant
//! class <name> <base> <final|open|disjoint> <metaclass>  ...  end
//!                                                  a class (or exception) and its items
//! module <name>  ...  end                          the module
//! ```
//!
//! Parameters are written as Python writes them (`a: int, /, b: str = ...,
//! *args: typing.Any, c: int, **kwargs: typing.Any`), without `self`/`cls`.
//! Types are the trait constants of `hpy` (`FromHPy::TYPE_HINT` through the
//! argument's probe, `IntoReturn::TYPE_HINT`, the class's name), chosen by
//! the compiler from the types, never from how they are spelled.

use crate::model::{Callable, Kind, Member, MethodsBlock, Param, SlotInfo, SlotKind, unraw};
use crate::parse::Base;
use crate::tokens::{probe_type, type_span};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::{ImplItem, ItemImpl, ReturnType, Type};

/// A piece of a record before it becomes tokens: text, or the type of a
/// parameter or of a return.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Param(Type),
    Return(Type),
}

fn push_text(pieces: &mut Vec<Piece>, text: &str) {
    match pieces.last_mut() {
        Some(Piece::Text(last)) => last.push_str(text),
        _ => pieces.push(Piece::Text(text.to_string())),
    }
}

/// The parameters, as Python writes them, with the types to fill in.
fn parameters(params: &[Param], self_ty: Option<&Type>, pieces: &mut Vec<Piece>) {
    let last_positional_only = params.iter().rposition(|p| p.kind == Kind::PositionalOnly);
    let mut star_written = false;
    for (index, p) in params.iter().enumerate() {
        if index > 0 {
            push_text(pieces, ", ");
        }
        match p.kind {
            Kind::VarArgs => {
                star_written = true;
                push_text(pieces, &format!("*{}: typing.Any", p.name));
            }
            Kind::VarKw => push_text(pieces, &format!("**{}: typing.Any", p.name)),
            kind => {
                if kind == Kind::KeywordOnly && !star_written {
                    star_written = true;
                    push_text(pieces, "*, ");
                }
                push_text(pieces, &format!("{}: ", p.name));
                pieces.push(Piece::Param(probe_type(&p.ty, self_ty)));
                if p.default.is_some() {
                    push_text(pieces, " = ...");
                }
            }
        }
        if Some(index) == last_positional_only {
            push_text(pieces, ", /");
        }
    }
}

/// The return type's piece: `None` for none.
fn returns(output: &ReturnType, self_ty: Option<&Type>, pieces: &mut Vec<Piece>) {
    match output {
        ReturnType::Default => push_text(pieces, "None"),
        ReturnType::Type(_, ty) => pieces.push(Piece::Return(probe_type(ty, self_ty))),
    }
}

fn def_pieces(
    kind: &str,
    name: &str,
    params: &[Param],
    output: &ReturnType,
    self_ty: Option<&Type>,
) -> Vec<Piece> {
    let mut pieces = vec![Piece::Text(format!("def\t{kind}\t{name}\t"))];
    parameters(params, self_ty, &mut pieces);
    push_text(&mut pieces, "\t");
    returns(output, self_ty, &mut pieces);
    push_text(&mut pieces, "\n");
    pieces
}

/// The `Part` expression (`Part::Nested(&[..])`) of `pieces`.
fn part(pieces: &[Piece]) -> TokenStream {
    let hpy = crate::krate::hpy();
    // A type without a conversion is refused where the call converts it; the error here, if
    // any, points at the same type.
    let parts = pieces.iter().map(|piece| match piece {
        Piece::Text(text) => quote!(#hpy::impl_::Part::Text(#text)),
        Piece::Param(ty) => quote_spanned! {type_span(ty)=>
            #hpy::impl_::Part::Type(&#hpy::impl_::ArgProbe::<#ty>::TYPE_HINT)
        },
        Piece::Return(ty) => quote_spanned! {type_span(ty)=>
            #hpy::impl_::Part::Type(&<#ty as #hpy::impl_::IntoReturn<'_>>::TYPE_HINT)
        },
    });
    quote!(#hpy::impl_::Part::Nested({
        #[allow(unused_imports)]
        use #hpy::impl_::{NoMethodsStub as _, ValueHint as _};
        &[#(#parts),*]
    }))
}

/// A module function: the `STUB` constant of its `ModuleItem`.
pub fn function(spec: &Callable) -> TokenStream {
    let hpy = crate::krate::hpy();
    let record = part(&def_pieces("function", &spec.python_name, &spec.params, &spec.output, None));
    quote!(const STUB: &'static [#hpy::impl_::Part] = &[#record];)
}

/// A method of `self_ty` of `kind` (`method`, `staticmethod`,
/// `classmethod`, `new` (the constructor), `init` (an `#[init]`
/// constructor)): a part of the class's record.
fn method(kind: &str, spec: &Callable, output: &ReturnType, self_ty: &Type) -> TokenStream {
    match kind {
        // The constructor returns the class; `__init__` returns nothing.
        "new" => part(&def_pieces("new", "__new__", &spec.params, &ReturnType::Default, Some(self_ty))),
        "init" => part(&def_pieces("method", "__init__", &spec.params, &ReturnType::Default, Some(self_ty))),
        // A class method's first parameter is the class: the stub's `cls`.
        "classmethod" => {
            let params = spec.params.get(1..).unwrap_or_default();
            part(&def_pieces(kind, &spec.python_name, params, output, Some(self_ty)))
        }
        _ => part(&def_pieces(kind, &spec.python_name, &spec.params, output, Some(self_ty))),
    }
}

/// The Python methods a slot gives the type, with the signatures the
/// interpreter gives them (positional-only), except `__init__` and
/// `__call__`, which take the method's own parameters.
fn slot_methods(info: &SlotInfo) -> Vec<(String, &'static str, &'static str)> {
    const ANY: &str = "typing.Any";
    let one = |name: &str, params: &'static str, ret: &'static str| vec![(name.to_string(), params, ret)];
    match &info.kind {
        SlotKind::Unary { .. } => {
            let ret = match info.name {
                "__repr__" | "__str__" => "str",
                "__int__" | "__index__" => "int",
                "__float__" => "float",
                _ => ANY,
            };
            one(info.name, "", ret)
        }
        SlotKind::Bool => one(info.name, "", "bool"),
        SlotKind::Len | SlotKind::Hash => one(info.name, "", "int"),
        SlotKind::Binary { reflected, group } => {
            let plain = if *reflected { format!("__{}", &info.name[3..]) } else { info.name.to_string() };
            let reflection = format!("__r{}", &plain[2..]);
            let params = if *group == "power" {
                ", value: typing.Any, mod: typing.Any = ..., /"
            } else {
                ", value: typing.Any, /"
            };
            vec![(plain, params, ANY), (reflection, params, ANY)]
        }
        SlotKind::InPlace { ternary: true, .. } => {
            one(info.name, ", value: typing.Any, mod: typing.Any = ..., /", ANY)
        }
        SlotKind::InPlace { .. } => one(info.name, ", value: typing.Any, /", ANY),
        SlotKind::Compare(_) => ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"]
            .iter()
            .map(|name| (name.to_string(), ", value: object, /", ANY))
            .collect(),
        SlotKind::GetItem => one(info.name, ", key: typing.Any, /", ANY),
        SlotKind::SetItem | SlotKind::DelItem => vec![
            ("__setitem__".into(), ", key: typing.Any, value: typing.Any, /", "None"),
            ("__delitem__".into(), ", key: typing.Any, /", "None"),
        ],
        SlotKind::Contains => one(info.name, ", key: typing.Any, /", "bool"),
        SlotKind::Del => one(info.name, "", "None"),
        SlotKind::Call | SlotKind::Init | SlotKind::Buffer => vec![],
    }
}

/// A dunder method that fills a slot: the Python methods the slot gives
/// the type (a binary operator gives its reflection too, a comparison all
/// six), as a part of the class's record.
fn slot(info: &SlotInfo, spec: &Callable, output: &ReturnType, self_ty: &Type) -> TokenStream {
    match info.kind {
        SlotKind::Init => return method("init", spec, output, self_ty),
        SlotKind::Call => return method("method", spec, output, self_ty),
        _ => {}
    }
    let text: String = slot_methods(info)
        .into_iter()
        .map(|(name, params, ret)| format!("def\tslot\t{name}\t{}\t{ret}\n", params.trim_start_matches(", ")))
        .collect();
    part(&[Piece::Text(text)])
}

/// A getter (its return type) or setter (its one parameter's type) of
/// the property `name`.
pub fn accessor(
    name: &str,
    is_getter: bool,
    spec: &Callable,
    output: &ReturnType,
    self_ty: &Type,
) -> TokenStream {
    let mut pieces = vec![Piece::Text(format!("{}\t{name}\t", if is_getter { "getter" } else { "setter" }))];
    match spec.params.first() {
        Some(p) if !is_getter => pieces.push(Piece::Param(probe_type(&p.ty, Some(self_ty)))),
        _ => returns(output, Some(self_ty), &mut pieces),
    }
    push_text(&mut pieces, "\n");
    part(&pieces)
}

/// A class attribute (`#[classattr]`), of the type its function returns.
fn class_attr(name: &str, output: &ReturnType, self_ty: &Type) -> TokenStream {
    let mut pieces = vec![Piece::Text(format!("attr\t{name}\t"))];
    returns(output, Some(self_ty), &mut pieces);
    push_text(&mut pieces, "\n");
    part(&pieces)
}

/// The `STUB` of a `#[hpy_methods]` block's `ClassMethods`: every member,
/// property and the constructor (`item` gives the class attributes' types).
pub fn methods(block: &MethodsBlock, item: &ItemImpl) -> TokenStream {
    let hpy = crate::krate::hpy();
    let self_ty = &block.self_ty;
    let mut parts = Vec::new();
    if let Some(c) = &block.constructor {
        let kind = if c.init_form { "init" } else { "new" };
        parts.push(method(kind, &c.callable, &c.callable.output, self_ty));
    }
    for member in &block.members {
        parts.push(match member {
            Member::Method(c) => method("method", c, &c.output, self_ty),
            Member::StaticMethod(c) => method("staticmethod", c, &c.output, self_ty),
            Member::ClassMethod(c) => method("classmethod", c, &c.output, self_ty),
            Member::Slot(info, c) => slot(info, c, &c.output, self_ty),
            Member::ClassAttr(ident) => {
                let output = item.items.iter().find_map(|i| match i {
                    ImplItem::Fn(f) if f.sig.ident == *ident => Some(f.sig.output.clone()),
                    _ => None,
                });
                class_attr(&unraw(ident), &output.unwrap_or(ReturnType::Default), self_ty)
            }
        });
    }
    for getset in &block.getsets {
        for (accessor_fn, is_getter) in [(&getset.getter, true), (&getset.setter, false)] {
            if let Some(c) = accessor_fn {
                parts.push(accessor(&getset.python_name, is_getter, c, &c.output, self_ty));
            }
        }
    }
    quote!(const STUB: &'static [#hpy::impl_::Part] = &[#(#parts),*];)
}

/// A field exposed as a member or property: read-only or not.
pub fn field(name: &str, writable: bool) -> TokenStream {
    let mut pieces = vec![Piece::Text(format!("getter\t{name}\ttyping.Any\n"))];
    if writable {
        push_text(&mut pieces, &format!("setter\t{name}\ttyping.Any\n"));
    }
    part(&pieces)
}

/// The `STUB` of a class's `ModuleItem`: its header (its base, whether
/// Python can subclass it: a class with a Rust payload is a disjoint base
/// then, its metaclass), the records of its `#[hpy_methods]` (found as
/// its methods are), its `fields`.
pub fn class(
    class: &syn::Ident,
    py_name: &str,
    (base, metaclass): (Option<&Base>, Option<&syn::Path>),
    subclass: bool,
    fields: &[TokenStream],
) -> TokenStream {
    let hpy = crate::krate::hpy();
    let head = format!("class\t{py_name}\t");
    let base = match base {
        None => quote!(#hpy::impl_::Part::Text("object")),
        Some(Base::Builtin(builtin)) => {
            let name = builtin.to_string();
            quote!(#hpy::impl_::Part::Text(#name))
        }
        Some(Base::Rust(base)) => {
            quote!(#hpy::impl_::Part::Type(&#hpy::TypeHint::Class(<#base as #hpy::HPyClass>::NAME)))
        }
    };
    let finality = if subclass { "\tdisjoint\t" } else { "\tfinal\t" };
    let metaclass = match metaclass {
        Some(meta) => {
            quote!(#hpy::impl_::Part::Type(&#hpy::TypeHint::Class(<#meta as #hpy::HPyClass>::NAME)))
        }
        None => quote!(#hpy::impl_::Part::Text("")),
    };
    quote! {
        const STUB: &'static [#hpy::impl_::Part] = &[
            #hpy::impl_::Part::Text(#head),
            #base,
            #hpy::impl_::Part::Text(#finality),
            #metaclass,
            #hpy::impl_::Part::Text("\n"),
            #hpy::impl_::Part::Nested({
                #[allow(unused_imports)]
                use #hpy::impl_::NoMethodsStub as _;
                #hpy::impl_::MethodsOf::<#class>::STUB
            }),
            #(#fields,)*
            #hpy::impl_::Part::Text("end\n"),
        ];
    }
}

/// The `STUB` of an exception's `ModuleItem`: a class on `base` (an
/// `ExceptionType`), open to subclasses.
pub fn exception(py_name: &str, base: &TokenStream) -> TokenStream {
    let hpy = crate::krate::hpy();
    let head = format!("class\t{py_name}\t");
    quote! {
        const STUB: &'static [#hpy::impl_::Part] = &[
            #hpy::impl_::Part::Text(#head),
            #hpy::impl_::Part::Text(<#base as #hpy::exceptions::ExceptionType>::NAME),
            #hpy::impl_::Part::Text("\topen\t\nend\n"),
        ];
    }
}

/// The module's record: a `#[used]` static in the stub section holding the
/// records of its `items`, its `constants` (typed by their `IntoHPy`) and
/// its `PanicException`.
pub fn module(name: &str, items: &[syn::Path], constants: &[(syn::Ident, Type)]) -> TokenStream {
    let hpy = crate::krate::hpy();
    let head = format!("module\t{name}\nclass\tPanicException\tBaseException\topen\t\nend\n");
    let constants = constants.iter().map(|(ident, ty)| {
        let mut pieces = vec![Piece::Text(format!("attr\t{}\t", unraw(ident)))];
        returns(&syn::parse_quote!(-> #ty), None, &mut pieces);
        push_text(&mut pieces, "\n");
        part(&pieces)
    });
    quote! {
        #[allow(non_upper_case_globals)]
        const _: () = {
            const __HPY_STUB_PARTS: &[#hpy::impl_::Part] = &[
                #hpy::impl_::Part::Text(#head),
                #(#hpy::impl_::Part::Nested(<#items as #hpy::impl_::ModuleItem>::STUB),)*
                #(#constants,)*
                #hpy::impl_::Part::Text("end\n"),
            ];
            #[used]
            #[unsafe(link_section = "hpy_stubs")]
            static __HPY_STUBS: [u8; #hpy::impl_::record_len(__HPY_STUB_PARTS)] =
                #hpy::impl_::record(__HPY_STUB_PARTS);
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Place, analyze};
    use syn::{ItemFn, parse_quote};

    /// The record with `{ty}` for each type to fill in.
    fn text(item: ItemFn, signature: Option<TokenStream>, kind: &str) -> String {
        let options = crate::parse::FunctionOptions {
            signature: signature.map(|s| syn::parse2(s).unwrap()),
            ..Default::default()
        };
        let spec = analyze(&options, &item.sig, &item.attrs, Place::Module).unwrap();
        def_pieces(kind, &spec.python_name, &spec.params, &item.sig.output, None)
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Param(ty) | Piece::Return(ty) => {
                    format!("{{{}}}", quote!(#ty).to_string().replace(' ', ""))
                }
            })
            .collect()
    }

    #[test]
    fn parameters_are_written_as_python_writes_them() {
        let f: ItemFn = parse_quote!(
            fn f(a: i64, b: &str, args: &Handle<'a>, c: Option<i64>, kwargs: Handle<'_>) -> HPyResult<i64> {}
        );
        assert_eq!(
            text(f, Some(quote!((a, /, b = "x", *args, c, **kwargs))), "function"),
            "def\tfunction\tf\ta: {i64}, /, b: {&str} = ..., *args: typing.Any, c: {Option<i64>} = ..., \
             **kwargs: typing.Any\t{HPyResult<i64>}\n"
        );
    }

    #[test]
    fn keyword_only_parameters_get_a_star_and_no_return_is_none() {
        let f: ItemFn = parse_quote!(
            fn g(ctx: Ctx<'_>, x: f64, y: f64) {}
        );
        assert_eq!(
            text(f, Some(quote!((x, *, y = 1.0))), "function"),
            "def\tfunction\tg\tx: {f64}, *, y: {f64} = ...\tNone\n"
        );
    }

    #[test]
    fn lifetimes_are_elided_in_types() {
        let f: ItemFn = parse_quote!(
            fn h<'a>(s: &'a str) -> Handle<'a> {}
        );
        assert_eq!(text(f, None, "function"), "def\tfunction\th\ts: {&'_str}\t{Handle<'_>}\n");
    }

    fn slot_info(name: &'static str) -> SlotInfo {
        let kind = match name {
            "__radd__" => SlotKind::Binary { group: "add", reflected: true },
            "__eq__" => SlotKind::Compare(Some("HPy_EQ")),
            "__delitem__" => SlotKind::DelItem,
            _ => SlotKind::Len,
        };
        SlotInfo { name, kind }
    }

    #[test]
    fn slots_give_their_python_methods() {
        let names = |dunder: &'static str| -> Vec<String> {
            slot_methods(&slot_info(dunder)).into_iter().map(|m| m.0).collect()
        };
        assert_eq!(names("__radd__"), ["__add__", "__radd__"]);
        assert_eq!(names("__eq__").len(), 6);
        assert_eq!(names("__delitem__"), ["__setitem__", "__delitem__"]);
        assert_eq!(slot_methods(&slot_info("__len__"))[0].2, "int");
    }

    #[test]
    fn a_methods_block_records_its_constructor_methods_properties_and_slots() {
        let mut item: ItemImpl = parse_quote! {
            impl Point {
                #[new]
                fn new(x: f64) -> Self { todo!() }
                fn norm(&self) -> f64 { todo!() }
                #[classmethod]
                fn parse(cls: &Handle<'_>, text: &str) -> Handle<'_> { todo!() }
                #[getter]
                fn x(&self) -> f64 { todo!() }
                #[setter]
                fn set_x(&mut self, x: f64) {}
                #[classattr]
                fn ORIGIN() -> Point { todo!() }
                fn __add__(&self, other: &Point) -> Point { todo!() }
            }
        };
        let (block, _) = crate::model::analyze_block(&mut item).unwrap();
        let tokens = methods(&block, &item).to_string();
        for text in [
            r#"Text ("def\tnew\t__new__\tx: ")"#,
            r#"Text ("def\tmethod\tnorm\t\t")"#,
            r#"Text ("def\tclassmethod\tparse\ttext: ")"#,
            r#"Text ("getter\tx\t")"#,
            r#"Text ("setter\tx\t")"#,
            r#"Text ("attr\tORIGIN\t")"#,
            r#"def\tslot\t__add__\tvalue: typing.Any, /\ttyping.Any\ndef\tslot\t__radd__"#,
        ] {
            assert!(tokens.contains(text), "no {text} in {tokens}");
        }
    }

    #[test]
    fn tokens_use_the_probes() {
        let f: ItemFn = parse_quote!(
            fn k(p: &Point) -> i64 {}
        );
        let spec = analyze(&Default::default(), &f.sig, &f.attrs, Place::Module).unwrap();
        let tokens = function(&spec).to_string();
        assert!(tokens.contains("ArgProbe :: < & Point > :: TYPE_HINT"), "{tokens}");
        assert!(tokens.contains("< i64 as :: hpy :: impl_ :: IntoReturn"), "{tokens}");
    }
}
