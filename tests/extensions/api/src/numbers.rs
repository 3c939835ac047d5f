//! The number protocol, the operators and the `int`/`float` conversions.

use hpy::prelude::*;

/// `a <name> b` for every binary and in-place operation of HPy.
#[hpy_function]
pub fn binary<'ctx>(name: &str, a: &Handle<'ctx>, b: &Handle<'ctx>) -> HPyResult<Handle<'ctx>> {
    match name {
        "add" => a.add(b),
        "sub" => a.sub(b),
        "mul" => a.mul(b),
        "matmul" => a.matmul(b),
        "floor_div" => a.floor_div(b),
        "true_div" => a.true_div(b),
        "rem" => a.rem(b),
        "divmod" => a.divmod(b),
        "lshift" => a.lshift(b),
        "rshift" => a.rshift(b),
        "bitand" => a.bitand(b),
        "bitxor" => a.bitxor(b),
        "bitor" => a.bitor(b),
        "inplace_add" => a.inplace_add(b),
        "inplace_sub" => a.inplace_sub(b),
        "inplace_mul" => a.inplace_mul(b),
        "inplace_matmul" => a.inplace_matmul(b),
        "inplace_floor_div" => a.inplace_floor_div(b),
        "inplace_true_div" => a.inplace_true_div(b),
        "inplace_rem" => a.inplace_rem(b),
        "inplace_lshift" => a.inplace_lshift(b),
        "inplace_rshift" => a.inplace_rshift(b),
        "inplace_bitand" => a.inplace_bitand(b),
        "inplace_bitxor" => a.inplace_bitxor(b),
        "inplace_bitor" => a.inplace_bitor(b),
        _ => Err(hpy::exceptions::ValueError::new_err(format!("no binary operation {name}"))),
    }
}

/// `<name> a` for every unary operation and conversion of HPy.
#[hpy_function]
pub fn unary<'ctx>(name: &str, a: &Handle<'ctx>) -> HPyResult<Handle<'ctx>> {
    match name {
        "neg" => a.neg(),
        "pos" => a.pos(),
        "abs" => a.abs(),
        "invert" => a.invert(),
        "index" => a.index(),
        "to_int" => a.to_int(),
        "to_float" => a.to_float(),
        _ => Err(hpy::exceptions::ValueError::new_err(format!("no unary operation {name}"))),
    }
}

/// `pow(a, b, modulo)` and its in-place form.
#[hpy_function]
pub fn power<'ctx>(
    in_place: bool,
    a: &Handle<'ctx>,
    b: &Handle<'ctx>,
    modulo: Option<&Handle<'ctx>>,
) -> HPyResult<Handle<'ctx>> {
    if in_place { a.inplace_pow(b, modulo) } else { a.pow(b, modulo) }
}

/// Every Rust operator, on borrowed and owned handles, with handles and
/// with Rust values on the right.
#[hpy_function]
pub fn operators<'ctx>(a: &Handle<'ctx>, b: &Handle<'ctx>) -> HPyResult<Vec<Handle<'ctx>>> {
    Ok(vec![
        (a + b)?,
        (a - b)?,
        (a * b)?,
        (a / b)?,
        (a % b)?,
        (a << 2)?,
        (a >> 1)?,
        (a & b)?,
        (a ^ b)?,
        (a | b)?,
        (-a)?,
        (!a)?,
        // owned on the left, chained, with Rust values
        ((a + 1)? * 2)?,
        (-(a.dup()))?,
        (!(a.dup()))?,
        ((a.dup() - 1)? / 2.0)?,
        ((a.dup() % 3)? << 1)?,
        ((a.dup() >> 1)? & 0xFF)?,
        ((a.dup() ^ 1)? | 16)?,
    ])
}

/// One of the `int`/`float` conversions, by name; the result comes back as
/// a Python object (a pointer as an `int`).
#[hpy_function]
pub fn convert<'ctx>(ctx: Ctx<'ctx>, name: &str, obj: &Handle<'ctx>) -> HPyResult<Handle<'ctx>> {
    match name {
        "as_i32" => obj.as_i32()?.into_hpy(ctx),
        "as_u32" => obj.as_u32()?.into_hpy(ctx),
        "as_u32_mask" => obj.as_u32_mask()?.into_hpy(ctx),
        "as_i64" => obj.as_i64()?.into_hpy(ctx),
        "as_u64" => obj.as_u64()?.into_hpy(ctx),
        "as_u64_mask" => obj.as_u64_mask()?.into_hpy(ctx),
        "as_usize" => obj.as_usize()?.into_hpy(ctx),
        "as_isize" => obj.as_isize()?.into_hpy(ctx),
        "as_void_ptr" => (obj.as_void_ptr()? as usize).into_hpy(ctx),
        "long_as_f64" => obj.long_as_f64()?.into_hpy(ctx),
        "as_f64" => obj.as_f64()?.into_hpy(ctx),
        _ => Err(hpy::exceptions::ValueError::new_err(format!("no conversion {name}"))),
    }
}

/// `HPyNumber_Check`.
#[hpy_function]
pub fn is_number(obj: &Handle<'_>) -> bool {
    obj.is_number()
}

/// `HPyBool_FromBool` for both values.
#[hpy_function]
pub fn new_bools(ctx: Ctx<'_>) -> (Handle<'_>, Handle<'_>) {
    (ctx.new_bool(true), ctx.new_bool(false))
}
