//! Callables: `#[hpy_function]`, and the methods of `#[hpy_methods]` that
//! take Python arguments (methods, static and class methods, constructors,
//! `__init__`, `__call__`).
//!
//! Beside a module function, the macro emits an empty `struct` of the same
//! name (types and functions live in different namespaces, so both can be
//! named and imported together) that implements `ModuleItem` with the
//! function's `HPyDef`; the implementation, the CPython trampoline's target
//! and the argument description sit in an anonymous `const` block.

use crate::docs::{doc_text, docstring, text_signature};
use crate::options::FunctionOptions;
use crate::signature::{self, Kind, Param, RustParam};
use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use std::ffi::CString;
use syn::spanned::Spanned;
use syn::{Attribute, FnArg, Ident, ItemFn, Pat, Signature, Type};

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

/// The names of the generated locals: `Span::mixed_site()` makes them
/// invisible to user code such as default values.
pub fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// A C string literal token.
pub fn c_literal(text: &str, span: Span) -> syn::Result<Literal> {
    let text =
        CString::new(text).map_err(|_| syn::Error::new(span, "names cannot contain NUL characters"))?;
    let mut literal = Literal::c_string(&text);
    literal.set_span(span);
    Ok(literal)
}

/// The static `FunctionDescription` of the parameters.
pub fn description(spec: &FunctionSpec) -> TokenStream {
    let named: Vec<&Param> = spec.params.iter().filter(|p| p.is_named()).collect();
    let names = named.iter().map(|p| &p.name);
    let required = named.iter().map(|p| p.is_required());
    let positional_only = named.iter().filter(|p| p.kind == Kind::PositionalOnly).count();
    let positional =
        named.iter().filter(|p| matches!(p.kind, Kind::PositionalOnly | Kind::PositionalOrKeyword)).count();
    let varargs = spec.params.iter().any(|p| p.kind == Kind::VarArgs);
    let varkw = spec.params.iter().any(|p| p.kind == Kind::VarKw);
    let name = &spec.python_name;
    quote! {
        static __HPY_DESC: ::hpy::impl_::FunctionDescription = ::hpy::impl_::FunctionDescription {
            name: #name,
            params: &[#(#names),*],
            required: &[#(#required),*],
            positional_only: #positional_only,
            positional: #positional,
            varargs: #varargs,
            varkw: #varkw,
        };
    }
}

/// `&T` or `&mut T` where `T` is a class: such arguments are borrowed
/// through a guard. Classes cannot be generic, so a type with generic
/// arguments (`&Handle<'_>`, the typed views such as `&List<'_>`) converts
/// directly, as do `&str`, slices and handles written without their lifetime.
pub fn class_ref(ty: &Type) -> Option<(bool, &Type)> {
    let Type::Reference(r) = ty else { return None };
    let direct = match &*r.elem {
        Type::Path(path) => path.path.segments.last().is_none_or(|s| {
            !s.arguments.is_empty() || matches!(s.ident.to_string().as_str(), "str" | "Handle" | "Borrowed")
        }),
        _ => true,
    };
    (!direct).then_some((r.mutability.is_some(), &*r.elem))
}

/// The statement that converts Python parameter `i` into the local
/// `__hpy_a{i}`, and how the call passes it.
fn argument(spec: &FunctionSpec, i: usize, self_ty: Option<&Type>) -> (TokenStream, TokenStream) {
    let [varargs, kwargs, arg, slots] =
        ["__hpy_varargs", "__hpy_kwargs", "__hpy_arg", "__hpy_slots"].map(local);
    let p = &spec.params[i];
    let value = local(&format!("__hpy_a{i}"));
    let span = p.ty.span();
    // Parameters named in the description are numbered among the named ones.
    let slot = spec.params[..i].iter().filter(|q| q.is_named()).count();
    if let Some((mutable, class)) = class_ref(&p.ty) {
        let class = crate::class::replace_self(class, self_ty);
        let (extract, pass) = if mutable {
            (quote!(extract_class_mut), quote!(&mut *#value))
        } else {
            (quote!(extract_class_ref), quote!(&*#value))
        };
        let source = if spec.convention == Convention::O {
            quote!(&#arg)
        } else {
            quote!(match &#slots[#slot] {
                ::core::option::Option::Some(arg) => arg,
                ::core::option::Option::None => unreachable!("class arguments are required"),
            })
        };
        let binding = if mutable { quote!(mut #value) } else { quote!(#value) };
        let stmt = quote_spanned! {span=>
            let #binding = ::hpy::impl_::#extract::<#class>(#source, &__HPY_DESC, #slot)?;
        };
        return (stmt, pass);
    }
    let expr = match p.kind {
        Kind::VarArgs => {
            let name = &p.name;
            quote_spanned!(span=> ::hpy::impl_::extract_named(&#varargs, &__HPY_DESC, #name)?)
        }
        Kind::VarKw => {
            let name = &p.name;
            if signature::is_option(&p.ty) {
                quote_spanned!(span=> match &#kwargs {
                    ::core::option::Option::Some(kwargs) => ::hpy::impl_::extract_named(kwargs, &__HPY_DESC, #name)?,
                    ::core::option::Option::None => ::core::option::Option::None,
                })
            } else {
                quote_spanned!(span=> ::hpy::impl_::extract_named(&#kwargs, &__HPY_DESC, #name)?)
            }
        }
        _ if spec.convention == Convention::O => {
            quote_spanned!(span=> ::hpy::impl_::extract_argument(&#arg, &__HPY_DESC, 0)?)
        }
        _ => match &p.default {
            None => {
                quote_spanned!(span=> ::hpy::impl_::extract_required(&#slots[#slot], &__HPY_DESC, #slot)?)
            }
            Some(default) => {
                let fallback = match default {
                    signature::Default::ImplicitNone => quote!(::core::option::Option::None),
                    // A string literal may default a `String` or `Cow<str>` parameter.
                    signature::Default::Expr(expr)
                        if matches!(&**expr, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(_), .. })) =>
                    {
                        quote!(::core::convert::Into::into(#expr))
                    }
                    signature::Default::Expr(expr) => quote!(#expr),
                };
                quote_spanned!(span=> match &#slots[#slot] {
                    ::core::option::Option::Some(arg) => ::hpy::impl_::extract_argument(arg, &__HPY_DESC, #slot)?,
                    ::core::option::Option::None => #fallback,
                })
            }
        },
    };
    (quote!(let #value = #expr;), quote!(#value))
}

/// Where the raw arguments come from.
pub enum Source {
    /// The convention's own parameters (`args`, `nargs`, `kwnames`).
    Convention,
    /// A `tp_new`/`tp_init` call: arguments plus a keyword dict, read with
    /// `DictArgs` and parsed as keywords.
    Dict,
}

/// The implementation's raw parameters after `ctx` and `self`, the
/// statements that parse them, and the `erase` function and signature
/// constant of the convention.
pub fn convention_parts(spec: &FunctionSpec, source: Source) -> (TokenStream, TokenStream, Ident, Ident) {
    let [ctx, raw_arg, raw_args, nargs, kwnames, rest, extra, slots, varargs, kwargs, arg, dict] = [
        "__hpy_ctx",
        "__hpy_raw_arg",
        "__hpy_raw_args",
        "__hpy_nargs",
        "__hpy_kwnames",
        "__hpy_rest",
        "__hpy_extra",
        "__hpy_slots",
        "__hpy_varargs",
        "__hpy_kwargs",
        "__hpy_arg",
        "__hpy_dict",
    ]
    .map(local);
    let n = spec.params.iter().filter(|p| p.is_named()).count();
    let has_varargs = spec.params.iter().any(|p| p.kind == Kind::VarArgs);
    let kwargs_param = spec.params.iter().find(|p| p.kind == Kind::VarKw);
    let varargs_stmt = |source: TokenStream| {
        if has_varargs {
            quote! {
                // SAFETY: the extra arguments are handles HPy passed to this call.
                let #varargs = unsafe { ::hpy::impl_::extract_varargs(#ctx, #source) }?;
            }
        } else {
            quote!(let _ = #source;)
        }
    };
    let kwargs_stmt = match kwargs_param {
        Some(p) if signature::is_option(&p.ty) => quote!(let #kwargs = #extra.kwargs;),
        Some(_) => quote! {
            let #kwargs = match #extra.kwargs {
                ::core::option::Option::Some(kwargs) => kwargs,
                ::core::option::Option::None => ::hpy::impl_::empty_kwargs(#ctx)?,
            };
        },
        None => quote!(),
    };
    if let Source::Dict = source {
        let varargs = varargs_stmt(quote!(#extra.varargs));
        return (
            quote!(#raw_args: *const ::hpy::sys::HPy, #nargs: isize, __hpy_raw_kw: ::hpy::sys::HPy),
            quote! {
                // SAFETY: HPy passes the positional arguments and the keyword dict (or null).
                let #dict = unsafe { ::hpy::impl_::DictArgs::new(#ctx, #raw_args, #nargs, __hpy_raw_kw) }?;
                // SAFETY: `DictArgs` lays the arguments out as vectorcall does.
                let (#slots, #extra) = unsafe {
                    __HPY_DESC.parse_keywords::<#n>(#ctx, #dict.args(), #dict.nargs(), #dict.kwnames())
                }?;
                #varargs
                #kwargs_stmt
            },
            format_ident!("newfunc"),
            format_ident!("HPyFunc_NEWFUNC"),
        );
    }
    match spec.convention {
        Convention::NoArgs => (quote!(), quote!(), format_ident!("noargs"), format_ident!("HPyFunc_NOARGS")),
        Convention::O => (
            quote!(#raw_arg: ::hpy::sys::HPy),
            quote! {
                // SAFETY: HPy passes the argument of this call.
                let #arg = unsafe { ::hpy::impl_::borrow_arg(#ctx, #raw_arg) };
            },
            format_ident!("o"),
            format_ident!("HPyFunc_O"),
        ),
        Convention::VarArgs => {
            let varargs = varargs_stmt(quote!(#rest));
            (
                quote!(#raw_args: *const ::hpy::sys::HPy, #nargs: usize),
                quote! {
                    // SAFETY: HPy passes `nargs` argument handles open for this call.
                    let (#slots, #rest) = unsafe { __HPY_DESC.parse_positional::<#n>(#ctx, #raw_args, #nargs) }?;
                    #varargs
                },
                format_ident!("varargs"),
                format_ident!("HPyFunc_VARARGS"),
            )
        }
        Convention::Keywords => {
            let varargs = varargs_stmt(quote!(#extra.varargs));
            (
                quote!(#raw_args: *const ::hpy::sys::HPy, #nargs: usize, #kwnames: ::hpy::sys::HPy),
                quote! {
                    // SAFETY: HPy passes the argument handles of this call and
                    // the tuple of keyword names (or null).
                    let (#slots, #extra) = unsafe {
                        __HPY_DESC.parse_keywords::<#n>(#ctx, #raw_args, #nargs, #kwnames)
                    }?;
                    #varargs
                    #kwargs_stmt
                },
                format_ident!("keywords"),
                format_ident!("HPyFunc_KEYWORDS"),
            )
        }
    }
}

/// The statements binding the receiver (for methods of `self_ty`) and the
/// expression that passes it.
pub fn receiver_parts(spec: &FunctionSpec, self_ty: Option<&Type>) -> (TokenStream, TokenStream) {
    let [ctx, this, guard] = ["__hpy_ctx", "__hpy_this", "__hpy_guard"].map(local);
    let bind = quote! {
        // SAFETY: HPy calls a method with an instance of its type as `self`.
        let #this = unsafe { ::hpy::impl_::receiver::<#self_ty>(#ctx, __hpy_raw_self) }?;
    };
    match spec.receiver {
        Receiver::None => (quote!(let _ = __hpy_raw_self;), quote!()),
        Receiver::Ref => (quote!(#bind let #guard = #this.borrow()?;), quote!(&*#guard)),
        Receiver::RefMut => (quote!(#bind let mut #guard = #this.borrow_mut()?;), quote!(&mut *#guard)),
        Receiver::Instance => (bind, quote!(&*#this)),
    }
}

/// The statements converting every argument, and the call of `callee`.
pub fn call_parts(
    spec: &FunctionSpec,
    callee: TokenStream,
    self_ty: Option<&Type>,
) -> (TokenStream, TokenStream) {
    let ctx = local("__hpy_ctx");
    let (receiver_stmts, receiver_arg) = receiver_parts(spec, self_ty);
    let mut stmts = receiver_stmts;
    let mut args = Vec::new();
    for a in &spec.rust_args {
        match a {
            RustArg::Receiver => args.push(receiver_arg.clone()),
            RustArg::Ctx => args.push(quote!(#ctx)),
            RustArg::Python(i) => {
                let (stmt, pass) = argument(spec, *i, self_ty);
                stmts.extend(stmt);
                args.push(pass);
            }
        }
    }
    (stmts, quote!(#callee(#(#args),*)))
}

/// The implementation function `name` of a callable with a convention
/// (module function, method, static or class method), its target type and
/// its signature constant.
pub fn method_impl(
    spec: &FunctionSpec,
    name: &Ident,
    callee: TokenStream,
    self_ty: Option<&Type>,
) -> (TokenStream, Ident, Ident) {
    let [ctx, raw_ctx, body, result] =
        ["__hpy_ctx", "__hpy_raw_ctx", "__hpy_body", "__hpy_result"].map(local);
    let (raw_params, parse, erase, sig_const) = convention_parts(spec, Source::Convention);
    let (convert, call) = call_parts(spec, callee, self_ty);
    let desc = description(spec);
    let target = format_ident!("{}_Target", name);
    let tokens = quote! {
        unsafe extern "C" fn #name(
            #raw_ctx: *mut ::hpy::sys::HPyContext,
            __hpy_raw_self: ::hpy::sys::HPy,
            #raw_params
        ) -> ::hpy::sys::HPy {
            #desc
            let #body = |#ctx: ::hpy::Ctx<'_>| -> ::hpy::HPyResult<::hpy::sys::HPy> {
                #parse
                #convert
                let #result = #call;
                ::hpy::impl_::IntoReturn::into_return(#result, #ctx)
            };
            // SAFETY: HPy calls this implementation with the context of the call.
            unsafe { ::hpy::impl_::run(#raw_ctx, #body) }
        }

        struct #target;

        // SAFETY: the implementation has the signature of the convention.
        unsafe impl ::hpy::impl_::trampolines::Target for #target {
            const IMPL: ::hpy::sys::HPyCFunction = ::hpy::impl_::erase::#erase(#name);
        }
    };
    (tokens, target, sig_const)
}

/// `#[hpy_function]`.
pub fn generate(options: &FunctionOptions, item: &ItemFn) -> syn::Result<TokenStream> {
    let spec = analyze(options, &item.sig, &item.attrs, Place::Module)?;
    let rust_name = &spec.rust_name;
    let vis = &item.vis;
    let (implementation, target, sig_const) =
        method_impl(&spec, &format_ident!("__hpy_impl"), quote!(#rust_name), None);
    let name = c_literal(&spec.python_name, rust_name.span())?;
    let doc = docstring(&text_signature(&spec.python_name, "$module", &spec.params), &spec.docs);
    let doc = c_literal(&doc, rust_name.span())?;
    let marker_doc = format!(
        "The Python function `{}`, for `#[hpy_module]` (`#[hpy(export)] use` it with the function).",
        spec.python_name
    );
    Ok(quote! {
        #item

        #[doc = #marker_doc]
        #[allow(non_camel_case_types)]
        #vis struct #rust_name {}

        #[allow(non_snake_case, non_camel_case_types, clippy::undocumented_unsafe_blocks)]
        const _: () = {
            #implementation

            // SAFETY: the target implements the convention `#sig_const`.
            static __HPY_DEF: ::hpy::sys::HPyDef = unsafe {
                ::hpy::impl_::meth_def::<#target>(
                    #name,
                    ::core::option::Option::Some(#doc),
                    ::hpy::sys::#sig_const,
                )
            };

            // SAFETY: `__HPY_DEF` is a method definition built by `meth_def`.
            unsafe impl ::hpy::impl_::ModuleItem for #rust_name {
                fn defs(list: &mut ::std::vec::Vec<&'static ::hpy::sys::HPyDef>) {
                    list.push(&__HPY_DEF);
                }
            }
        };
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn spec(item: ItemFn, options: FunctionOptions) -> FunctionSpec {
        analyze(&options, &item.sig, &item.attrs, Place::Module).unwrap()
    }

    #[test]
    fn class_references_are_told_from_direct_ones() {
        let is_class = |ty: Type| class_ref(&ty).map(|(mutable, _)| mutable);
        assert_eq!(is_class(parse_quote!(&Point)), Some(false));
        assert_eq!(is_class(parse_quote!(&mut crate::shapes::Point)), Some(true));
        assert_eq!(is_class(parse_quote!(&mut Self)), Some(true));
        // A user class may be called `List`: only hpy's view has a lifetime.
        assert_eq!(is_class(parse_quote!(&List)), Some(false));
        for direct in [
            parse_quote!(&str),
            parse_quote!(&[u8]),
            parse_quote!(&Handle<'_>),
            parse_quote!(&Handle),
            parse_quote!(&hpy::types::List<'_>),
            parse_quote!(&Instance<'_, Point>),
            parse_quote!(Point),
        ] {
            assert_eq!(is_class(direct), None);
        }
    }

    #[test]
    fn conventions() {
        assert_eq!(
            spec(
                parse_quote!(
                    fn f() {}
                ),
                Default::default()
            )
            .convention,
            Convention::NoArgs
        );
        assert_eq!(
            spec(
                parse_quote!(
                    fn f(ctx: Ctx<'_>) {}
                ),
                Default::default()
            )
            .convention,
            Convention::NoArgs
        );
        assert_eq!(
            spec(
                parse_quote!(
                    fn f(a: i64) {}
                ),
                Default::default()
            )
            .convention,
            Convention::Keywords
        );
        let o = FunctionOptions { signature: Some(parse_quote!((a, /))), ..Default::default() };
        assert_eq!(
            spec(
                parse_quote!(
                    fn f(a: i64) {}
                ),
                o
            )
            .convention,
            Convention::O
        );
        let varargs = FunctionOptions { signature: Some(parse_quote!((a, b = 1, /))), ..Default::default() };
        assert_eq!(
            spec(
                parse_quote!(
                    fn f(a: i64, b: i64) {}
                ),
                varargs
            )
            .convention,
            Convention::VarArgs
        );
        let star = FunctionOptions { signature: Some(parse_quote!((*args))), ..Default::default() };
        assert_eq!(
            spec(
                parse_quote!(
                    fn f(args: Vec<i64>) {}
                ),
                star
            )
            .convention,
            Convention::VarArgs
        );
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
        assert!(
            method(parse_quote!(
                fn f(x: i64) {}
            ))
            .is_err()
        );
        assert!(returns_unit(&parse_quote!(-> HPyResult<()>)));
        assert!(!returns_unit(&parse_quote!(-> i64)));
    }

    #[test]
    fn generates_a_marker_struct_with_the_def() {
        let item: ItemFn = parse_quote! {
            /// Greets.
            fn greet(ctx: Ctx<'_>, name: &str, greeting: Option<&str>) -> String { todo!() }
        };
        let tokens = generate(&Default::default(), &item).unwrap().to_string();
        assert!(tokens.contains("struct greet { }"), "{tokens}");
        assert!(tokens.contains("impl :: hpy :: impl_ :: ModuleItem for greet"));
        assert!(tokens.contains("HPyFunc_KEYWORDS"));
        assert!(tokens.contains(r#"c"greet($module, /, name, greeting=None)\n--\n\nGreets.""#), "{tokens}");
    }
}
