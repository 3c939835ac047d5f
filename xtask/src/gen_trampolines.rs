//! Renders `hpy/src/generated/trampolines.rs`: the CPython trampolines, the
//! trampoline of each signature, and one type per signature.

use crate::abi::Abi;
use std::fmt::Write;

/// The CPython-signature trampolines, one per `_HPyFunc_args_*` struct: each
/// packs its arguments into the struct and calls
/// `ctx_CallRealFunctionFromTrampoline` with the implementation of `T`.
pub fn trampolines_rs(abi: &Abi) -> String {
    let mut out = String::from(crate::gen_sys::HEADER);
    out.push_str(
        "//! The CPython trampolines, generic over the implementation they call.\n\n\
         #![allow(non_upper_case_globals, clippy::useless_transmute)]\n\n\
         use crate::ffi::{Erased, call_real};\n\
         #[allow(unused_imports)]\n\
         use core::ffi::{c_char, c_int, c_void};\n\
         use hpy_sys::*;\n",
    );
    for s in abi.structs.iter().filter(|s| s.name.starts_with("_HPyFunc_args_")) {
        let sig = &s.name["_HPyFunc_args_".len()..];
        let mut params = Vec::new();
        let mut inits = Vec::new();
        let mut ret = None;
        for f in &s.fields {
            if f.rust_name == "result" {
                let zero =
                    if matches!(f.ty, crate::abi::Type::Ptr { .. }) { "core::ptr::null_mut()" } else { "0" };
                inits.push(format!("result: {zero}"));
                ret = Some(f.ty.to_string());
            } else if sig == "RICHCMPFUNC" && f.rust_name == "arg2" {
                params.push("arg2: c_int".to_string());
                inits.push("arg2: HPy_RichCmpOp(arg2)".to_string());
            } else {
                params.push(format!("{}: {}", f.rust_name, f.ty));
                inits.push(f.rust_name.clone());
            }
        }
        if sig == "MOD_CREATE" {
            params.push("_def: *mut cpy_PyModuleDef".to_string());
        }
        let ret_s = ret.as_ref().map(|r| format!(" -> {r}")).unwrap_or_default();
        let tail = if ret.is_some() { "\n    packed.result" } else { "" };
        writeln!(
            out,
            "\n/// The CPython trampoline for `HPyFunc_{sig}`.\n///\n/// # Safety\n\
             /// Called by the interpreter with the arguments of its C signature.\n\
             pub unsafe extern \"C\" fn {name}<T: Erased>({params}){ret_s} {{\n    \
             let mut packed = {struct_name} {{ {inits} }};\n    \
             // SAFETY: `packed` is the argument struct of this signature.\n    \
             unsafe {{ call_real::<T>(HPyFunc_{sig}, (&raw mut packed).cast()) }};{tail}\n}}",
            name = sig.to_ascii_lowercase(),
            params = params.join(", "),
            struct_name = s.name,
            inits = inits.join(", "),
        )
        .unwrap();
    }
    out.push_str(&for_signature(abi));
    out.push_str(&sig(abi));
    out.push_str(&slot(abi));
    out.push_str(
        "\n/// The CPython trampoline for a capsule destructor: the capsule itself is\n\
         /// the argument.\n///\n/// # Safety\n/// Called by the interpreter when the capsule dies.\n\
         pub unsafe extern \"C\" fn capsule_destructor<T: Erased>(capsule: *mut cpy_PyObject) {\n    \
         // SAFETY: HPy expects the capsule itself in place of an argument struct.\n    \
         unsafe { call_real::<T>(HPyFunc_CAPSULE_DESTRUCTOR, capsule.cast()) }\n}\n",
    );
    out
}

/// The C signature of the trampoline for an argument struct, as a Rust fn type.
fn trampoline_type(s: &crate::abi::Struct) -> String {
    let sig = &s.name["_HPyFunc_args_".len()..];
    let mut params: Vec<String> = s
        .fields
        .iter()
        .filter(|f| f.rust_name != "result")
        .map(
            |f| if sig == "RICHCMPFUNC" && f.rust_name == "arg2" { "c_int".into() } else { f.ty.to_string() },
        )
        .collect();
    if sig == "MOD_CREATE" {
        params.push("*mut cpy_PyModuleDef".into());
    }
    let ret = s
        .fields
        .iter()
        .find(|f| f.rust_name == "result")
        .map(|f| format!(" -> {}", f.ty))
        .unwrap_or_default();
    format!("unsafe extern \"C\" fn({}){ret}", params.join(", "))
}

/// `for_signature::<T>(sig)`: the trampoline of `sig`, typed as HPy stores
/// it in a definition.
fn for_signature(abi: &Abi) -> String {
    let mut out = String::from(
        "\n/// The trampoline of signature `sig` for `T`, type-erased to `cpy_PyCFunction`\n\
         /// as HPy stores it (`None` for a signature that has none, such as\n\
         /// `HPyFunc_DESTROYFUNC`).\n\
         pub const fn for_signature<T: Erased>(sig: HPyFunc_Signature) -> cpy_PyCFunction {\n    \
         // SAFETY: only the pointer's type changes; the runtime calls it with the\n    \
         // C signature that belongs to `sig`.\n    \
         unsafe {\n        match sig {\n",
    );
    for s in abi.structs.iter().filter(|s| s.name.starts_with("_HPyFunc_args_")) {
        let sig = &s.name["_HPyFunc_args_".len()..];
        writeln!(
            out,
            "            HPyFunc_{sig} => Some(core::mem::transmute::<{ty}, unsafe extern \"C\" fn(*mut cpy_PyObject, *const *mut cpy_PyObject, HPy_ssize_t) -> *mut cpy_PyObject>({name}::<T> as {ty})),",
            ty = trampoline_type(s),
            name = sig.to_ascii_lowercase()
        )
        .unwrap();
    }
    out.push_str("            _ => None,\n        }\n    }\n}\n");
    out
}

/// The `sig` module: one zero-sized type per implementation signature,
/// carrying its `HPyFunc_Signature` constant and its implementation type.
fn sig(abi: &Abi) -> String {
    let mut out = String::from(
        "\n/// One type per HPy signature: its `HPyFunc_Signature` constant and the\n\
         /// type of its implementation, so that a target, a definition and a\n\
         /// trampoline agree by construction.\n\
         pub mod sig {\n    use crate::ffi::Signature;\n    use hpy_sys::*;\n    #[allow(unused_imports)]\n    use core::ffi::{c_char, c_int, c_void};\n",
    );
    for t in abi.typedefs.iter().filter(|t| t.name.starts_with("HPyFunc_") && t.name != "HPyFunc_visitproc") {
        let c_name = t.name["HPyFunc_".len()..].to_ascii_uppercase();
        let type_name = camel(&t.name["HPyFunc_".len()..]);
        let params: Vec<String> = t.params.iter().map(ToString::to_string).collect();
        let ret = t.ret.as_ref().map(|r| format!(" -> {r}")).unwrap_or_default();
        let ty = format!("unsafe extern \"C\" fn({}){ret}", params.join(", "));
        writeln!(
            out,
            "\n    /// `HPyFunc_{c_name}`: implementations of type `{tn}`.\n    \
             pub struct {type_name};\n\n    \
             // SAFETY: `Impl` is the C function pointer type `{tn}`.\n    \
             unsafe impl Signature for {type_name} {{\n        \
             const SIG: HPyFunc_Signature = HPyFunc_{c_name};\n        \
             type Impl = {ty};\n    }}",
            tn = t.name
        )
        .unwrap();
    }
    out.push_str("}\n");
    out
}

/// The `slot` module: one type per slot of the `[slot-signatures]` table,
/// carrying its `HPySlot_Slot` constant and its signature type.
fn slot(abi: &Abi) -> String {
    let mut out = String::from(
        "\n/// One type per slot, with its signature: a slot definition whose target\n\
         /// has another signature is a type error.\n\
         #[allow(non_camel_case_types)]\n\
         pub mod slot {\n    use super::sig;\n    use crate::ffi::Slot;\n    use hpy_sys::HPySlot_Slot;\n",
    );
    for (slot, signature) in &abi.slot_signatures {
        writeln!(
            out,
            "\n    /// `{slot}`, of signature `HPyFunc_{signature}`.\n    \
             pub enum {slot} {{}}\n\n    \
             impl Slot for {slot} {{\n        \
             const SLOT: HPySlot_Slot = hpy_sys::{slot};\n        \
             type Sig = sig::{camel};\n    }}",
            camel = camel(&signature.to_ascii_lowercase()),
        )
        .unwrap();
    }
    out.push_str("}\n");
    out
}

/// `capsule_destructor` -> `CapsuleDestructor`, `reprfunc` -> `Reprfunc`.
pub fn camel(name: &str) -> String {
    name.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase())
                .unwrap_or_default()
        })
        .collect()
}
