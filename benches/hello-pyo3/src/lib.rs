//! `examples/hello` written with PyO3, function for function: the reference
//! for the clean build time and binary size of `examples/hello`.

use pyo3::prelude::*;

/// A small Python module written in Rust with PyO3.
#[pymodule]
mod hello_pyo3 {
    use pyo3::exceptions::{PyOverflowError, PyValueError, PyZeroDivisionError};
    use pyo3::prelude::*;
    use std::collections::HashMap;

    /// Returns a greeting.
    ///
    /// `greeting` defaults to "Hello".
    #[pyfunction]
    #[pyo3(signature = (name, greeting = None))]
    fn greet(name: &str, greeting: Option<&str>) -> String {
        format!("{}, {name}!", greeting.unwrap_or("Hello"))
    }

    /// Adds two integers; the result must fit in 64 bits.
    #[pyfunction]
    #[pyo3(signature = (a, b = 1, /))]
    fn add(a: i64, b: i64) -> PyResult<i64> {
        a.checked_add(b).ok_or_else(|| PyOverflowError::new_err("the sum does not fit in 64 bits"))
    }

    /// Returns the square of a float.
    #[pyfunction]
    #[pyo3(signature = (x, /))]
    fn square(x: f64) -> f64 {
        x * x
    }

    /// Divides, raising ZeroDivisionError for a zero divisor.
    #[pyfunction]
    fn divide(a: f64, b: f64) -> PyResult<f64> {
        if b == 0.0 {
            return Err(PyZeroDivisionError::new_err("division by zero"));
        }
        Ok(a / b)
    }

    /// Repeats a word, with keyword-only options.
    #[pyfunction]
    #[pyo3(signature = (word, *, times = 2, sep = " "))]
    fn repeat(word: &str, times: u32, sep: &str) -> PyResult<String> {
        if times > 1000 {
            return Err(PyValueError::new_err(format!("times must be at most 1000, not {times}")));
        }
        Ok(vec![word; times as usize].join(sep))
    }

    /// Counts words; returns a dict of word -> count.
    #[pyfunction]
    fn word_counts(text: &str) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for word in text.split_whitespace() {
            *counts.entry(word.to_string()).or_insert(0) += 1;
        }
        counts
    }

    /// Sums any number of integers, and reports the keyword arguments it got.
    #[pyfunction]
    #[pyo3(signature = (*numbers, **options))]
    fn summarize(numbers: Vec<i64>, options: Option<HashMap<String, i64>>) -> (i64, Vec<String>) {
        let mut keys: Vec<String> = options.unwrap_or_default().into_keys().collect();
        keys.sort();
        (numbers.iter().sum(), keys)
    }

    /// Calls `f(x)` and returns its result: exceptions from `f` propagate.
    #[pyfunction]
    fn apply<'py>(f: &Bound<'py, PyAny>, x: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        f.call1((x,))
    }

    /// Returns the name of the interpreter this call runs in.
    #[pyfunction]
    fn context_name(py: Python<'_>) -> PyResult<String> {
        py.import("sys")?.getattr("implementation")?.getattr("name")?.extract()
    }

    /// Panics: PyO3 turns the panic into `pyo3_runtime.PanicException`.
    #[pyfunction]
    fn boom(message: &str) {
        panic!("{message}");
    }

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.add("VERSION", "0.1.0")?;
        module.add("ANSWER", 42)
    }
}
