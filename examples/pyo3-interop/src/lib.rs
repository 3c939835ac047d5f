//! A PyO3 class and hpy functions that share one object.
//!
//! The module is an hpy module (its `PyInit_pyo3_interop` comes from
//! `#[hpy_module]`); its exec function adds the PyO3 class `Tally` and the
//! PyO3 function `total`. The hpy functions `new_tally` and `bump` create and
//! change `Tally` objects through PyO3, converting between hpy handles and
//! `PyObject *` with the ownership spelled out in each call. This is how a
//! PyO3 extension moves to hpy one function at a time.

use pyo3::prelude::*;

/// A counter written with PyO3.
#[pyclass(module = "pyo3_interop")]
pub struct Tally {
    count: u64,
}

#[pymethods]
impl Tally {
    #[new]
    fn new() -> Tally {
        Tally { count: 0 }
    }

    /// The count so far.
    #[getter]
    fn count(&self) -> u64 {
        self.count
    }
}

/// The sum of the counts of `tallies`, written with PyO3.
#[pyfunction]
fn total(tallies: Vec<PyRef<'_, Tally>>) -> u64 {
    tallies.iter().map(|t| t.count).sum()
}

/// Raises a PyO3 error through hpy: PyO3 sets it as the pending exception,
/// which hpy then returns as its own error.
fn raise(py: Python<'_>, err: PyErr) -> hpy::HPyErr {
    err.restore(py);
    hpy::HPyErr::fetch()
}

#[hpy::hpy_module]
mod pyo3_interop {
    use super::{Tally, raise, total};
    use hpy::prelude::*;
    use pyo3::prelude::*;

    /// Adds the PyO3 items to the hpy module.
    #[hpy(exec)]
    fn setup(module: &Module<'_, '_>) -> HPyResult<()> {
        let ctx = module.ctx();
        let (class, function) = Python::attach(|py| {
            let class = py.get_type::<Tally>().into_any();
            let function = wrap_pyfunction!(total, py).map_err(|e| raise(py, e))?.into_any();
            Ok::<_, HPyErr>((class.into_ptr(), function.into_ptr()))
        })?;
        // SAFETY: `into_ptr` gave up one strong reference to a live object
        // each, which the handles now own.
        let (class, function) =
            unsafe { (ctx.from_owned_py_object(class)?, ctx.from_owned_py_object(function)?) };
        module.add("Tally", class)?;
        module.add("total", function)
    }

    /// A new PyO3 `Tally` that starts at `start`, made in an hpy function.
    #[hpy_function]
    fn new_tally(ctx: Ctx<'_>, start: u64) -> HPyResult<Handle<'_>> {
        let object = Python::attach(|py| {
            Py::new(py, Tally { count: start }).map(Py::into_ptr).map_err(|e| raise(py, e))
        })?;
        // SAFETY: `into_ptr` gave up the strong reference `Py::new` made.
        unsafe { ctx.from_owned_py_object(object) }
    }

    /// Adds `by` to a PyO3 `Tally` from an hpy function, and returns the new
    /// count; a `TypeError` names the argument if `tally` is something else.
    #[hpy_function]
    fn bump(tally: &Handle<'_>, by: u64) -> HPyResult<u64> {
        Python::attach(|py| {
            // SAFETY: the handle keeps the object alive during the borrow;
            // `from_borrowed_ptr` adds the reference the `Bound` owns.
            let object = unsafe { Bound::from_borrowed_ptr(py, tally.as_py_object().as_ptr()) };
            let tally = object.cast::<Tally>().map_err(|e| raise(py, e.into()))?;
            let mut tally = tally.try_borrow_mut().map_err(|e| raise(py, e.into()))?;
            tally.count += by;
            Ok(tally.count)
        })
    }

    /// Hands an hpy-made list to PyO3's `total`: the handle's reference moves
    /// into the `Bound`.
    #[hpy_function]
    fn total_of_new(ctx: Ctx<'_>, starts: Vec<u64>) -> HPyResult<u64> {
        let list = hpy::List::new(ctx)?;
        for start in starts {
            list.append(&new_tally(ctx, start)?)?;
        }
        let list = list.into_handle().into_py_object();
        Python::attach(|py| {
            // SAFETY: `into_py_object` gave up the handle's strong reference.
            let list = unsafe { Bound::from_owned_ptr(py, list) };
            list.extract::<Vec<PyRef<'_, Tally>>>().map(total).map_err(|e| raise(py, e))
        })
    }
}
