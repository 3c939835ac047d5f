//! Dunder methods: which slot each one fills, and the implementation that
//! adapts the slot's C signature to the Rust method.
//!
//! As for Python classes, `__getitem__`, `__setitem__`/`__delitem__` and
//! `__len__` fill both the mapping and the sequence slots (so iteration
//! works through the sequence protocol), and a binary operator with its
//! reflected form share one number slot.

use crate::function::{self, FunctionSpec, Receiver, local};
use crate::methods::Output;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Type;

/// What a dunder method is.
#[derive(Debug, PartialEq, Eq)]
pub enum SlotKind {
    /// `(&self) -> R`, in a slot of signature `sig`.
    Unary {
        slot: &'static str,
        sig: &'static str,
    },
    Bool,
    Len,
    Hash,
    /// A binary operator (`group` names the number slot) or its reflection.
    Binary {
        group: &'static str,
        reflected: bool,
    },
    /// An in-place operator.
    InPlace {
        slot: &'static str,
        ternary: bool,
    },
    /// `__richcmp__` (`None`) or one comparison (`HPy_EQ`, ...).
    Compare(Option<&'static str>),
    GetItem,
    SetItem,
    DelItem,
    Contains,
    Call,
    Init,
    Del,
    Buffer,
}

/// A dunder method name and its kind.
#[derive(Debug)]
pub struct SlotInfo {
    pub name: &'static str,
    pub kind: SlotKind,
}

macro_rules! slot_table {
    ($($name:literal => $kind:expr),* $(,)?) => {
        const SLOTS: &[SlotInfo] = &[$(SlotInfo { name: $name, kind: $kind }),*];
    };
}

use SlotKind::*;

slot_table! {
    "__repr__" => Unary { slot: "HPy_tp_repr", sig: "REPRFUNC" },
    "__str__" => Unary { slot: "HPy_tp_str", sig: "REPRFUNC" },
    "__neg__" => Unary { slot: "HPy_nb_negative", sig: "UNARYFUNC" },
    "__pos__" => Unary { slot: "HPy_nb_positive", sig: "UNARYFUNC" },
    "__abs__" => Unary { slot: "HPy_nb_absolute", sig: "UNARYFUNC" },
    "__invert__" => Unary { slot: "HPy_nb_invert", sig: "UNARYFUNC" },
    "__int__" => Unary { slot: "HPy_nb_int", sig: "UNARYFUNC" },
    "__float__" => Unary { slot: "HPy_nb_float", sig: "UNARYFUNC" },
    "__index__" => Unary { slot: "HPy_nb_index", sig: "UNARYFUNC" },
    "__bool__" => Bool,
    "__len__" => Len,
    "__hash__" => Hash,
    "__add__" => Binary { group: "add", reflected: false },
    "__radd__" => Binary { group: "add", reflected: true },
    "__sub__" => Binary { group: "subtract", reflected: false },
    "__rsub__" => Binary { group: "subtract", reflected: true },
    "__mul__" => Binary { group: "multiply", reflected: false },
    "__rmul__" => Binary { group: "multiply", reflected: true },
    "__matmul__" => Binary { group: "matrix_multiply", reflected: false },
    "__rmatmul__" => Binary { group: "matrix_multiply", reflected: true },
    "__truediv__" => Binary { group: "true_divide", reflected: false },
    "__rtruediv__" => Binary { group: "true_divide", reflected: true },
    "__floordiv__" => Binary { group: "floor_divide", reflected: false },
    "__rfloordiv__" => Binary { group: "floor_divide", reflected: true },
    "__mod__" => Binary { group: "remainder", reflected: false },
    "__rmod__" => Binary { group: "remainder", reflected: true },
    "__divmod__" => Binary { group: "divmod", reflected: false },
    "__rdivmod__" => Binary { group: "divmod", reflected: true },
    "__lshift__" => Binary { group: "lshift", reflected: false },
    "__rlshift__" => Binary { group: "lshift", reflected: true },
    "__rshift__" => Binary { group: "rshift", reflected: false },
    "__rrshift__" => Binary { group: "rshift", reflected: true },
    "__and__" => Binary { group: "and", reflected: false },
    "__rand__" => Binary { group: "and", reflected: true },
    "__or__" => Binary { group: "or", reflected: false },
    "__ror__" => Binary { group: "or", reflected: true },
    "__xor__" => Binary { group: "xor", reflected: false },
    "__rxor__" => Binary { group: "xor", reflected: true },
    "__pow__" => Binary { group: "power", reflected: false },
    "__rpow__" => Binary { group: "power", reflected: true },
    "__iadd__" => InPlace { slot: "HPy_nb_inplace_add", ternary: false },
    "__isub__" => InPlace { slot: "HPy_nb_inplace_subtract", ternary: false },
    "__imul__" => InPlace { slot: "HPy_nb_inplace_multiply", ternary: false },
    "__imatmul__" => InPlace { slot: "HPy_nb_inplace_matrix_multiply", ternary: false },
    "__itruediv__" => InPlace { slot: "HPy_nb_inplace_true_divide", ternary: false },
    "__ifloordiv__" => InPlace { slot: "HPy_nb_inplace_floor_divide", ternary: false },
    "__imod__" => InPlace { slot: "HPy_nb_inplace_remainder", ternary: false },
    "__ilshift__" => InPlace { slot: "HPy_nb_inplace_lshift", ternary: false },
    "__irshift__" => InPlace { slot: "HPy_nb_inplace_rshift", ternary: false },
    "__iand__" => InPlace { slot: "HPy_nb_inplace_and", ternary: false },
    "__ior__" => InPlace { slot: "HPy_nb_inplace_or", ternary: false },
    "__ixor__" => InPlace { slot: "HPy_nb_inplace_xor", ternary: false },
    "__ipow__" => InPlace { slot: "HPy_nb_inplace_power", ternary: true },
    "__richcmp__" => Compare(None),
    "__lt__" => Compare(Some("HPy_LT")),
    "__le__" => Compare(Some("HPy_LE")),
    "__eq__" => Compare(Some("HPy_EQ")),
    "__ne__" => Compare(Some("HPy_NE")),
    "__gt__" => Compare(Some("HPy_GT")),
    "__ge__" => Compare(Some("HPy_GE")),
    "__getitem__" => GetItem,
    "__setitem__" => SetItem,
    "__delitem__" => DelItem,
    "__contains__" => Contains,
    "__call__" => Call,
    "__init__" => Init,
    "__del__" => Del,
    "__getbuffer__" => Buffer,
}

/// The slot kind of a dunder method name, if it has one.
pub fn find(name: &str) -> Option<&'static SlotInfo> {
    SLOTS.iter().find(|s| s.name == name)
}

fn error(spec: &FunctionSpec, message: String) -> syn::Error {
    syn::Error::new(spec.rust_name.span(), message)
}

/// Checks a slot method's shape: its receiver and its number of Python
/// parameters.
fn expect(
    spec: &FunctionSpec,
    receivers: &[Receiver],
    params: std::ops::RangeInclusive<usize>,
    shape: &str,
) -> syn::Result<()> {
    let count = spec.params.len();
    if !receivers.contains(&spec.receiver) || !params.contains(&count) {
        return Err(error(spec, format!("`{}` must look like `{shape}`", spec.rust_name)));
    }
    Ok(())
}

/// The locals holding the receiver, and how the call passes it.
fn receiver(spec: &FunctionSpec, self_ty: &Type, raw: &syn::Ident) -> (TokenStream, TokenStream) {
    let [ctx, this, guard] = ["__hpy_ctx", "__hpy_this", "__hpy_guard"].map(local);
    let bind = quote! {
        // SAFETY: HPy passes an instance of the class as the slot's `self`.
        let #this = unsafe { ::hpy::impl_::receiver::<#self_ty>(#ctx, #raw) }?;
    };
    match spec.receiver {
        Receiver::RefMut => (quote!(#bind let mut #guard = #this.borrow_mut()?;), quote!(&mut *#guard)),
        Receiver::Instance => (bind, quote!(&*#this)),
        _ => (quote!(#bind let #guard = #this.borrow()?;), quote!(&*#guard)),
    }
}

/// Converts an operand into Python parameter `index` of `spec`: the
/// statement binding `local`, and how the call passes it. `on_mismatch`
/// runs when the operand does not convert (a binary operator answers
/// `NotImplemented`; other slots raise).
fn operand(
    spec: &FunctionSpec,
    index: usize,
    source: &TokenStream,
    value: &syn::Ident,
    on_mismatch: Option<TokenStream>,
    self_ty: &Type,
) -> (TokenStream, TokenStream) {
    let p = &spec.params[index];
    let name = &p.name;
    let method = spec.rust_name.to_string();
    if let Some((mutable, class)) = function::class_ref(&p.ty) {
        let class = crate::class::replace_self(class, Some(self_ty));
        let (cell_borrow, pass) = if mutable {
            (quote!(try_borrow_mut), quote!(&mut *#value))
        } else {
            (quote!(try_borrow), quote!(&*#value))
        };
        let binding = if mutable { quote!(mut #value) } else { quote!(#value) };
        let stmt = match on_mismatch {
            Some(mismatch) => quote! {
                let #binding = match ::hpy::impl_::operand_cell::<#class>(#source)? {
                    ::core::option::Option::Some(cell) => cell.#cell_borrow()?,
                    ::core::option::Option::None => #mismatch,
                };
            },
            None => quote! {
                let #binding = ::hpy::impl_::class_cell::<#class>(#source)
                    .map_err(|e| e.for_argument(#method, #name))?
                    .#cell_borrow()?;
            },
        };
        return (stmt, pass);
    }
    let stmt = match on_mismatch {
        Some(mismatch) => quote! {
            let #value = match ::hpy::impl_::extract_operand(#source)? {
                ::core::option::Option::Some(value) => value,
                ::core::option::Option::None => #mismatch,
            };
        },
        None => quote! {
            let #value = ::hpy::FromHPy::from_hpy(#source).map_err(|e| e.for_argument(#method, #name))?;
        },
    };
    (stmt, quote!(#value))
}

/// The slot implementation `name`: its C parameters after the context, its
/// return type and its body (with `__hpy_ctx` in scope).
fn slot_fn(name: &syn::Ident, params: TokenStream, ret: TokenStream, body: TokenStream) -> TokenStream {
    let [ctx, raw_ctx, closure] = ["__hpy_ctx", "__hpy_raw_ctx", "__hpy_body"].map(local);
    quote! {
        unsafe extern "C" fn #name(#raw_ctx: *mut ::hpy::sys::HPyContext, #params) -> #ret {
            let #closure = |#ctx: ::hpy::Ctx<'_>| -> ::hpy::HPyResult<#ret> { #body };
            // SAFETY: HPy calls the slot with the context of the call.
            unsafe { ::hpy::impl_::run(#raw_ctx, #closure) }
        }
    }
}

/// A slot definition for implementation `name` (a target type is emitted).
fn slot_def(out: &mut Output, name: &syn::Ident, erase: &str, slot: &str, sig: &str) {
    slot_defs(out, name, erase, &[slot], sig);
}

/// Definitions of several slots with the same implementation `name`.
fn slot_defs(out: &mut Output, name: &syn::Ident, erase: &str, slots: &[&str], sig: &str) {
    let target = format_ident!("{}_Target", name);
    let erase = format_ident!("{erase}");
    let sig = format_ident!("HPyFunc_{sig}");
    out.items.extend(quote! {
        struct #target;
        // SAFETY: the implementation has the signature `erase` takes.
        unsafe impl ::hpy::impl_::trampolines::Target for #target {
            const IMPL: ::hpy::sys::HPyCFunction = ::hpy::impl_::erase::#erase(#name);
        }
    });
    for slot in slots {
        let def = format_ident!("{}_{}_DEF", name.to_string().to_uppercase(), slot.to_uppercase());
        let slot = format_ident!("{slot}");
        out.items.extend(quote! {
            // SAFETY: the slot has signature `sig`, which the target implements.
            static #def: ::hpy::sys::HPyDef = unsafe { ::hpy::impl_::slot_def::<#target>(::hpy::sys::#slot, ::hpy::sys::#sig) };
        });
        out.defs.push(def);
    }
}

/// Generates every slot of a `#[hpy_methods]` block.
pub fn generate(
    out: &mut Output,
    self_ty: &Type,
    class_name: &str,
    methods: Vec<(&'static SlotInfo, FunctionSpec)>,
) -> syn::Result<()> {
    let ctx = local("__hpy_ctx");
    let find = |kind: &dyn Fn(&SlotKind) -> bool| {
        methods.iter().filter(|(info, _)| kind(&info.kind)).collect::<Vec<_>>()
    };
    let mut errors = crate::errors::Errors::default();
    for (info, spec) in &methods {
        let result = (|| -> syn::Result<()> {
            let m = &spec.rust_name;
            let call = |args: Vec<TokenStream>| quote!(<#self_ty>::#m(#(#args),*));
            let name = format_ident!("__hpy_slot_{}", info.name.trim_matches('_'));
            let (bind, recv) = receiver(spec, self_ty, &format_ident!("__hpy_raw_self"));
            match &info.kind {
                Unary { slot, sig } => {
                    expect(
                        spec,
                        &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                        0..=0,
                        "fn(&self) -> T",
                    )?;
                    let call = call(vec![recv]);
                    out.items.extend(slot_fn(
                        &name,
                        quote!(__hpy_raw_self: ::hpy::sys::HPy),
                        quote!(::hpy::sys::HPy),
                        quote! {
                            #bind
                            ::hpy::impl_::IntoReturn::into_return(#call, #ctx)
                        },
                    ));
                    slot_def(out, &name, &sig.to_lowercase(), slot, sig);
                }
                Bool | Len | Hash => {
                    let (shape, ret, convert, slot, sig, erase): (&str, _, _, &[&str], &str, &str) =
                        match info.kind {
                            Bool => (
                                "fn(&self) -> bool",
                                quote!(::core::ffi::c_int),
                                quote!(::hpy::impl_::into_bool),
                                &["HPy_nb_bool"],
                                "INQUIRY",
                                "inquiry",
                            ),
                            Len => (
                                "fn(&self) -> usize",
                                quote!(::hpy::sys::HPy_ssize_t),
                                quote!(::hpy::impl_::into_len),
                                &["HPy_mp_length", "HPy_sq_length"],
                                "LENFUNC",
                                "lenfunc",
                            ),
                            _ => (
                                "fn(&self) -> u64 (or another integer)",
                                quote!(::hpy::sys::HPy_hash_t),
                                quote!(::hpy::impl_::into_hash),
                                &["HPy_tp_hash"],
                                "HASHFUNC",
                                "hashfunc",
                            ),
                        };
                    expect(spec, &[Receiver::Ref, Receiver::RefMut, Receiver::Instance], 0..=0, shape)?;
                    let call = call(vec![recv]);
                    out.items.extend(slot_fn(
                        &name,
                        quote!(__hpy_raw_self: ::hpy::sys::HPy),
                        ret,
                        quote! {
                            #bind
                            #convert(#call)
                        },
                    ));
                    slot_defs(out, &name, erase, slot, sig);
                }
                Binary { .. } | Compare(_) => {}
                InPlace { slot, ternary } => {
                    let max = if *ternary { 2 } else { 1 };
                    expect(
                        spec,
                        &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                        1..=max,
                        "fn(&mut self, other: T)",
                    )?;
                    let value = local("__hpy_other");
                    let (convert, pass) = operand(
                        spec,
                        0,
                        &quote!(&__hpy_other),
                        &value,
                        Some(quote!(return ::hpy::impl_::not_implemented(#ctx))),
                        self_ty,
                    );
                    let mut args = vec![recv, pass];
                    let mut extra = quote!();
                    if spec.params.len() == 2 {
                        let modulo = local("__hpy_modulo");
                        let (convert_modulo, pass_modulo) = operand(
                            spec,
                            1,
                            &quote!(&__hpy_third),
                            &modulo,
                            Some(quote!(return ::hpy::impl_::not_implemented(#ctx))),
                            self_ty,
                        );
                        extra = convert_modulo;
                        args.push(pass_modulo);
                    }
                    let result = local("__hpy_result");
                    let finish = if spec.returns_unit {
                        quote! {
                            ::core::result::Result::map_err(#result, ::core::convert::Into::<::hpy::HPyErr>::into)?;
                            ::core::result::Result::Ok(::hpy::impl_::dup_raw(#ctx, __hpy_raw_self))
                        }
                    } else {
                        quote!(::hpy::impl_::IntoReturn::into_return(#result, #ctx))
                    };
                    let unit_wrap =
                        if spec.returns_unit { quote!(::hpy::impl_::unit_result) } else { quote!() };
                    let call = call(args);
                    let (params, sig, erase) = if *ternary {
                        (
                            quote!(__hpy_raw_self: ::hpy::sys::HPy, __hpy_raw_other: ::hpy::sys::HPy, __hpy_raw_third: ::hpy::sys::HPy),
                            "TERNARYFUNC",
                            "ternaryfunc",
                        )
                    } else {
                        (
                            quote!(__hpy_raw_self: ::hpy::sys::HPy, __hpy_raw_other: ::hpy::sys::HPy),
                            "BINARYFUNC",
                            "binaryfunc",
                        )
                    };
                    let third = if *ternary {
                        quote! {
                            // SAFETY: the third operand is open for the call.
                            let __hpy_third = unsafe { #ctx.borrow_raw(__hpy_raw_third) };
                            let _ = &__hpy_third;
                        }
                    } else {
                        quote!()
                    };
                    out.items.extend(slot_fn(
                        &name,
                        params,
                        quote!(::hpy::sys::HPy),
                        quote! {
                            // SAFETY: the operands are open for the call.
                            let __hpy_other = unsafe { #ctx.borrow_raw(__hpy_raw_other) };
                            #third
                            #bind
                            #convert
                            #extra
                            let #result = #unit_wrap(#call);
                            #finish
                        },
                    ));
                    slot_def(out, &name, erase, slot, sig);
                }
                GetItem => {
                    expect(
                        spec,
                        &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                        1..=1,
                        "fn(&self, key: K) -> T",
                    )?;
                    let key = local("__hpy_key");
                    let (convert, pass) = operand(spec, 0, &quote!(&__hpy_key_handle), &key, None, self_ty);
                    let call = call(vec![recv, pass]);
                    let body = quote! {
                        #bind
                        #convert
                        ::hpy::impl_::IntoReturn::into_return(#call, #ctx)
                    };
                    out.items.extend(slot_fn(
                        &name,
                        quote!(__hpy_raw_self: ::hpy::sys::HPy, __hpy_raw_key: ::hpy::sys::HPy),
                        quote!(::hpy::sys::HPy),
                        quote! {
                            // SAFETY: the key is open for the call.
                            let __hpy_key_handle = unsafe { #ctx.borrow_raw(__hpy_raw_key) };
                            #body
                        },
                    ));
                    slot_def(out, &name, "binaryfunc", "HPy_mp_subscript", "BINARYFUNC");
                    let seq = format_ident!("{}_seq", name);
                    out.items.extend(slot_fn(
                        &seq,
                        quote!(__hpy_raw_self: ::hpy::sys::HPy, __hpy_index: ::hpy::sys::HPy_ssize_t),
                        quote!(::hpy::sys::HPy),
                        quote! {
                            let __hpy_key_handle = ::hpy::IntoHPy::into_hpy(__hpy_index, #ctx)?;
                            #body
                        },
                    ));
                    slot_def(out, &seq, "ssizeargfunc", "HPy_sq_item", "SSIZEARGFUNC");
                }
                SetItem | DelItem => {}
                Contains => {
                    expect(
                        spec,
                        &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                        1..=1,
                        "fn(&self, item: T) -> bool",
                    )?;
                    let item = local("__hpy_item");
                    let (convert, pass) = operand(
                        spec,
                        0,
                        &quote!(&__hpy_item_handle),
                        &item,
                        Some(quote!(return ::core::result::Result::Ok(0))),
                        self_ty,
                    );
                    let call = call(vec![recv, pass]);
                    out.items.extend(slot_fn(
                        &name,
                        quote!(__hpy_raw_self: ::hpy::sys::HPy, __hpy_raw_item: ::hpy::sys::HPy),
                        quote!(::core::ffi::c_int),
                        quote! {
                            // SAFETY: the item is open for the call.
                            let __hpy_item_handle = unsafe { #ctx.borrow_raw(__hpy_raw_item) };
                            #bind
                            #convert
                            ::hpy::impl_::into_bool(#call)
                        },
                    ));
                    slot_def(out, &name, "objobjproc", "HPy_sq_contains", "OBJOBJPROC");
                }
                Call => {
                    if spec.receiver == Receiver::None {
                        return Err(error(spec, "`__call__` takes `&self` or `&mut self`".into()));
                    }
                    let mut spec_kw = clone_spec(spec);
                    spec_kw.convention = function::Convention::Keywords;
                    let (tokens, target, _) =
                        function::method_impl(&spec_kw, &name, quote!(<#self_ty>::#m), Some(self_ty));
                    out.items.extend(tokens);
                    let def = format_ident!("__HPY_SLOT_CALL_DEF");
                    out.items.extend(quote! {
                    // SAFETY: `tp_call` has the `HPyFunc_KEYWORDS` signature, which the target implements.
                    static #def: ::hpy::sys::HPyDef = unsafe {
                        ::hpy::impl_::slot_def::<#target>(::hpy::sys::HPy_tp_call, ::hpy::sys::HPyFunc_KEYWORDS)
                    };
                });
                    out.defs.push(def);
                }
                Init => init(out, self_ty, spec, &name)?,
                Del => {
                    expect(
                        spec,
                        &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                        0..=0,
                        "fn(&mut self)",
                    )?;
                    let call = call(vec![recv]);
                    let raw_ctx = local("__hpy_raw_ctx");
                    out.items.extend(quote! {
                    unsafe extern "C" fn #name(#raw_ctx: *mut ::hpy::sys::HPyContext, __hpy_raw_self: ::hpy::sys::HPy) {
                        let __hpy_body = |#ctx: ::hpy::Ctx<'_>| -> ::hpy::HPyResult<()> {
                            #bind
                            ::core::result::Result::map_err(::hpy::impl_::unit_result(#call), ::core::convert::Into::<::hpy::HPyErr>::into)
                        };
                        // SAFETY: HPy calls the finalizer with the context and the object.
                        unsafe { ::hpy::impl_::run_finalizer(#raw_ctx, __hpy_raw_self, __hpy_body) }
                    }
                });
                    slot_def(out, &name, "destructor", "HPy_tp_finalize", "DESTRUCTOR");
                }
                Buffer => {
                    expect(spec, &[Receiver::Ref], 0..=0, "fn(&self) -> HPyResult<Buffer<'_>>")?;
                    let release = format_ident!("{}_release", name);
                    out.items.extend(quote! {
                    unsafe extern "C" fn #name(
                        __hpy_raw_ctx: *mut ::hpy::sys::HPyContext,
                        __hpy_raw_self: ::hpy::sys::HPy,
                        __hpy_view: *mut ::hpy::sys::HPy_buffer,
                        __hpy_flags: ::core::ffi::c_int,
                    ) -> ::core::ffi::c_int {
                        // SAFETY: HPy passes the object, the view to fill and the request flags.
                        unsafe { ::hpy::impl_::get_buffer::<#self_ty>(__hpy_raw_ctx, __hpy_raw_self, __hpy_view, __hpy_flags, |value| <#self_ty>::#m(value)) }
                    }
                    unsafe extern "C" fn #release(
                        __hpy_raw_ctx: *mut ::hpy::sys::HPyContext,
                        __hpy_raw_self: ::hpy::sys::HPy,
                        __hpy_view: *mut ::hpy::sys::HPy_buffer,
                    ) {
                        // SAFETY: HPy passes the object and a view filled by the getter.
                        unsafe { ::hpy::impl_::release_buffer::<#self_ty>(__hpy_raw_ctx, __hpy_raw_self, __hpy_view) }
                    }
                });
                    slot_def(out, &name, "getbufferproc", "HPy_bf_getbuffer", "GETBUFFERPROC");
                    slot_def(out, &release, "releasebufferproc", "HPy_bf_releasebuffer", "RELEASEBUFFERPROC");
                }
            }
            Ok(())
        })();
        errors.push(result);
    }
    errors.push(binary_groups(out, self_ty, &find(&|k| matches!(k, Binary { .. }))));
    errors.push(compare(out, self_ty, &find(&|k| matches!(k, Compare(_)))));
    errors.push(assignment(out, self_ty, class_name, &find(&|k| matches!(k, SetItem | DelItem))));
    errors.finish()
}

fn clone_spec(spec: &FunctionSpec) -> FunctionSpec {
    FunctionSpec {
        rust_name: spec.rust_name.clone(),
        python_name: spec.python_name.clone(),
        params: spec.params.clone(),
        rust_args: spec.rust_args.clone(),
        receiver: spec.receiver,
        docs: spec.docs.clone(),
        convention: spec.convention,
        returns_unit: spec.returns_unit,
    }
}

/// `__init__`: `tp_init`, with arguments and a keyword dict.
fn init(out: &mut Output, self_ty: &Type, spec: &FunctionSpec, name: &syn::Ident) -> syn::Result<()> {
    if spec.receiver == Receiver::None {
        return Err(error(spec, "`__init__` takes `&self` or `&mut self`".into()));
    }
    // `tp_init` receives arguments and a dict, parsed as keywords.
    let mut spec_kw = clone_spec(spec);
    spec_kw.convention = function::Convention::Keywords;
    let spec = &spec_kw;
    let [ctx, raw_ctx, body] = ["__hpy_ctx", "__hpy_raw_ctx", "__hpy_body"].map(local);
    let (raw_params, parse, _, _) = function::convention_parts(spec, function::Source::Dict);
    let m = &spec.rust_name;
    let (convert, call) = function::call_parts(spec, quote!(<#self_ty>::#m), Some(self_ty));
    let desc = function::description(spec);
    out.items.extend(quote! {
        unsafe extern "C" fn #name(
            #raw_ctx: *mut ::hpy::sys::HPyContext,
            __hpy_raw_self: ::hpy::sys::HPy,
            #raw_params
        ) -> ::core::ffi::c_int {
            #desc
            let #body = |#ctx: ::hpy::Ctx<'_>| -> ::hpy::HPyResult<::core::ffi::c_int> {
                #parse
                #convert
                ::core::result::Result::map_err(::hpy::impl_::unit_result(#call), ::core::convert::Into::<::hpy::HPyErr>::into)?;
                ::core::result::Result::Ok(0)
            };
            // SAFETY: HPy calls `tp_init` with the context of the call.
            unsafe { ::hpy::impl_::run(#raw_ctx, #body) }
        }
    });
    slot_def(out, name, "initproc", "HPy_tp_init", "INITPROC");
    Ok(())
}

/// One number slot per operator: `__op__` when the left operand is an
/// instance, else (or when it answers `NotImplemented`) `__rop__` when the
/// right one is, else `NotImplemented`.
fn binary_groups(
    out: &mut Output,
    self_ty: &Type,
    methods: &[&(&'static SlotInfo, FunctionSpec)],
) -> syn::Result<()> {
    let ctx = local("__hpy_ctx");
    let mut groups: Vec<&'static str> = Vec::new();
    for (info, _) in methods {
        if let Binary { group, .. } = info.kind
            && !groups.contains(&group)
        {
            groups.push(group);
        }
    }
    for group in groups {
        let ternary = group == "power";
        let mut branches = Vec::new();
        for (info, spec) in methods {
            let Binary { group: g, reflected } = info.kind else { continue };
            if g != group {
                continue;
            }
            let expected = if ternary { 1..=2 } else { 1..=1 };
            expect(
                spec,
                &[Receiver::Ref, Receiver::Instance],
                expected,
                if ternary {
                    "fn(&self, other: T, modulo: Option<M>) -> R"
                } else {
                    "fn(&self, other: T) -> R"
                },
            )?;
            let (this_raw, other) = if reflected {
                (quote!(__hpy_raw_b), quote!(&__hpy_a))
            } else {
                (quote!(__hpy_raw_a), quote!(&__hpy_b))
            };
            let this_handle = if reflected { quote!(&__hpy_b) } else { quote!(&__hpy_a) };
            let m = &spec.rust_name;
            let value = local("__hpy_other");
            let (convert, pass) = operand(spec, 0, &other, &value, Some(quote!(break 'op)), self_ty);
            let mut args = vec![pass];
            let mut extra = quote!();
            if spec.params.len() == 2 {
                let modulo = local("__hpy_modulo");
                let (convert_modulo, pass_modulo) =
                    operand(spec, 1, &quote!(&__hpy_c), &modulo, Some(quote!(break 'op)), self_ty);
                extra = convert_modulo;
                args.push(pass_modulo);
            }
            let (bind, recv) =
                receiver(spec, self_ty, &syn::Ident::new("__hpy_this_raw", proc_macro2::Span::call_site()));
            let _ = this_raw;
            branches.push(quote! {
                'op: {
                    if !::hpy::impl_::is_instance::<#self_ty>(#this_handle)? {
                        break 'op;
                    }
                    let __hpy_this_raw = ::hpy::Handle::as_raw(#this_handle);
                    #bind
                    #convert
                    #extra
                    let __hpy_value = <#self_ty>::#m(#recv, #(#args),*);
                    if let ::core::option::Option::Some(result) = ::hpy::impl_::operator_result(#ctx, __hpy_value)? {
                        return ::core::result::Result::Ok(result);
                    }
                }
            });
        }
        let name = format_ident!("__hpy_slot_nb_{}", group);
        let slot = format!("HPy_nb_{group}");
        let (params, third, sig, erase) = if ternary {
            (
                quote!(__hpy_raw_a: ::hpy::sys::HPy, __hpy_raw_b: ::hpy::sys::HPy, __hpy_raw_c: ::hpy::sys::HPy),
                quote! {
                    // SAFETY: the third operand is open for the call.
                    let __hpy_c = unsafe { #ctx.borrow_raw(__hpy_raw_c) };
                    let _ = &__hpy_c;
                },
                "TERNARYFUNC",
                "ternaryfunc",
            )
        } else {
            (
                quote!(__hpy_raw_a: ::hpy::sys::HPy, __hpy_raw_b: ::hpy::sys::HPy),
                quote!(),
                "BINARYFUNC",
                "binaryfunc",
            )
        };
        out.items.extend(slot_fn(&name, params, quote!(::hpy::sys::HPy), quote! {
            // SAFETY: the operands are open for the call.
            let (__hpy_a, __hpy_b) = unsafe { (#ctx.borrow_raw(__hpy_raw_a), #ctx.borrow_raw(__hpy_raw_b)) };
            #third
            #(#branches)*
            ::hpy::impl_::not_implemented(#ctx)
        }));
        slot_def(out, &name, erase, &slot, sig);
    }
    Ok(())
}

/// `tp_richcompare`: `__richcmp__`, or the comparisons defined one by one
/// (`NotImplemented` for the others).
fn compare(
    out: &mut Output,
    self_ty: &Type,
    methods: &[&(&'static SlotInfo, FunctionSpec)],
) -> syn::Result<()> {
    if methods.is_empty() {
        return Ok(());
    }
    let ctx = local("__hpy_ctx");
    let all_in_one = methods.iter().find(|(info, _)| info.kind == Compare(None));
    let mut arms = Vec::new();
    for (info, spec) in methods {
        let expected = if info.kind == Compare(None) { 2..=2 } else { 1..=1 };
        expect(
            spec,
            &[Receiver::Ref, Receiver::Instance],
            expected,
            if info.kind == Compare(None) {
                "fn(&self, other: T, op: CompareOp) -> R"
            } else {
                "fn(&self, other: T) -> R"
            },
        )?;
        let m = &spec.rust_name;
        let (bind, recv) =
            receiver(spec, self_ty, &syn::Ident::new("__hpy_raw_self", proc_macro2::Span::call_site()));
        let value = local("__hpy_other");
        let (convert, pass) = operand(
            spec,
            0,
            &quote!(&__hpy_other_handle),
            &value,
            Some(quote!(return ::hpy::impl_::not_implemented(#ctx))),
            self_ty,
        );
        let mut args = vec![recv, pass];
        if info.kind == Compare(None) {
            args.push(quote!(::hpy::CompareOp::from_raw(__hpy_op)));
        }
        let body = quote! {
            #bind
            #convert
            ::hpy::impl_::IntoReturn::into_return(<#self_ty>::#m(#(#args),*), #ctx)
        };
        match info.kind {
            Compare(Some(_)) if all_in_one.is_some() => {
                return Err(error(spec, format!("define either `__richcmp__` or `{}`, not both", info.name)));
            }
            Compare(Some(op)) => {
                let op = format_ident!("{op}");
                arms.push(quote!(::hpy::sys::#op => { #body }));
            }
            _ => arms.push(quote!(_ => { #body })),
        }
    }
    if all_in_one.is_none() {
        arms.push(quote!(_ => ::hpy::impl_::not_implemented(#ctx)));
    }
    let name = format_ident!("__hpy_slot_richcompare");
    out.items.extend(slot_fn(&name, quote!(__hpy_raw_self: ::hpy::sys::HPy, __hpy_raw_other: ::hpy::sys::HPy, __hpy_op: ::hpy::sys::HPy_RichCmpOp), quote!(::hpy::sys::HPy), quote! {
        // SAFETY: the other operand is open for the call.
        let __hpy_other_handle = unsafe { #ctx.borrow_raw(__hpy_raw_other) };
        match __hpy_op {
            #(#arms)*
        }
    }));
    slot_def(out, &name, "richcmpfunc", "HPy_tp_richcompare", "RICHCMPFUNC");
    Ok(())
}

/// `__setitem__`/`__delitem__`: the mapping and sequence assignment slots,
/// which receive a null value for `del`.
fn assignment(
    out: &mut Output,
    self_ty: &Type,
    class_name: &str,
    methods: &[&(&'static SlotInfo, FunctionSpec)],
) -> syn::Result<()> {
    if methods.is_empty() {
        return Ok(());
    }
    let ctx = local("__hpy_ctx");
    let mut set_branch =
        quote!(::core::result::Result::Err(::hpy::impl_::no_item_support(#class_name, "assignment")));
    let mut del_branch =
        quote!(::core::result::Result::Err(::hpy::impl_::no_item_support(#class_name, "deletion")));
    for (info, spec) in methods {
        let m = &spec.rust_name;
        let (bind, recv) =
            receiver(spec, self_ty, &syn::Ident::new("__hpy_raw_self", proc_macro2::Span::call_site()));
        let key = local("__hpy_key");
        let (convert_key, pass_key) = operand(spec, 0, &quote!(&__hpy_key_handle), &key, None, self_ty);
        if info.kind == SetItem {
            expect(
                spec,
                &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                2..=2,
                "fn(&mut self, key: K, value: V)",
            )?;
            let value = local("__hpy_value");
            let (convert_value, pass_value) =
                operand(spec, 1, &quote!(&__hpy_value_handle), &value, None, self_ty);
            set_branch = quote! {{
                // SAFETY: the value is open for the call.
                let __hpy_value_handle = unsafe { #ctx.borrow_raw(__hpy_raw_value) };
                #bind
                #convert_key
                #convert_value
                ::core::result::Result::map_err(::hpy::impl_::unit_result(<#self_ty>::#m(#recv, #pass_key, #pass_value)), ::core::convert::Into::<::hpy::HPyErr>::into)?;
                ::core::result::Result::Ok(0)
            }};
        } else {
            expect(
                spec,
                &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
                1..=1,
                "fn(&mut self, key: K)",
            )?;
            del_branch = quote! {{
                #bind
                #convert_key
                ::core::result::Result::map_err(::hpy::impl_::unit_result(<#self_ty>::#m(#recv, #pass_key)), ::core::convert::Into::<::hpy::HPyErr>::into)?;
                ::core::result::Result::Ok(0)
            }};
        }
    }
    let body = quote! {
        if __hpy_raw_value.is_null() { #del_branch } else { #set_branch }
    };
    let name = format_ident!("__hpy_slot_ass_subscript");
    out.items.extend(slot_fn(&name, quote!(__hpy_raw_self: ::hpy::sys::HPy, __hpy_raw_key: ::hpy::sys::HPy, __hpy_raw_value: ::hpy::sys::HPy), quote!(::core::ffi::c_int), quote! {
        // SAFETY: the key is open for the call.
        let __hpy_key_handle = unsafe { #ctx.borrow_raw(__hpy_raw_key) };
        #body
    }));
    slot_def(out, &name, "objobjargproc", "HPy_mp_ass_subscript", "OBJOBJARGPROC");
    let seq = format_ident!("__hpy_slot_ass_item");
    out.items.extend(slot_fn(&seq, quote!(__hpy_raw_self: ::hpy::sys::HPy, __hpy_index: ::hpy::sys::HPy_ssize_t, __hpy_raw_value: ::hpy::sys::HPy), quote!(::core::ffi::c_int), quote! {
        let __hpy_key_handle = ::hpy::IntoHPy::into_hpy(__hpy_index, #ctx)?;
        #body
    }));
    slot_def(out, &seq, "ssizeobjargproc", "HPy_sq_ass_item", "SSIZEOBJARGPROC");
    Ok(())
}

/// The getter or setter a `#[getter]`/`#[setter]` method becomes, with its
/// target `__HpyAccessor_<name>`.
pub fn accessor(self_ty: &Type, spec: &FunctionSpec, is_getter: bool) -> syn::Result<TokenStream> {
    let ctx = local("__hpy_ctx");
    let m = &spec.rust_name;
    let name = format_ident!("__hpy_accessor_{}", m);
    let target = format_ident!("__HpyAccessor_{}", m);
    let (bind, recv) =
        receiver(spec, self_ty, &syn::Ident::new("__hpy_raw_self", proc_macro2::Span::call_site()));
    let tokens = if is_getter {
        expect(spec, &[Receiver::Ref, Receiver::Instance], 0..=0, "fn(&self) -> T")?;
        let body = slot_fn(
            &name,
            quote!(__hpy_raw_self: ::hpy::sys::HPy, _: *mut ::core::ffi::c_void),
            quote!(::hpy::sys::HPy),
            quote! {
                #bind
                ::hpy::impl_::IntoReturn::into_return(<#self_ty>::#m(#recv), #ctx)
            },
        );
        quote! {
            #body
            struct #target;
            // SAFETY: the implementation has the getter signature.
            unsafe impl ::hpy::impl_::trampolines::Target for #target {
                const IMPL: ::hpy::sys::HPyCFunction = ::hpy::impl_::erase::getter(#name);
            }
        }
    } else {
        expect(
            spec,
            &[Receiver::Ref, Receiver::RefMut, Receiver::Instance],
            1..=1,
            "fn(&mut self, value: T)",
        )?;
        let py_name = spec.python_name.strip_prefix("set_").unwrap_or(&spec.python_name).to_string();
        let body = slot_fn(
            &name,
            quote!(__hpy_raw_self: ::hpy::sys::HPy, __hpy_raw_value: ::hpy::sys::HPy, _: *mut ::core::ffi::c_void),
            quote!(::core::ffi::c_int),
            quote! {
                // SAFETY: HPy passes the new value, or null to delete.
                let __hpy_value = unsafe { ::hpy::impl_::setter_value(#ctx, __hpy_raw_value, #py_name) }?;
                #bind
                ::core::result::Result::map_err(::hpy::impl_::unit_result(<#self_ty>::#m(#recv, __hpy_value)), ::core::convert::Into::<::hpy::HPyErr>::into)?;
                ::core::result::Result::Ok(0)
            },
        );
        quote! {
            #body
            struct #target;
            // SAFETY: the implementation has the setter signature.
            unsafe impl ::hpy::impl_::trampolines::Target for #target {
                const IMPL: ::hpy::sys::HPyCFunction = ::hpy::impl_::erase::setter(#name);
            }
        }
    };
    Ok(tokens)
}
