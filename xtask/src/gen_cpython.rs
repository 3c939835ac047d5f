//! Renders `hpy-sys/src/generated/cpython_api.rs` from the table's
//! `[cpython]` section: the HPy API of the CPython-ABI backend, with the
//! names and signatures of `generated/api.rs`.

use crate::abi::{Abi, Cpython, Member, Type};
use crate::gen_sys::HEADER;
use std::fmt::Write;

fn is_handle(ty: &Type) -> bool {
    *ty == Type::Named("HPy".into())
}

pub fn cpython_api_rs(abi: &Abi) -> String {
    let mut out = String::from(HEADER);
    out.push_str(
        "//! The HPy API in the CPython ABI: every context member done on the C API\n\
         //! (`HPy` is the `PyObject *`), with the names and signatures of the\n\
         //! universal `api.rs`. One-liners are generated here; the others are\n\
         //! written by hand in `crate::cpython` and re-exported, their signatures\n\
         //! checked; a member that is not written yet raises `SystemError`.\n\n",
    );
    let any_missing = abi.cpython.iter().any(|(_, how)| *how == Cpython::Missing);
    let helpers = if any_missing { "h2py, not_yet, py2h" } else { "h2py, py2h" };
    writeln!(
        out,
        "use crate::cpython::{{{helpers}}};\nuse crate::*;\n#[allow(unused_imports)]\n\
         use core::ffi::{{c_char, c_int, c_void}};\nuse pyo3_ffi as ffi;"
    )
    .unwrap();
    for member in &abi.context {
        let how = abi
            .cpython
            .iter()
            .find(|(name, _)| name == member.name())
            .map(|(_, how)| how)
            .expect("validated: `[cpython]` names every member");
        match member {
            Member::Handle { id, name } => handle(&mut out, *id, name, how),
            Member::Function { id, public_name, params, ret } => {
                function(&mut out, *id, public_name, params, ret.as_ref(), how)
            }
        }
    }
    out
}

fn handle(out: &mut String, id: usize, name: &str, how: &Cpython) {
    let value = match how {
        Cpython::Manual => {
            writeln!(
                out,
                "\npub use crate::cpython::h_{name};\n\
                 const _: unsafe fn(*mut HPyContext) -> HPy = h_{name};"
            )
            .unwrap();
            return;
        }
        Cpython::Missing => panic!("the handle `{name}` cannot be missing"),
        Cpython::Direct(expr) => match expr.strip_prefix('&') {
            Some(ty) => format!("(&raw mut ffi::{ty}).cast()"),
            None => format!("unsafe {{ ffi::{expr} }}"),
        },
    };
    writeln!(
        out,
        "\n/// `h_{name}` (context member {id}): `{expr}`, borrowed.\n\
         ///\n/// # Safety\n/// The interpreter must be initialized.\n\
         #[inline(always)]\n\
         pub unsafe fn h_{name}(_ctx: *mut HPyContext) -> HPy {{\n    \
         {safety}py2h({value})\n}}",
        safety = if value.starts_with("unsafe") {
            "// SAFETY: the interpreter is initialized, so the object exists.\n    "
        } else {
            ""
        },
        expr = match how {
            Cpython::Direct(expr) => expr.as_str(),
            _ => unreachable!(),
        }
    )
    .unwrap();
}

fn function(
    out: &mut String,
    id: usize,
    public_name: &str,
    params: &[(String, Type)],
    ret: Option<&Type>,
    how: &Cpython,
) {
    let mut types = vec!["*mut HPyContext".to_string()];
    types.extend(params.iter().map(|(_, t)| t.to_string()));
    let ret_s = ret.map(|r| format!(" -> {r}")).unwrap_or_default();
    match how {
        Cpython::Manual => {
            writeln!(
                out,
                "\npub use crate::cpython::{public_name};\n\
                 const _: unsafe fn({}){ret_s} = {public_name};",
                types.join(", ")
            )
            .unwrap();
        }
        Cpython::Missing => {
            let sig: Vec<String> = params.iter().map(|(n, t)| format!("_{n}: {t}")).collect();
            writeln!(
                out,
                "\n/// `{public_name}` (context member {id}): not in the CPython ABI yet; raises\n\
                 /// `SystemError` and returns the error value.\n\
                 ///\n/// # Safety\n/// The interpreter's lock must be held.\n\
                 pub unsafe fn {public_name}(_ctx: *mut HPyContext{comma}{sig}){ret_s} {{\n    \
                 // SAFETY: forwarded from the caller.\n    \
                 unsafe {{ not_yet(c\"{public_name}\") }}\n}}",
                comma = if sig.is_empty() { "" } else { ", " },
                sig = sig.join(", "),
            )
            .unwrap();
        }
        Cpython::Direct(c_fn) => {
            let sig: Vec<String> = params.iter().map(|(n, t)| format!("{n}: {t}")).collect();
            let args: Vec<String> = params
                .iter()
                .map(|(n, t)| if is_handle(t) { format!("h2py({n})") } else { n.clone() })
                .collect();
            let call = format!("unsafe {{ ffi::{c_fn}({}) }}", args.join(", "));
            let body = match ret {
                None => format!("{call};"),
                Some(t) if is_handle(t) => format!("py2h({call})"),
                Some(Type::Ptr { .. }) => format!("({call}) as _"),
                Some(_) => call,
            };
            writeln!(
                out,
                "\n/// `{public_name}` (context member {id}): `{c_fn}`.\n\
                 ///\n/// # Safety\n/// The arguments must meet the contract of `{c_fn}`, with the\n\
                 /// interpreter's lock held.\n\
                 #[inline(always)]\n\
                 pub unsafe fn {public_name}(_ctx: *mut HPyContext{comma}{sig}){ret_s} {{\n    \
                 // SAFETY: forwarded from the caller.\n    \
                 {body}\n}}",
                comma = if sig.is_empty() { "" } else { ", " },
                sig = sig.join(", "),
            )
            .unwrap();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_each_kind() {
        let abi = crate::abi::parse(
            "[opaque HPy]\n_i\n[struct HPyContext]\nname: *const c_char\n[context]\nhandle 0 None\nhandle 1 TypeType\n\
             fn 2 HPy_Add (h1: HPy, h2: HPy) -> HPy\nfn 3 HPy_Dup (h: HPy) -> HPy\n\
             fn 4 HPyErr_Clear ()\nfn 5 HPy_New (t: HPy) -> HPy\n\
             [cpython]\nNone = Py_None()\nTypeType = &PyType_Type\nHPy_Add = PyNumber_Add\n\
             HPy_Dup = manual\nHPyErr_Clear = PyErr_Clear\nHPy_New = missing\n",
        )
        .unwrap();
        let text = cpython_api_rs(&abi);
        assert!(text.contains("py2h(unsafe { ffi::Py_None() })"), "{text}");
        assert!(text.contains("py2h((&raw mut ffi::PyType_Type).cast())"), "{text}");
        assert!(text.contains("py2h(unsafe { ffi::PyNumber_Add(h2py(h1), h2py(h2)) })"), "{text}");
        assert!(text.contains("const _: unsafe fn(*mut HPyContext, HPy) -> HPy = HPy_Dup;"), "{text}");
        assert!(text.contains("unsafe { ffi::PyErr_Clear() };"), "{text}");
        assert!(text.contains("not_yet(c\"HPy_New\")"), "{text}");
    }
}
