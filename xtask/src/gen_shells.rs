//! Renders `hpy/src/generated/shells.rs`: for each HPy signature whose
//! implementations take the context first, the library's implementation
//! shell, generic over the body it runs (`hpy/src/ffi/shell.rs`).

use crate::abi::{Abi, Type};
use crate::gen_trampolines::camel;
use std::fmt::Write;

/// The shells, from the table's `HPyFunc_*` typedefs.
pub fn shells_rs(abi: &Abi) -> String {
    let mut out = String::from(crate::gen_sys::HEADER);
    out.push_str(
        "//! The implementation shells, one per HPy signature whose implementations\n\
         //! take the context first: each runs the body `B` with the context of the\n\
         //! call, inside `run` (see `ffi/shell.rs`).\n\n\
         use super::trampolines::sig;\n\
         use crate::ffi::entry::run;\n\
         use crate::ffi::shell::{Body, Shell, ShellSignature, run_unraisable};\n\
         #[allow(unused_imports)]\n\
         use core::ffi::{c_char, c_int, c_void};\n\
         use hpy_sys::*;\n",
    );
    for t in abi.typedefs.iter().filter(|t| t.name.starts_with("HPyFunc_")) {
        let Some((first, rest)) = t.params.split_first() else { continue };
        if first.to_string() != "*mut HPyContext" {
            continue;
        }
        let lower = &t.name["HPyFunc_".len()..];
        let (c_name, sig) = (lower.to_ascii_uppercase(), camel(lower));
        let names: Vec<String> = (0..rest.len()).map(|i| format!("arg{i}")).collect();
        let params: Vec<String> = names.iter().zip(rest).map(|(n, ty)| format!("{n}: {ty}")).collect();
        let tuple = |items: Vec<String>| match items.len() {
            1 => format!("({},)", items[0]),
            _ => format!("({})", items.join(", ")),
        };
        let args_ty = tuple(rest.iter().map(ToString::to_string).collect());
        let args = tuple(names.clone());
        let (ret_ty, ret, run) = match &t.ret {
            Some(ret) => {
                (ret.to_string(), format!(" -> {ret}"), format!("run(ctx, |ctx| B::call(ctx, {args}))"))
            }
            None => {
                // A body that returns nothing cannot raise: its error is
                // reported as unraisable, about the object if there is one.
                let object = match rest.first() {
                    Some(Type::Named(name)) if name == "HPy" => "arg0",
                    _ => "HPy_NULL",
                };
                (
                    "()".into(),
                    String::new(),
                    format!("run_unraisable(ctx, {object}, |ctx| B::call(ctx, {args}))"),
                )
            }
        };
        writeln!(
            out,
            "\nimpl ShellSignature for sig::{sig} {{\n    type Args = {args_ty};\n    type Ret = {ret_ty};\n}}\n\n\
             /// The shell of `HPyFunc_{c_name}`: runs `B`'s body with the context of the call.\n\
             ///\n/// # Safety\n/// Called by HPy with the arguments of `{tn}`.\n\
             pub unsafe extern \"C\" fn {lower}<B: Body<sig::{sig}>>(ctx: *mut HPyContext, {params}){ret} {{\n    \
             // SAFETY: HPy passes the context and the arguments of this call, as\n    \
             // `B::call` requires.\n    \
             unsafe {{ {run} }}\n}}\n\n\
             impl<B: Body<sig::{sig}>> Shell<B> for sig::{sig} {{\n    const SHELL: Self::Impl = {lower}::<B>;\n}}",
            tn = t.name,
            params = params.join(", "),
        )
        .unwrap();
    }
    out
}
