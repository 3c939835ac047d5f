//! The benchmark operations written with PyO3: the same Python API as
//! `../rust_hpy`, `../c_hpy/bench_c_hpy.c` and `../c_api/bench_capi.c`.

mod array;
mod point;

use pyo3::prelude::*;

/// The benchmark operations in Rust with PyO3.
#[pymodule]
mod bench_pyo3 {
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::array::Array;
    #[pymodule_export]
    use super::point::Point;

    #[pyfunction]
    fn noargs() {}

    #[pyfunction]
    #[pyo3(signature = (obj, /))]
    fn onearg<'py>(obj: &Bound<'py, PyAny>) -> Bound<'py, PyAny> {
        obj.clone()
    }

    #[pyfunction]
    #[pyo3(signature = (a, b, /))]
    fn add(a: i64, b: i64) -> i64 {
        a.wrapping_add(b)
    }

    #[pyfunction]
    #[pyo3(signature = (a, b = 0, *, c = 0))]
    fn kwargs(a: i64, b: i64, c: i64) -> i64 {
        a.wrapping_add(b).wrapping_add(c)
    }

    #[pyfunction]
    fn make_list() -> Vec<i64> {
        (0..100).collect()
    }
}
