//! The parts of an implementation's body that call the user's function:
//! the receiver, one extraction per argument (routed by the compiler
//! through `hpy::impl_::ArgProbe`), the call, and the return of its value.

use crate::model::{Callable, Convention, Default, Kind, Receiver, RustArg, is_option};
use crate::tokens::{local, probe_type, type_span};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::{Ident, Type};

/// The statements binding the receiver (for methods of `self_ty`) and the
/// expression that passes it.
pub fn receiver_parts(spec: &Callable, self_ty: Option<&Type>) -> (TokenStream, TokenStream) {
    match (spec.receiver, self_ty) {
        (Receiver::None, _) | (_, None) => (quote!(let _ = __hpy_raw_self;), quote!()),
        (_, Some(self_ty)) => receiver_binding(spec, self_ty, &format_ident!("__hpy_raw_self")),
    }
}

/// The statements binding the receiver `raw` (`self` of a method or slot of
/// `self_ty`) as the method's receiver asks, and the expression passing it.
pub fn receiver_binding(spec: &Callable, self_ty: &Type, raw: &Ident) -> (TokenStream, TokenStream) {
    let hpy = crate::krate::hpy();
    let [ctx, this, guard] = ["__hpy_ctx", "__hpy_this", "__hpy_guard"].map(local);
    let bind = quote! {
        // SAFETY: HPy calls a method or slot with an instance of its type as `self`.
        let #this = unsafe { #hpy::impl_::receiver::<#self_ty>(#ctx, #raw) }?;
    };
    // Where errors about the receiver point: `&mut self`, or the type of
    // `slf`. The whole expression is in the same (hygienic) context, so
    // that the compiler reports it there, not at the attribute.
    let at = Span::mixed_site().located_at(spec.receiver_span);
    let this_at = Ident::new("__hpy_this", at);
    let hpy_at = crate::krate::hpy_at(at);
    match spec.receiver {
        Receiver::None | Receiver::Ref => (quote!(#bind let #guard = #this.borrow()?;), quote!(&*#guard)),
        Receiver::RefMut => (
            {
                // Only a class that is `Mutable` has `borrow_mut`: the error
                // for another points at `&mut self`.
                let borrow = quote_spanned!(at=> #this_at.borrow_mut());
                quote! {
                    #bind
                    let mut #guard = #borrow?;
                }
            },
            quote!(&mut *#guard),
        ),
        Receiver::Instance => {
            // Whatever the type is called, the compiler checks that it is
            // `&Instance<'_, Self>`.
            let ty = spec.instance_ty.as_ref().map(|ty| probe_type(ty, Some(self_ty)));
            let pass = quote_spanned! {at=>
                <#ty as #hpy_at::impl_::InstanceReceiver<'_, '_, #self_ty>>::from_instance(&#this_at)
            };
            (bind, pass)
        }
    }
}

/// The expression returning `value` (an `IntoReturn`), the value `spec`
/// returns, to HPy as a raw handle; `value` is evaluated outside the
/// `unsafe` block. A type that does not convert is reported at the return
/// type.
pub fn into_return(spec: &Callable, value: TokenStream) -> TokenStream {
    let at = Span::mixed_site().located_at(spec.return_span);
    let hpy = crate::krate::hpy_at(at);
    let [ctx, returned] = ["__hpy_ctx", "__hpy_returned"].map(|name| Ident::new(name, at));
    quote_spanned! {at=> {
        let #returned = #value;
        // SAFETY: the raw handle goes back to HPy, which takes it over.
        unsafe { #hpy::impl_::IntoReturn::into_return(#returned, #ctx) }
    }}
}

/// The expression returning `NotImplemented` to HPy from a slot.
pub fn not_implemented() -> TokenStream {
    let hpy = crate::krate::hpy();
    let ctx = local("__hpy_ctx");
    quote! {{
        // SAFETY: the raw handle goes back to HPy, which takes it over.
        unsafe { #hpy::impl_::not_implemented(#ctx) }
    }}
}

/// The statements that convert Python parameter `i` into the local
/// `__hpy_a{i}`, and how the call passes it. The route (a class borrowed
/// through a guard, or a `FromHPy` conversion) is chosen by the compiler
/// from the parameter's type: `hpy::impl_::ArgProbe`.
fn argument(spec: &Callable, i: usize, self_ty: Option<&Type>) -> (TokenStream, TokenStream) {
    let p = &spec.params[i];
    let span = type_span(&p.ty);
    // The generated locals, hygienic but located at the type: an error
    // about the conversion points there.
    let at_type = |name: &str| Ident::new(name, Span::mixed_site().located_at(span));
    let [varargs, kwargs, arg, slots] =
        ["__hpy_varargs", "__hpy_kwargs", "__hpy_arg", "__hpy_slots"].map(at_type);
    let value = at_type(&format!("__hpy_a{i}"));
    let holder = at_type(&format!("__hpy_h{i}"));
    // Every token of the extraction is in the locals' context and at the
    // type, so that the compiler reports a failed bound (a class that is
    // not `Mutable`, a type that is not `FromHPy`) at the type.
    let span = Span::mixed_site().located_at(span);
    let hpy_at_ty = crate::krate::hpy_at(span);
    let ty = probe_type(&p.ty, self_ty);
    let probe = quote_spanned!(span=> (&&#hpy_at_ty::impl_::ArgProbe::<#ty>::new()));
    // Parameters named in the description are numbered among the named ones.
    let slot = spec.params[..i].iter().filter(|q| q.is_named()).count();
    let mut slot = proc_macro2::Literal::usize_unsuffixed(slot);
    slot.set_span(span);
    let expr = match p.kind {
        Kind::VarArgs => {
            let name = &p.name;
            quote_spanned!(span=> #probe.extract_named(&#varargs, &mut #holder, &__HPY_DESC, #name)?)
        }
        Kind::VarKw => {
            let name = &p.name;
            if is_option(&p.ty) {
                quote_spanned!(span=> match &#kwargs {
                    ::core::option::Option::Some(kwargs) => #probe.extract_named(kwargs, &mut #holder, &__HPY_DESC, #name)?,
                    ::core::option::Option::None => ::core::option::Option::None,
                })
            } else {
                quote_spanned!(span=> #probe.extract_named(&#kwargs, &mut #holder, &__HPY_DESC, #name)?)
            }
        }
        _ if spec.convention == Convention::O => {
            quote_spanned!(span=> #probe.extract(&#arg, &mut #holder, &__HPY_DESC, 0)?)
        }
        _ => match &p.default {
            None => quote_spanned!(span=>
                #probe.extract(#hpy_at_ty::impl_::required(&#slots[#slot]), &mut #holder, &__HPY_DESC, #slot)?
            ),
            Some(default) => {
                let fallback = match default {
                    Default::ImplicitNone => quote!(::core::option::Option::None),
                    // A string literal may default a `String` or `Cow<str>` parameter.
                    Default::Expr(expr)
                        if matches!(&**expr, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(_), .. })) =>
                    {
                        quote!(::core::convert::Into::into(#expr))
                    }
                    Default::Expr(expr) => quote!(#expr),
                };
                quote_spanned!(span=> match &#slots[#slot] {
                    ::core::option::Option::Some(arg) => #probe.extract(arg, &mut #holder, &__HPY_DESC, #slot)?,
                    ::core::option::Option::None => #fallback,
                })
            }
        },
    };
    let stmt = quote_spanned! {span=>
        #[allow(unused_imports)]
        use #hpy_at_ty::impl_::{ProbeClassMut as _, ProbeClassRef as _, ProbeValue as _};
        let mut #holder = #probe.holder();
        let #value = #expr;
    };
    (stmt, quote!(#value))
}

/// The statements converting every argument, and the call of `callee`.
pub fn call_parts(
    spec: &Callable,
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

/// `let <result> = <call>;`, raising the error if the call (of `spec`)
/// returns a `Result` (decided by its type: `hpy::impl_::Returned`); an
/// error type that does not convert is reported at the return type.
pub fn bind_result(spec: &Callable, result: &Ident, call: &TokenStream) -> TokenStream {
    let at = Span::mixed_site().located_at(spec.return_span);
    let hpy = crate::krate::hpy_at(at);
    let returned = Ident::new("__hpy_returned", at);
    quote_spanned! {at=>
        let #returned = #call;
        let #result = {
            #[allow(unused_imports)]
            use #hpy::impl_::PlainReturned as _;
            #hpy::impl_::Returned(#returned).into_value()
        }?;
    }
}

/// `expr` (tokens in the generated code's context) reported at the return
/// type of `spec`: for the calls that take the returned value.
pub fn at_return(spec: &Callable, expr: TokenStream) -> TokenStream {
    let at = Span::mixed_site().located_at(spec.return_span);
    expr.into_iter()
        .map(|mut token| {
            if let proc_macro2::TokenTree::Group(group) = &token {
                let mut inner = proc_macro2::Group::new(group.delimiter(), at_return(spec, group.stream()));
                inner.set_span(at);
                return proc_macro2::TokenTree::Group(inner);
            }
            if let proc_macro2::TokenTree::Ident(ident) = &token
                && ident.to_string().starts_with("__hpy_")
            {
                return proc_macro2::TokenTree::Ident(Ident::new(&ident.to_string(), at));
            }
            token.set_span(at);
            token
        })
        .collect()
}
