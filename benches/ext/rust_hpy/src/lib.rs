//! The benchmark operations written with hpy-rs: the same Python API as
//! `../c_hpy/bench_c_hpy.c`, `../c_api/bench_capi.c` and `../pyo3`.

mod array;
mod point;

use hpy::prelude::*;

/// The benchmark operations in Rust with hpy-rs.
#[hpy_module]
mod bench_rust_hpy {
    use hpy::prelude::*;

    #[hpy(export)]
    use super::array::Array;
    #[hpy(export)]
    use super::point::Point;

    #[hpy_function]
    fn noargs() {}

    #[hpy_function(signature = (obj, /))]
    fn onearg<'ctx>(obj: &Handle<'ctx>) -> Handle<'ctx> {
        obj.clone()
    }

    #[hpy_function(signature = (a, b, /))]
    fn add(a: i64, b: i64) -> i64 {
        a.wrapping_add(b)
    }

    #[hpy_function(signature = (a, b = 0, *, c = 0))]
    fn kwargs(a: i64, b: i64, c: i64) -> i64 {
        a.wrapping_add(b).wrapping_add(c)
    }

    #[hpy_function]
    fn make_list() -> Vec<i64> {
        (0..100).collect()
    }
}
