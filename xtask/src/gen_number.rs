//! Renders `hpy/src/generated/number.rs`: the number protocol as methods on
//! `Handle`, the Rust operator traits, and the `HPyLong_As*` /
//! `HPyFloat_AsDouble` conversions. The signatures come from the ABI table;
//! the tables below only add the Rust names and the docs.

use crate::abi::{Abi, Member, Type};
use std::fmt::Write;

/// A number-protocol function: its public C name, the Rust method, what it
/// does in Python, and the operator trait that uses it (trait, method).
struct Op {
    c: &'static str,
    method: &'static str,
    python: &'static str,
    operator: Option<(&'static str, &'static str)>,
}

const fn op(c: &'static str, method: &'static str, python: &'static str) -> Op {
    Op { c, method, python, operator: None }
}

const fn with_trait(
    c: &'static str,
    method: &'static str,
    python: &'static str,
    t: (&'static str, &'static str),
) -> Op {
    Op { c, method, python, operator: Some(t) }
}

const BINARY: &[Op] = &[
    with_trait("HPy_Add", "add", "self + other", ("Add", "add")),
    with_trait("HPy_Subtract", "sub", "self - other", ("Sub", "sub")),
    with_trait("HPy_Multiply", "mul", "self * other", ("Mul", "mul")),
    op("HPy_MatrixMultiply", "matmul", "self @ other"),
    op("HPy_FloorDivide", "floor_div", "self // other"),
    with_trait("HPy_TrueDivide", "true_div", "self / other", ("Div", "div")),
    with_trait("HPy_Remainder", "rem", "self % other", ("Rem", "rem")),
    op("HPy_Divmod", "divmod", "divmod(self, other)"),
    with_trait("HPy_Lshift", "lshift", "self << other", ("Shl", "shl")),
    with_trait("HPy_Rshift", "rshift", "self >> other", ("Shr", "shr")),
    with_trait("HPy_And", "bitand", "self & other", ("BitAnd", "bitand")),
    with_trait("HPy_Xor", "bitxor", "self ^ other", ("BitXor", "bitxor")),
    with_trait("HPy_Or", "bitor", "self | other", ("BitOr", "bitor")),
    op("HPy_InPlaceAdd", "inplace_add", "self += other"),
    op("HPy_InPlaceSubtract", "inplace_sub", "self -= other"),
    op("HPy_InPlaceMultiply", "inplace_mul", "self *= other"),
    op("HPy_InPlaceMatrixMultiply", "inplace_matmul", "self @= other"),
    op("HPy_InPlaceFloorDivide", "inplace_floor_div", "self //= other"),
    op("HPy_InPlaceTrueDivide", "inplace_true_div", "self /= other"),
    op("HPy_InPlaceRemainder", "inplace_rem", "self %= other"),
    op("HPy_InPlaceLshift", "inplace_lshift", "self <<= other"),
    op("HPy_InPlaceRshift", "inplace_rshift", "self >>= other"),
    op("HPy_InPlaceAnd", "inplace_bitand", "self &= other"),
    op("HPy_InPlaceXor", "inplace_bitxor", "self ^= other"),
    op("HPy_InPlaceOr", "inplace_bitor", "self |= other"),
];

const UNARY: &[Op] = &[
    with_trait("HPy_Negative", "neg", "-self", ("Neg", "neg")),
    op("HPy_Positive", "pos", "+self"),
    op("HPy_Absolute", "abs", "abs(self)"),
    with_trait("HPy_Invert", "invert", "~self", ("Not", "not")),
    op("HPy_Index", "index", "operator.index(self)"),
    op("HPy_Long", "to_int", "int(self)"),
    op("HPy_Float", "to_float", "float(self)"),
];

const TERNARY: &[Op] = &[
    op("HPy_Power", "pow", "`pow(self, other, modulo)` in Python: `self ** other` without a modulo"),
    op("HPy_InPlacePower", "inplace_pow", "`self **= other` in Python (with a modulo, `pow` in place)"),
];

/// The `int` and `float` conversions: C name, Rust method, what it accepts.
/// `(C function, method, what it accepts, PyPy workaround)`: on PyPy the
/// method calls `crate::runtime::pypy::<workaround>` instead, where PyPy's
/// function answers differently from CPython's (see `docs/runtimes.md`).
const CONVERSIONS: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "HPyLong_AsInt32_t",
        "as_i32",
        "an `int` (or an object with `__index__`); `OverflowError` out of range",
        Some("as_i32"),
    ),
    (
        "HPyLong_AsUInt32_t",
        "as_u32",
        "an `int`; `OverflowError` out of range (HPy 0.9 reports a non-`int` as an `OverflowError` too)",
        Some("as_u32"),
    ),
    (
        "HPyLong_AsUInt32_tMask",
        "as_u32_mask",
        "an `int` (or `__index__`), reduced modulo 2**32: never overflows",
        Some("as_u32_mask"),
    ),
    (
        "HPyLong_AsInt64_t",
        "as_i64",
        "an `int` (or an object with `__index__`); `OverflowError` out of range",
        Some("as_i64"),
    ),
    ("HPyLong_AsUInt64_t", "as_u64", "an `int`; `OverflowError` out of range", None),
    (
        "HPyLong_AsUInt64_tMask",
        "as_u64_mask",
        "an `int` (or `__index__`), reduced modulo 2**64: never overflows",
        Some("as_u64_mask"),
    ),
    ("HPyLong_AsSize_t", "as_usize", "an `int`; `OverflowError` out of range", None),
    ("HPyLong_AsSsize_t", "as_isize", "an `int`; `OverflowError` out of range", None),
    (
        "HPyLong_AsVoidPtr",
        "as_void_ptr",
        "an `int` holding an address (as `PyLong_AsVoidPtr`)",
        Some("as_void_ptr"),
    ),
    (
        "HPyLong_AsDouble",
        "long_as_f64",
        "an `int`, rounded; `OverflowError` beyond the `f64` range",
        Some("long_as_f64"),
    ),
    (
        "HPyFloat_AsDouble",
        "as_f64",
        "a `float` or any object with `__float__` (or `__index__`)",
        Some("as_f64"),
    ),
];

fn function<'a>(abi: &'a Abi, c: &str) -> (&'a [(String, Type)], &'a Option<Type>) {
    for member in &abi.context {
        if let Member::Function { public_name, params, ret, .. } = member
            && public_name == c
        {
            return (params, ret);
        }
    }
    panic!("`{c}` is not a function of the ABI table");
}

fn check_arity(abi: &Abi, op: &Op, arity: usize) {
    let (params, ret) = function(abi, op.c);
    assert_eq!(params.len(), arity, "`{}` should take {arity} handles", op.c);
    assert!(params.iter().all(|(_, t)| *t == Type::Named("HPy".into())), "`{}` takes handles", op.c);
    assert_eq!(ret, &Some(Type::Named("HPy".into())), "`{}` returns a handle", op.c);
}

/// The Rust return type of a conversion, and how its error value reads.
fn conversion_type(ty: &Type) -> (&'static str, &'static str) {
    match ty.to_string().as_str() {
        "i32" => ("i32", "value == -1"),
        "u32" => ("u32", "value == u32::MAX"),
        "i64" => ("i64", "value == -1"),
        "u64" => ("u64", "value == u64::MAX"),
        "usize" => ("usize", "value == usize::MAX"),
        "HPy_ssize_t" => ("isize", "value == -1"),
        "f64" => ("f64", "value == -1.0"),
        "*mut c_void" => ("*mut core::ffi::c_void", "value.is_null()"),
        other => panic!("no conversion for the C type `{other}`"),
    }
}

fn method(out: &mut String, op: &Op, params: &str, args: &str) {
    writeln!(
        out,
        "    /// `{python}` in Python (`{c}`).\n    #[inline]\n    \
         pub fn {method}(&self{params}) -> HPyResult<Handle<'ctx>> {{\n        \
         let ctx = self.ctx();\n        \
         // SAFETY: the handles are open in `ctx`; the result is a new handle or\n        \
         // null with an exception set.\n        \
         unsafe {{ ctx.wrap(hpy_sys::{c}(ctx.as_raw(), self.as_raw(){args})) }}\n    }}\n",
        python = op.python,
        c = op.c,
        method = op.method,
    )
    .unwrap();
}

pub fn number_rs(abi: &Abi) -> String {
    let mut out = String::from(crate::gen_sys::HEADER);
    out.push_str(
        "//! The number protocol on handles, the Rust operators, and the `int` and\n\
         //! `float` conversions (see `object/number.rs`).\n\n\
         use crate::{HPyErr, HPyResult, Handle, IntoHPy};\n\n\
         impl<'ctx> Handle<'ctx> {\n",
    );
    for op in BINARY {
        check_arity(abi, op, 2);
        method(&mut out, op, ", other: &Handle<'ctx>", ", other.as_raw()");
    }
    for op in UNARY {
        check_arity(abi, op, 1);
        method(&mut out, op, "", "");
    }
    for op in TERNARY {
        check_arity(abi, op, 3);
        writeln!(
            out,
            "    /// {python} (`{c}`).\n    #[inline]\n    \
             pub fn {method}(&self, other: &Handle<'ctx>, modulo: Option<&Handle<'ctx>>) -> HPyResult<Handle<'ctx>> {{\n        \
             let ctx = self.ctx();\n        \
             let modulo = modulo.map_or(ctx.none().as_raw(), Handle::as_raw);\n        \
             // SAFETY: the handles are open in `ctx` (`None` for no modulo, as HPy\n        \
             // requires); the result is a new handle or null with an exception set.\n        \
             unsafe {{ ctx.wrap(hpy_sys::{c}(ctx.as_raw(), self.as_raw(), other.as_raw(), modulo)) }}\n    }}\n",
            python = op.python,
            c = op.c,
            method = op.method,
        )
        .unwrap();
    }
    for (c, method, accepts, pypy) in CONVERSIONS {
        let (params, ret) = function(abi, c);
        assert_eq!(params.len(), 1, "`{c}` takes one handle");
        let (rust, error) = conversion_type(ret.as_ref().expect("conversions return a value"));
        let workaround = pypy.map_or(String::new(), |w| {
            format!(
                "if crate::runtime::is_pypy() {{\n            \
                 return crate::runtime::pypy::{w}(self);\n        }}\n        "
            )
        });
        writeln!(
            out,
            "    /// The object as `{rust}` (`{c}`): {accepts}.\n    #[inline]\n    \
             pub fn {method}(&self) -> HPyResult<{rust}> {{\n        \
             {workaround}let ctx = self.ctx().as_raw();\n        \
             // SAFETY: `self` is open in its context.\n        \
             let value = unsafe {{ hpy_sys::{c}(ctx, self.as_raw()) }};\n        \
             // SAFETY: querying the error indicator is always allowed.\n        \
             if {error} && unsafe {{ hpy_sys::HPyErr_Occurred(ctx) }} != 0 {{\n            \
             return Err(HPyErr::fetch());\n        }}\n        \
             Ok(value)\n    }}\n"
        )
        .unwrap();
    }
    out.push_str("}\n");

    for op in BINARY.iter().filter(|op| op.operator.is_some()) {
        let (tr, tr_method) = op.operator.unwrap();
        for (self_ty, this) in [("&Handle<'ctx>", "self"), ("Handle<'ctx>", "&self")] {
            writeln!(
                out,
                "\nimpl<'ctx, T: IntoHPy<'ctx>> core::ops::{tr}<T> for {self_ty} {{\n    \
                 type Output = HPyResult<Handle<'ctx>>;\n\n    \
                 /// `{python}` in Python (`{c}`), with `other` converted first.\n    \
                 #[inline]\n    fn {tr_method}(self, other: T) -> HPyResult<Handle<'ctx>> {{\n        \
                 let other = other.into_hpy(self.ctx())?;\n        \
                 Handle::{method}({this}, &other)\n    }}\n}}",
                python = op.python,
                c = op.c,
                method = op.method,
            )
            .unwrap();
        }
    }
    for op in UNARY.iter().filter(|op| op.operator.is_some()) {
        let (tr, tr_method) = op.operator.unwrap();
        for (self_ty, this) in [("&Handle<'ctx>", "self"), ("Handle<'ctx>", "&self")] {
            writeln!(
                out,
                "\nimpl<'ctx> core::ops::{tr} for {self_ty} {{\n    \
                 type Output = HPyResult<Handle<'ctx>>;\n\n    \
                 /// `{python}` in Python (`{c}`).\n    \
                 #[inline]\n    fn {tr_method}(self) -> HPyResult<Handle<'ctx>> {{\n        \
                 Handle::{method}({this})\n    }}\n}}",
                python = op.python,
                c = op.c,
                method = op.method,
            )
            .unwrap();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_number_function_of_the_range_is_rendered() {
        // The number protocol is context members 100..=133 but for
        // HPyNumber_Check's neighbours: all of them must be in the tables.
        let abi = crate::abi::parse(include_str!("../../hpy-sys/abi/hpy-0.9.0.abi")).unwrap();
        let rendered: Vec<&str> =
            super::BINARY.iter().chain(super::UNARY).chain(super::TERNARY).map(|op| op.c).collect();
        for member in &abi.context {
            if let crate::abi::Member::Function { id: 100..=133, public_name, .. } = member {
                assert!(rendered.contains(&public_name.as_str()), "{public_name} is not rendered");
            }
        }
        assert_eq!(rendered.len(), 34);
    }
}
