//! Renders the repetitive part of the `conformance` test extension
//! (`tests/extensions/conformance/src/generated/members.rs`): one raw call
//! per context function, its arguments decoded by parameter type and its
//! result recorded by return type, plus the list of members and a reader of
//! every handle constant.
//!
//! The decoding is decided by the table's types only: `HPy` takes an object,
//! `*const c_char` bytes, `*mut HPy_ssize_t` an in/out cell, an enum or an
//! opaque one-word value an int, any other data pointer an address, and so
//! on (see `Param`). A function with a function-pointer parameter has no
//! generic call; the extension drives it from a hand-written scenario.

use crate::abi::{Abi, Member, Type};
use std::fmt::Write;

/// How the extension decodes one parameter (the method of its `Args`).
#[derive(Debug, PartialEq)]
enum Param {
    Handle,
    /// A Rust integer type.
    Int(String),
    /// A `c_int` newtype enum.
    Enum(String),
    /// A one-word value type and its field.
    Opaque(String, String),
    Float,
    Bool,
    /// `*const c_char`: a NUL-terminated copy of bytes.
    CStr,
    /// `*const HPy` / `*mut HPy`: an array of handles, or of out-slots.
    Handles {
        mutable: bool,
    },
    /// `*mut HPy_ssize_t`: an in/out cell.
    SsizeCell,
    /// `*mut *mut c_void`: an in/out pointer cell.
    PtrCell,
    /// `*const wchar_t`: a NUL-terminated array of code units.
    Wide,
    /// Any other data pointer: an address.
    Address {
        mutable: bool,
        pointee: String,
    },
}

/// How the extension records a result.
#[derive(Debug, PartialEq)]
enum Ret {
    Void,
    Handle,
    Int,
    Enum,
    Opaque(String),
    Float,
    CStr,
    Pointer,
}

const INTS: &[&str] =
    &["i32", "u32", "i64", "u64", "usize", "isize", "c_int", "HPy_ssize_t", "HPy_hash_t", "HPy_UCS4"];

fn param(abi: &Abi, ty: &Type) -> Option<Param> {
    match ty {
        Type::Named(n) if n == "HPy" => Some(Param::Handle),
        Type::Named(n) if INTS.contains(&n.as_str()) => Some(Param::Int(n.clone())),
        Type::Named(n) if n == "f64" => Some(Param::Float),
        Type::Named(n) if n == "bool" => Some(Param::Bool),
        Type::Named(n) if abi.enums.iter().any(|e| &e.name == n) => Some(Param::Enum(n.clone())),
        Type::Named(n) => {
            abi.opaques.iter().find(|o| &o.name == n).map(|o| Param::Opaque(n.clone(), o.field.clone()))
        }
        Type::Ptr { mutable, pointee } => match pointee.as_ref() {
            Type::Named(n) if n == "c_char" && !mutable => Some(Param::CStr),
            Type::Named(n) if n == "HPy" => Some(Param::Handles { mutable: *mutable }),
            Type::Named(n) if n == "HPy_ssize_t" && *mutable => Some(Param::SsizeCell),
            Type::Named(n) if n == "wchar_t" && !mutable => Some(Param::Wide),
            Type::Ptr { mutable: true, pointee } if **pointee == Type::Named("c_void".into()) && *mutable => {
                Some(Param::PtrCell)
            }
            Type::Named(n) if !abi.typedefs.iter().any(|t| &t.name == n) => {
                Some(Param::Address { mutable: *mutable, pointee: n.clone() })
            }
            _ => None,
        },
    }
}

fn ret(abi: &Abi, ty: Option<&Type>) -> Ret {
    match ty {
        None => Ret::Void,
        Some(Type::Named(n)) if n == "HPy" => Ret::Handle,
        Some(Type::Named(n)) if INTS.contains(&n.as_str()) => Ret::Int,
        Some(Type::Named(n)) if n == "f64" => Ret::Float,
        Some(Type::Named(n)) if abi.enums.iter().any(|e| &e.name == n) => Ret::Enum,
        Some(Type::Named(n)) => match abi.opaques.iter().find(|o| &o.name == n) {
            Some(o) => Ret::Opaque(o.field.clone()),
            None => panic!("no conformance recording for the return type `{n}`"),
        },
        Some(Type::Ptr { mutable: false, pointee }) if **pointee == Type::Named("c_char".into()) => Ret::CStr,
        Some(Type::Ptr { .. }) => Ret::Pointer,
    }
}

/// The functions of the table: (public name, ID, params, return type).
fn functions(abi: &Abi) -> impl Iterator<Item = (&str, usize, &[(String, Type)], Option<&Type>)> {
    abi.context.iter().filter_map(|m| match m {
        Member::Function { id, public_name, params, ret } => {
            Some((public_name.as_str(), *id, params.as_slice(), ret.as_ref()))
        }
        Member::Handle { .. } => None,
    })
}

fn decode(index: usize, p: &Param) -> String {
    match p {
        Param::Handle => format!("args.handle({index})?"),
        Param::Int(t) => format!("args.int::<{t}>({index})?"),
        Param::Enum(e) => format!("{e}(args.int::<c_int>({index})?)"),
        Param::Opaque(o, field) => format!("{o} {{ {field}: args.int({index})? }}"),
        Param::Float => format!("args.float({index})?"),
        Param::Bool => format!("args.boolean({index})?"),
        Param::CStr => format!("args.c_str({index})?"),
        Param::Handles { mutable: true } => format!("args.handles({index})?"),
        Param::Handles { mutable: false } => format!("args.handles({index})?.cast_const()"),
        Param::SsizeCell => format!("args.ssize_cell({index})?"),
        Param::PtrCell => format!("args.ptr_cell({index})?"),
        Param::Wide => format!("args.wide({index})?"),
        Param::Address { mutable: true, pointee } => format!("args.address::<{pointee}>({index})?"),
        Param::Address { mutable: false, pointee } => {
            format!("args.address::<{pointee}>({index})?.cast_const()")
        }
    }
}

fn record(r: &Ret) -> &'static str {
    match r {
        Ret::Void => "Value::Void",
        Ret::Handle => "Value::Handle(r)",
        Ret::Int => "Value::Int(r as i128)",
        Ret::Enum => "Value::Int(r.0 as i128)",
        // Builders, trackers, thread states: addresses, whose value varies.
        Ret::Opaque(_) => "Value::Pointer(r.FIELD as usize)",
        Ret::Float => "Value::Float(r)",
        Ret::CStr => {
            "{\n        // SAFETY: the function returns null or a NUL-terminated string.\n        unsafe { Value::c_str(r) }\n    }"
        }
        Ret::Pointer => "Value::Pointer(r as usize)",
    }
}

pub fn members_rs(abi: &Abi) -> String {
    let mut out = String::from(crate::gen_sys::HEADER);
    out.push_str(
        "//! Every context function called raw, with its arguments decoded by parameter\n\
         //! type (`Args`) and its result recorded by return type (`Value`).\n\n\
         #![allow(non_snake_case, clippy::unnecessary_cast, clippy::useless_conversion)]\n\n\
         use crate::args::Args;\nuse crate::value::Value;\nuse hpy::HPyResult;\nuse hpy::sys::*;\n\
         #[allow(unused_imports)]\nuse core::ffi::{c_char, c_int, c_void};\n\n",
    );

    out.push_str(
        "/// Every context function: its name, 0.9.0 ID and C field, and whether\n\
         /// [`call`] can call it (otherwise a scenario does).\n\
         pub const FUNCTIONS: &[(&str, usize, &str, bool)] = &[\n",
    );
    let mut arms = String::new();
    let mut bodies = String::new();
    for (name, id, params, r) in functions(abi) {
        let decoded: Option<Vec<Param>> = params.iter().map(|(_, t)| param(abi, t)).collect();
        let field = format!("ctx_{}", crate::abi::ctx_suffix(name));
        writeln!(out, "    (\"{name}\", {id}, \"{field}\", {}),", decoded.is_some()).unwrap();
        let Some(decoded) = decoded else { continue };
        let r = ret(abi, r);
        let lets: String =
            decoded.iter().enumerate().map(|(i, p)| format!("    let a{i} = {};\n", decode(i, p))).collect();
        let names: Vec<String> = (0..decoded.len()).map(|i| format!("a{i}")).collect();
        let mut value = record(&r).to_string();
        if let Ret::Opaque(field) = &r {
            value = value.replace("FIELD", field);
        }
        let bind = if r == Ret::Void { "" } else { "let r = " };
        writeln!(
            bodies,
            "/// `{name}` (member {id}).\nfn call_{name}(ctx: *mut HPyContext, args: &mut Args<'_, '_>) -> HPyResult<Value> {{\n\
             {lets}    args.before_call();\n    \
             // SAFETY: a live context; each argument is what the caller asked for,\n    \
             // decoded into the parameter's C type (buffers live in `args`).\n    \
             {bind}unsafe {{ {name}(ctx, {}) }};\n    Ok({value})\n}}\n",
            names.join(", ")
        )
        .unwrap();
        writeln!(arms, "        \"{name}\" => call_{name}(ctx, args),").unwrap();
    }
    out.push_str("];\n\n");

    out.push_str(
        "/// Calls context function `name` with `args`; `None` when the function has no\n\
         /// generic call.\n\
         pub fn call(ctx: *mut HPyContext, name: &str, args: &mut Args<'_, '_>) -> Option<HPyResult<Value>> {\n    \
         Some(match name {\n",
    );
    out.push_str(&arms);
    out.push_str("        _ => return None,\n    })\n}\n\n");
    out.push_str(&bodies);

    out.push_str(
        "\n/// Every handle constant: its C field and 0.9.0 ID.\n\
         pub const HANDLES: &[(&str, usize)] = &[\n",
    );
    for m in &abi.context {
        if let Member::Handle { id, .. } = m {
            writeln!(out, "    (\"{}\", {id}),", m.c_field()).unwrap();
        }
    }
    out.push_str(
        "];\n\n/// The handle constant in C field `field` of `ctx`.\n\
         ///\n/// # Safety\n/// `ctx` must be a live context.\n\
         pub unsafe fn constant(ctx: *mut HPyContext, field: &str) -> Option<HPy> {\n    \
         // SAFETY: the caller passes a live context; handle members are in the same\n    \
         // slot in every known layout.\n    \
         let ctx = unsafe { &*ctx };\n    Some(match field {\n",
    );
    for m in &abi.context {
        if let Member::Handle { .. } = m {
            let f = m.c_field();
            writeln!(out, "        \"{f}\" => ctx.{f},").unwrap();
        }
    }
    out.push_str("        _ => return None,\n    })\n}\n\n");

    out.push_str(
        "/// The offset of every function member in the 0.9.0 layout.\n\
         pub const OFFSETS: &[(&str, usize)] = &[\n",
    );
    for (name, ..) in functions(abi) {
        let field = format!("ctx_{}", crate::abi::ctx_suffix(name));
        writeln!(out, "    (\"{field}\", core::mem::offset_of!(HPyContext, {field})),").unwrap();
    }
    out.push_str("];\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn abi() -> Abi {
        crate::abi::parse(include_str!("../../hpy-sys/abi/hpy-0.9.0.abi")).unwrap()
    }

    #[test]
    fn decodes_by_type() {
        let abi = abi();
        let t = |s: &str| Type::parse(s).unwrap();
        assert_eq!(param(&abi, &t("HPy")), Some(Param::Handle));
        assert_eq!(param(&abi, &t("*const c_char")), Some(Param::CStr));
        assert_eq!(param(&abi, &t("*mut *mut c_void")), Some(Param::PtrCell));
        assert_eq!(param(&abi, &t("HPyTracker")), Some(Param::Opaque("HPyTracker".into(), "_i".into())));
        assert_eq!(param(&abi, &t("HPyCFunction")), None);
        assert_eq!(
            param(&abi, &t("*mut HPyField")),
            Some(Param::Address { mutable: true, pointee: "HPyField".into() })
        );
    }

    #[test]
    fn only_the_trampoline_has_no_generic_call() {
        let abi = abi();
        let text = members_rs(&abi);
        let without: Vec<&str> = functions(&abi)
            .filter(|(_, _, params, _)| params.iter().any(|(_, t)| param(&abi, t).is_none()))
            .map(|(n, ..)| n)
            .collect();
        assert_eq!(without, ["_HPy_CallRealFunctionFromTrampoline"]);
        assert_eq!(text.matches("\n        \"").count(), 179 + 83);
    }
}
