//! Test extension: every conversion both ways. Each `rt_<type>` takes a value
//! as that Rust type and returns it, so Python sees `FromHPy` then `IntoHPy`.

use hpy::prelude::*;

#[hpy_module]
mod conversions {
    use hpy::prelude::*;
    use std::borrow::Cow;
    use std::collections::{BTreeMap, HashMap};

    #[hpy_function]
    fn rt_i8(x: i8) -> i8 {
        x
    }
    #[hpy_function]
    fn rt_i16(x: i16) -> i16 {
        x
    }
    #[hpy_function]
    fn rt_i32(x: i32) -> i32 {
        x
    }
    #[hpy_function]
    fn rt_i64(x: i64) -> i64 {
        x
    }
    #[hpy_function]
    fn rt_i128(x: i128) -> i128 {
        x
    }
    #[hpy_function]
    fn rt_isize(x: isize) -> isize {
        x
    }
    #[hpy_function]
    fn rt_u8(x: u8) -> u8 {
        x
    }
    #[hpy_function]
    fn rt_u16(x: u16) -> u16 {
        x
    }
    #[hpy_function]
    fn rt_u32(x: u32) -> u32 {
        x
    }
    #[hpy_function]
    fn rt_u64(x: u64) -> u64 {
        x
    }
    #[hpy_function]
    fn rt_u128(x: u128) -> u128 {
        x
    }
    #[hpy_function]
    fn rt_usize(x: usize) -> usize {
        x
    }
    #[hpy_function]
    fn rt_f64(x: f64) -> f64 {
        x
    }
    #[hpy_function]
    fn rt_f32(x: f32) -> f32 {
        x
    }
    #[hpy_function]
    fn rt_bool(x: bool) -> bool {
        x
    }
    #[hpy_function]
    fn rt_str(x: &str) -> &str {
        x
    }
    #[hpy_function]
    fn rt_string(x: String) -> String {
        x
    }
    #[hpy_function]
    fn rt_cow(x: Cow<'_, str>) -> Cow<'_, str> {
        x
    }
    #[hpy_function]
    fn rt_char(x: char) -> char {
        x
    }
    #[hpy_function]
    fn rt_bytes(x: &[u8]) -> &[u8] {
        x
    }
    #[hpy_function]
    fn rt_byte_vec(x: Vec<u8>) -> Vec<u8> {
        x
    }
    #[hpy_function]
    fn rt_option(x: Option<i64>) -> Option<i64> {
        x
    }
    #[hpy_function]
    fn rt_vec(x: Vec<i64>) -> Vec<i64> {
        x
    }
    #[hpy_function]
    fn rt_nested(x: Vec<Vec<Option<String>>>) -> Vec<Vec<Option<String>>> {
        x
    }
    #[hpy_function]
    fn rt_array(x: [i64; 3]) -> [i64; 3] {
        x
    }
    #[hpy_function]
    fn rt_tuple(x: (i64, String, bool)) -> (i64, String, bool) {
        x
    }
    #[hpy_function]
    fn rt_hashmap(x: HashMap<String, i64>) -> HashMap<String, i64> {
        x
    }
    #[hpy_function]
    fn rt_btreemap(x: BTreeMap<i64, Vec<String>>) -> BTreeMap<i64, Vec<String>> {
        x
    }
    #[hpy_function]
    fn rt_handle<'ctx>(x: &Handle<'ctx>) -> Handle<'ctx> {
        x.dup()
    }
    #[hpy_function]
    fn rt_owned_handle(x: Handle<'_>) -> Handle<'_> {
        x
    }

    /// Returns nothing: Python sees None.
    #[hpy_function]
    fn unit() {}

    /// The constants come back as themselves (each dup'ed, as HPy requires).
    #[hpy_function]
    fn constants(ctx: Ctx<'_>) -> (Borrowed<'_, '_>, Borrowed<'_, '_>, Borrowed<'_, '_>, Borrowed<'_, '_>) {
        (ctx.none(), ctx.true_(), ctx.false_(), ctx.not_implemented())
    }

    /// Builtin types are reachable from the context.
    #[hpy_function]
    fn builtin_types(ctx: Ctx<'_>) -> Vec<Borrowed<'_, '_>> {
        vec![ctx.long_type(), ctx.float_type(), ctx.unicode_type(), ctx.list_type(), ctx.bytes_type()]
    }

    /// Extracts a pair of an integer and a text, whatever the container.
    #[hpy_function]
    fn sum_pairs(pairs: Vec<(i64, String)>) -> (i64, String) {
        pairs.into_iter().fold((0, String::new()), |(n, s), (k, t)| (n + k, s + &t))
    }
}
