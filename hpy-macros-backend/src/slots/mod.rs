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
use quote::{format_ident, quote, quote_spanned};
use syn::Type;
use syn::spanned::Spanned;

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
    function::receiver_binding(spec, self_ty, raw)
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
    let hpy = crate::krate::hpy();
    let p = &spec.params[index];
    let name = &p.name;
    let method = spec.rust_name.to_string();
    let Some(mismatch) = on_mismatch else {
        // Raising: the route is chosen from the type, as for arguments.
        let span = p.ty.span();
        let hpy_at_ty = crate::krate::hpy_at(span);
        let ty = function::probe_type(&p.ty, Some(self_ty));
        let holder = format_ident!("{}_holder", value);
        let stmt = quote_spanned! {span=>
            #[allow(unused_imports)]
            use #hpy_at_ty::impl_::{ProbeClassMut as _, ProbeClassRef as _, ProbeValue as _};
            let mut #holder = (&&#hpy_at_ty::impl_::ArgProbe::<#ty>::new()).holder();
            let #value = (&&#hpy_at_ty::impl_::ArgProbe::<#ty>::new())
                .extract_as(#source, &mut #holder, #method, #name)?;
        };
        return (stmt, quote!(#value));
    };
    // A binary operator's operand (`NotImplemented` when it does not fit):
    // a class borrow for `&T`/`&mut T` of a class, else a conversion.
    if let Some((mutable, class)) = function::class_ref(&p.ty) {
        let class = crate::class::replace_self(class, Some(self_ty));
        let (cell_borrow, pass) = if mutable {
            (quote!(try_borrow_mut), quote!(&mut *#value))
        } else {
            (quote!(try_borrow), quote!(&*#value))
        };
        let binding = if mutable { quote!(mut #value) } else { quote!(#value) };
        let stmt = quote! {
            let #binding = match #hpy::impl_::operand_cell::<#class>(#source)? {
                ::core::option::Option::Some(cell) => cell.#cell_borrow()?,
                ::core::option::Option::None => #mismatch,
            };
        };
        return (stmt, pass);
    }
    let stmt = quote! {
        let #value = match #hpy::impl_::extract_operand(#source)? {
            ::core::option::Option::Some(value) => value,
            ::core::option::Option::None => #mismatch,
        };
    };
    (stmt, quote!(#value))
}

/// The slot implementation `name`: its C parameters after the context, its
/// return type and its body (with `__hpy_ctx` in scope).
fn slot_fn(name: &syn::Ident, params: TokenStream, ret: TokenStream, body: TokenStream) -> TokenStream {
    let hpy = crate::krate::hpy();
    let [ctx, raw_ctx, closure] = ["__hpy_ctx", "__hpy_raw_ctx", "__hpy_body"].map(local);
    quote! {
        unsafe extern "C" fn #name(#raw_ctx: *mut #hpy::sys::HPyContext, #params) -> #ret {
            let #closure = |#ctx: #hpy::Ctx<'_>| -> #hpy::HPyResult<#ret> { #body };
            // SAFETY: HPy calls the slot with the context of the call.
            unsafe { #hpy::impl_::run(#raw_ctx, #closure) }
        }
    }
}

/// A slot definition for implementation `name` (a target type is emitted).
fn slot_def(out: &mut Output, name: &syn::Ident, erase: &str, slot: &str, sig: &str) {
    slot_defs(out, name, erase, &[slot], sig);
}

/// Definitions of several slots with the same implementation `name`.
fn slot_defs(out: &mut Output, name: &syn::Ident, erase: &str, slots: &[&str], sig: &str) {
    let hpy = crate::krate::hpy();
    let target = format_ident!("{}_Target", name);
    let erase = format_ident!("{erase}");
    let sig = format_ident!("HPyFunc_{sig}");
    out.items.extend(quote! {
        struct #target;
        // SAFETY: the implementation has the signature `erase` takes.
        unsafe impl #hpy::impl_::trampolines::Target for #target {
            const IMPL: #hpy::sys::HPyCFunction = #hpy::impl_::erase::#erase(#name);
        }
    });
    for slot in slots {
        let def = format_ident!("{}_{}_DEF", name.to_string().to_uppercase(), slot.to_uppercase());
        let slot = format_ident!("{slot}");
        out.items.extend(quote! {
            // SAFETY: the slot has signature `sig`, which the target implements.
            static #def: #hpy::sys::HPyDef = unsafe { #hpy::impl_::slot_def::<#target>(#hpy::sys::#slot, #hpy::sys::#sig) };
        });
        out.defs.push(def);
    }
}

mod accessor;
mod assignment;
mod binary;
mod compare;
mod generate;
mod init;

pub use accessor::accessor;
use assignment::assignment;
use binary::binary_groups;
use compare::compare;
pub use generate::generate;
use init::init;
pub use init::init_constructor;
