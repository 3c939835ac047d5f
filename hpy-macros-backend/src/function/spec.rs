//! [`FunctionSpec`]: what a callable's Rust signature and options say.

use super::*;

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

/// Where the callable lives, which changes its receiver and signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Module,
    Method,
    StaticMethod,
    ClassMethod,
    Constructor,
}

/// Everything the code generation needs to know about a callable.
#[derive(Clone)]
pub struct FunctionSpec {
    pub rust_name: Ident,
    pub python_name: String,
    pub params: Vec<Param>,
    pub rust_args: Vec<RustArg>,
    pub receiver: Receiver,
    pub docs: String,
    pub convention: Convention,
    /// Whether the function returns nothing (`()` or `Result<()>`).
    pub returns_unit: bool,
}

/// Whether a parameter type is the context token (`Ctx<'_>`).
fn is_ctx(ty: &Type) -> bool {
    matches!(ty, Type::Path(_)) && signature::last_segment(ty).is_some_and(|s| s == "Ctx")
}

/// Whether a type is `&Instance<..>`.
fn is_instance_ref(ty: &Type) -> bool {
    matches!(ty, Type::Reference(r) if r.mutability.is_none() && signature::last_segment(&r.elem).is_some_and(|s| s == "Instance"))
}

/// Whether a return type is nothing: none, `()`, or a `Result` of `()`.
pub fn returns_unit(output: &syn::ReturnType) -> bool {
    let syn::ReturnType::Type(_, ty) = output else { return true };
    let is_unit = |t: &Type| matches!(t, Type::Tuple(t) if t.elems.is_empty());
    if is_unit(ty) {
        return true;
    }
    if let Type::Path(p) = &**ty
        && let Some(last) = p.path.segments.last()
        && last.ident.to_string().ends_with("Result")
        && let syn::PathArguments::AngleBracketed(args) = &last.arguments
        && let Some(syn::GenericArgument::Type(inner)) = args.args.first()
    {
        return is_unit(inner);
    }
    false
}

/// Checks a signature and binds its parameters.
pub fn analyze(
    options: &FunctionOptions,
    sig: &Signature,
    attrs: &[Attribute],
    place: Place,
) -> syn::Result<FunctionSpec> {
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
    for (index, input) in sig.inputs.iter().enumerate() {
        let typed = match input {
            FnArg::Receiver(r) => {
                if place != Place::Method {
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
                rust_args.push(RustArg::Receiver);
                continue;
            }
            FnArg::Typed(typed) => typed,
        };
        if index == 0 && place == Place::Method && is_instance_ref(&typed.ty) {
            receiver = Receiver::Instance;
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
        rust_args.push(RustArg::Python(rust_params.len()));
        rust_params.push(RustParam { name: pat.ident.clone(), ty: (*typed.ty).clone() });
    }
    if place == Place::Method && receiver == Receiver::None {
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
    let python_name = match &options.name {
        Some(name) => name.value(),
        None => signature::unraw(&sig.ident),
    };
    Ok(FunctionSpec {
        rust_name: sig.ident.clone(),
        convention: choose_convention(&params),
        python_name,
        params,
        rust_args,
        receiver,
        docs: doc_text(attrs),
        returns_unit: returns_unit(&sig.output),
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
