//! [`Callable`]: the one description of a callable — where it lives, its
//! receiver, its Python parameters, its calling convention and where each
//! argument of the Rust call comes from — computed once from the Rust
//! signature and the options, for every form (module function, method,
//! static and class method, slot, constructor and its `__new__` form).

use super::signature::{self, Kind, Param, RustParam};
use crate::parse::{FunctionOptions, doc_text};
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, FnArg, Ident, Pat, Signature, Type};

/// The HPy calling convention, chosen as the cheapest that fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Convention {
    /// No arguments.
    NoArgs,
    /// Exactly one positional-only argument.
    O,
    /// Positional-only arguments (and maybe `*args`).
    VarArgs,
    /// Anything with keywords.
    Keywords,
}

/// How a method receives the object it is called on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Receiver {
    /// A module function, a static method, a constructor.
    None,
    /// `&self`.
    Ref,
    /// `&mut self`.
    RefMut,
    /// A first parameter `slf: &Instance<'_, Self>`.
    Instance,
}

/// One argument of the Rust call, in order.
#[derive(Clone, Copy, Debug)]
pub enum RustArg {
    Receiver,
    Ctx,
    Python(usize),
}

/// Where the callable lives, which changes its receiver, its Python name
/// and its convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place<'a> {
    Module,
    Method,
    StaticMethod,
    ClassMethod,
    /// A method whose slot always receives arguments and keywords
    /// (`__init__`, `__call__`).
    KeywordsMethod,
    /// `#[new]` or `#[init]` of the class named so (argument errors name
    /// the class, as CPython's do: `Point() missing ..`).
    Constructor(&'a str),
    /// The `__new__` static method form of the constructor of the class
    /// named so: its Python parameters start with the class (`cls`).
    NewFunction(&'a str),
}

/// Everything the code generation needs to know about a callable.
#[derive(Clone)]
pub struct Callable {
    pub rust_name: Ident,
    pub python_name: String,
    pub params: Vec<Param>,
    pub rust_args: Vec<RustArg>,
    pub receiver: Receiver,
    pub docs: String,
    pub convention: Convention,
    /// Where errors about the receiver point: `&mut self`, or the type of
    /// `slf: &Instance<'_, Self>`.
    pub receiver_span: Span,
    /// The type of the receiver `slf: &Instance<'_, Self>` ([`Receiver::Instance`]).
    pub instance_ty: Option<Type>,
    /// Where errors about the returned value point: the return type (the
    /// name when there is none).
    pub return_span: Span,
    /// The Rust return type (its conversion types the generated stub).
    pub output: syn::ReturnType,
}

/// Whether a parameter type is the context token (`Ctx<'_>`).
fn is_ctx(ty: &Type) -> bool {
    matches!(ty, Type::Path(_)) && signature::last_segment(ty).is_some_and(|s| s == "Ctx")
}

/// Checks a signature and binds its parameters.
pub fn analyze(
    options: &FunctionOptions,
    sig: &Signature,
    attrs: &[Attribute],
    place: Place<'_>,
) -> syn::Result<Callable> {
    if let Some(asyncness) = &sig.asyncness {
        return Err(syn::Error::new(asyncness.span(), "`async fn` is not supported by hpy"));
    }
    if let Some(unsafety) = &sig.unsafety {
        return Err(syn::Error::new(
            unsafety.span(),
            "a Python-callable function cannot be `unsafe`: Python can call it with anything",
        ));
    }
    if let Some(abi) = &sig.abi {
        return Err(syn::Error::new(
            abi.span(),
            "a Python-callable function must be a plain Rust function (no `extern`)",
        ));
    }
    if let Some(variadic) = &sig.variadic {
        return Err(syn::Error::new(variadic.span(), "variadic functions are not supported"));
    }
    for param in &sig.generics.params {
        if !matches!(param, syn::GenericParam::Lifetime(_)) {
            return Err(syn::Error::new(
                param.span(),
                "a Python-callable function cannot be generic over types or constants: Python needs one concrete function",
            ));
        }
    }
    let mut rust_params = Vec::new();
    let mut rust_args = Vec::new();
    let mut receiver = Receiver::None;
    let mut receiver_span = sig.ident.span();
    let mut instance_ty = None;
    for (index, input) in sig.inputs.iter().enumerate() {
        let typed = match input {
            FnArg::Receiver(r) => {
                if !matches!(place, Place::Method | Place::KeywordsMethod) {
                    return Err(syn::Error::new(
                        r.span(),
                        match place {
                            Place::Module => {
                                "#[hpy_function] is for free functions; methods go in #[hpy_methods]"
                            }
                            _ => "static methods, class methods and constructors take no `self`",
                        },
                    ));
                }
                if r.reference.is_none() || r.colon_token.is_some() {
                    return Err(syn::Error::new(r.span(), "methods take `&self` or `&mut self`"));
                }
                receiver = if r.mutability.is_some() { Receiver::RefMut } else { Receiver::Ref };
                receiver_span = crate::tokens::last_span(r);
                rust_args.push(RustArg::Receiver);
                continue;
            }
            FnArg::Typed(typed) => typed,
        };
        // A method without `self` takes its receiver first, whatever the
        // type is called: the compiler checks it is `&Instance<'_, Self>`
        // (`hpy::impl_::InstanceReceiver`).
        if index == 0 && matches!(place, Place::Method | Place::KeywordsMethod) {
            receiver = Receiver::Instance;
            receiver_span = crate::tokens::type_span(&typed.ty);
            instance_ty = Some((*typed.ty).clone());
            rust_args.push(RustArg::Receiver);
            continue;
        }
        if is_ctx(&typed.ty) {
            if rust_args.iter().any(|a| matches!(a, RustArg::Ctx)) {
                return Err(syn::Error::new(typed.ty.span(), "only one `Ctx` parameter is allowed"));
            }
            rust_args.push(RustArg::Ctx);
            continue;
        }
        if let Type::ImplTrait(t) = &*typed.ty {
            return Err(syn::Error::new(
                t.span(),
                "`impl Trait` parameters are not supported: name a concrete type",
            ));
        }
        let Pat::Ident(pat) = &*typed.pat else {
            return Err(syn::Error::new(
                typed.pat.span(),
                "use a plain name for each parameter: Python calls it by name",
            ));
        };
        // The `__new__` form's first Python parameter is the class.
        let implicit = usize::from(matches!(place, Place::NewFunction(_)));
        rust_args.push(RustArg::Python(implicit + rust_params.len()));
        rust_params.push(RustParam { name: pat.ident.clone(), ty: (*typed.ty).clone() });
    }
    if matches!(place, Place::Method | Place::KeywordsMethod) && receiver == Receiver::None {
        return Err(syn::Error::new(
            sig.ident.span(),
            "a method takes `&self`, `&mut self` or `slf: &Instance<'_, Self>` first; mark functions without one \
             #[staticmethod] or #[classmethod]",
        ));
    }
    let mut params = signature::bind(&rust_params, options.signature.as_ref())?;
    if place == Place::ClassMethod {
        match params.first_mut() {
            Some(cls) if cls.kind != Kind::VarArgs && cls.kind != Kind::VarKw => {
                cls.kind = Kind::PositionalOnly;
                cls.default = None;
            }
            _ => {
                return Err(syn::Error::new(
                    sig.ident.span(),
                    "a class method takes the class (`cls: &Handle<'_>`) first",
                ));
            }
        }
    }
    if let Place::NewFunction(_) = place {
        params.insert(
            0,
            Param {
                name: "cls".into(),
                kind: Kind::PositionalOnly,
                default: None,
                ty: syn::parse_quote!(&Handle<'_>),
                span: sig.ident.span(),
            },
        );
    }
    let (python_name, convention) = match place {
        Place::Constructor(class) | Place::NewFunction(class) => (class.to_string(), Convention::Keywords),
        _ => {
            let name = options.name.as_ref().map_or_else(|| signature::unraw(&sig.ident), |n| n.value());
            let convention = if place == Place::KeywordsMethod {
                Convention::Keywords
            } else {
                choose_convention(&params)
            };
            (name, convention)
        }
    };
    Ok(Callable {
        rust_name: sig.ident.clone(),
        convention,
        python_name,
        params,
        rust_args,
        receiver,
        docs: doc_text(attrs),
        receiver_span,
        instance_ty,
        return_span: match &sig.output {
            syn::ReturnType::Type(_, ty) => crate::tokens::type_span(ty),
            syn::ReturnType::Default => sig.ident.span(),
        },
        output: sig.output.clone(),
    })
}

pub fn choose_convention(params: &[Param]) -> Convention {
    let keywords =
        params.iter().any(|p| matches!(p.kind, Kind::PositionalOrKeyword | Kind::KeywordOnly | Kind::VarKw));
    match params {
        [] => Convention::NoArgs,
        [only] if only.kind == Kind::PositionalOnly && only.default.is_none() => Convention::O,
        _ if !keywords => Convention::VarArgs,
        _ => Convention::Keywords,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::TokenStream;
    use quote::quote;
    use syn::{ItemFn, parse_quote};

    fn spec(item: ItemFn, options: FunctionOptions) -> Callable {
        analyze(&options, &item.sig, &item.attrs, Place::Module).unwrap()
    }

    #[test]
    fn conventions() {
        let signature = |sig: Option<TokenStream>| FunctionOptions {
            signature: sig.map(|s| syn::parse2(s).unwrap()),
            ..Default::default()
        };
        let cases: Vec<(ItemFn, Option<TokenStream>, Convention)> = vec![
            (
                parse_quote!(
                    fn f() {}
                ),
                None,
                Convention::NoArgs,
            ),
            (
                parse_quote!(
                    fn f(ctx: Ctx<'_>) {}
                ),
                None,
                Convention::NoArgs,
            ),
            (
                parse_quote!(
                    fn f(a: i64) {}
                ),
                None,
                Convention::Keywords,
            ),
            (
                parse_quote!(
                    fn f(a: i64) {}
                ),
                Some(quote!((a, /))),
                Convention::O,
            ),
            (
                parse_quote!(
                    fn f(a: i64, b: i64) {}
                ),
                Some(quote!((a, b = 1, /))),
                Convention::VarArgs,
            ),
            (
                parse_quote!(
                    fn f(args: Vec<i64>) {}
                ),
                Some(quote!((*args))),
                Convention::VarArgs,
            ),
        ];
        for (item, sig, expected) in cases {
            let name = quote!(#item).to_string();
            assert_eq!(spec(item, signature(sig)).convention, expected, "{name}");
        }
    }

    #[test]
    fn rejects_what_python_cannot_call() {
        let cases: Vec<(ItemFn, &str)> = vec![
            (
                parse_quote!(
                    async fn f() {}
                ),
                "async fn",
            ),
            (
                parse_quote!(
                    unsafe fn f() {}
                ),
                "cannot be `unsafe`",
            ),
            (
                parse_quote!(
                    fn f<T>(x: T) {}
                ),
                "generic over types",
            ),
            (
                parse_quote!(
                    fn f((a, b): (i64, i64)) {}
                ),
                "plain name",
            ),
            (
                parse_quote!(
                    fn f(x: impl Fn()) {}
                ),
                "`impl Trait`",
            ),
        ];
        for (item, message) in cases {
            let err =
                analyze(&Default::default(), &item.sig, &item.attrs, Place::Module).err().expect("an error");
            assert!(err.to_string().contains(message), "{err}");
        }
    }

    #[test]
    fn receivers_and_unit_returns() {
        let method = |item: ItemFn| analyze(&Default::default(), &item.sig, &item.attrs, Place::Method);
        assert_eq!(
            method(parse_quote!(
                fn f(&self) {}
            ))
            .unwrap()
            .receiver,
            Receiver::Ref
        );
        assert_eq!(
            method(parse_quote!(
                fn f(&mut self) {}
            ))
            .unwrap()
            .receiver,
            Receiver::RefMut
        );
        assert_eq!(
            method(parse_quote!(
                fn f(slf: &Instance<'_, Self>) {}
            ))
            .unwrap()
            .receiver,
            Receiver::Instance
        );
        // Whatever its type is called: the compiler checks it.
        let alias = method(parse_quote!(
            fn f(slf: &This<'_>) {}
        ))
        .unwrap();
        assert_eq!(alias.receiver, Receiver::Instance);
        assert!(
            method(parse_quote!(
                fn f() {}
            ))
            .is_err()
        );
    }

    #[test]
    fn constructor_forms_are_described_once() {
        let item: ItemFn = parse_quote!(
            fn new(a: i64, b: Option<i64>) -> HPyResult<Self> {}
        );
        let new = analyze(&Default::default(), &item.sig, &item.attrs, Place::Constructor("Point")).unwrap();
        assert_eq!((new.python_name.as_str(), new.convention), ("Point", Convention::Keywords));
        let form = analyze(&Default::default(), &item.sig, &item.attrs, Place::NewFunction("Point")).unwrap();
        let names: Vec<&str> = form.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["cls", "a", "b"]);
        assert!(matches!(form.rust_args[..], [RustArg::Python(1), RustArg::Python(2)]));
        let call: ItemFn = parse_quote!(
            fn __call__(&self, a: i64) {}
        );
        let call = analyze(&Default::default(), &call.sig, &call.attrs, Place::KeywordsMethod).unwrap();
        assert_eq!(call.convention, Convention::Keywords);
    }
}
