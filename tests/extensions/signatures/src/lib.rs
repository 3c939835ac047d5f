//! Test extension: functions with every kind of Python signature. The tests
//! call each one beside a Python function with the same signature and
//! expect the same results and the same errors.

mod routes;

use hpy::prelude::*;

#[hpy_module]
mod signatures {
    use super::routes::{Color, Items, MeterMut, MeterRef};
    use hpy::prelude::*;
    use std::path::Path;

    #[hpy(export)]
    use super::routes::{Meter, Tally, user::Result};
    use std::collections::BTreeMap;

    type Args = Vec<i64>;

    #[hpy_function]
    fn no_args() -> &'static str {
        "none"
    }

    #[hpy_function(signature = (x, /))]
    fn one_positional(x: i64) -> i64 {
        x
    }

    #[hpy_function]
    fn pos_or_kw(a: i64, b: i64) -> (i64, i64) {
        (a, b)
    }

    #[hpy_function(signature = (a, b, c = 3, /))]
    fn positional_only(a: i64, b: i64, c: i64) -> (i64, i64, i64) {
        (a, b, c)
    }

    #[hpy_function(signature = (a, b = 2, /, c = 3, *, d, e = 5))]
    fn mixed(a: i64, b: i64, c: i64, d: i64, e: i64) -> (i64, i64, i64, i64, i64) {
        (a, b, c, d, e)
    }

    #[hpy_function(signature = (*, a, b = 2))]
    fn keyword_only(a: i64, b: i64) -> (i64, i64) {
        (a, b)
    }

    #[hpy_function(signature = (a, *args, b = 0))]
    fn star_args(a: i64, args: Args, b: i64) -> (i64, Args, i64) {
        (a, args, b)
    }

    #[hpy_function(signature = (a, /, **kwargs))]
    fn star_kwargs(a: i64, kwargs: BTreeMap<String, i64>) -> (i64, BTreeMap<String, i64>) {
        (a, kwargs)
    }

    #[hpy_function(signature = (*args, **kwargs))]
    fn everything<'ctx>(
        args: Handle<'ctx>,
        kwargs: Option<Handle<'ctx>>,
    ) -> (Handle<'ctx>, Option<Handle<'ctx>>) {
        (args, kwargs)
    }

    #[hpy_function]
    fn optional(a: i64, b: Option<i64>, c: Option<i64>) -> (i64, Option<i64>, Option<i64>) {
        (a, b, c)
    }

    #[hpy_function(signature = (r#type, r#match = "x"))]
    fn raw_names(r#type: &str, r#match: &str) -> String {
        format!("{type}/{match}", r#type = r#type, r#match = r#match)
    }

    /// Takes the context and no Python argument.
    #[hpy_function(name = "renamed")]
    fn with_a_rust_name(ctx: Ctx<'_>) -> String {
        ctx.name().to_string()
    }

    #[hpy_function(signature = (a, /, b = -1, *, c = 2.5, d = "q'uote", e = true, f = None))]
    fn defaults(
        a: i64,
        b: i64,
        c: f64,
        d: &str,
        e: bool,
        f: Option<i64>,
    ) -> (i64, i64, f64, String, bool, Option<i64>) {
        (a, b, c, d.to_string(), e, f)
    }

    /// `&Path` converts from a `str` (it is not a class borrow).
    #[hpy_function]
    fn path_parts(path: &Path, base: Option<&Path>) -> (Option<String>, bool) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        (name, base.is_some_and(|base| path.starts_with(base)))
    }

    /// A user's `FromHPy` type taken by reference.
    #[hpy_function]
    fn color(color: &Color, default: Option<&Color>) -> (&'static str, (u8, u8, u8), Option<&'static str>) {
        (color.name, color.rgb, default.map(|c| c.name))
    }

    /// Aliases: a class borrow, a mutable one and a view.
    #[hpy_function]
    fn total(a: MeterRef<'_>, b: MeterMut<'_>, items: Items<'_, '_>) -> HPyResult<f64> {
        b.value += 1.0;
        Ok(a.value + b.value + items.len()? as f64)
    }
}
