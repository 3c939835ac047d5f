//! `hello`: a universal HPy module written in Rust.
//!
//! Build it with `cargo hpy build`, then `import hello` on any CPython with
//! the `hpy` package (or on PyPy/GraalPy with HPy 0.9).
//!
//! The `// ANCHOR:` comments mark the parts the user guide shows
//! (`guide/src/functions.md` and others); its Python sessions run against
//! this module.

use hpy::prelude::*;

/// A small Python module written in Rust with HPy.
#[hpy_module]
mod hello {
    use hpy::exceptions::{ValueError, ZeroDivisionError};
    use hpy::prelude::*;
    use std::collections::HashMap;

    // ANCHOR: greet
    /// Returns a greeting.
    ///
    /// `greeting` defaults to "Hello".
    #[hpy_function]
    fn greet(name: &str, greeting: Option<&str>) -> String {
        format!("{}, {name}!", greeting.unwrap_or("Hello"))
    }
    // ANCHOR_END: greet

    // ANCHOR: add
    /// Adds two integers; the result must fit in 64 bits.
    #[hpy_function(signature = (a, b = 1, /))]
    fn add(a: i64, b: i64) -> HPyResult<i64> {
        a.checked_add(b)
            .ok_or_else(|| hpy::exceptions::OverflowError::new_err("the sum does not fit in 64 bits"))
    }
    // ANCHOR_END: add

    /// Returns the square of a float.
    #[hpy_function(signature = (x, /))]
    fn square(x: f64) -> f64 {
        x * x
    }

    // ANCHOR: divide
    /// Divides, raising ZeroDivisionError for a zero divisor.
    #[hpy_function]
    fn divide(a: f64, b: f64) -> HPyResult<f64> {
        if b == 0.0 {
            return Err(ZeroDivisionError::new_err("division by zero"));
        }
        Ok(a / b)
    }
    // ANCHOR_END: divide

    // ANCHOR: repeat
    /// Repeats a word, with keyword-only options.
    #[hpy_function(signature = (word, *, times = 2, sep = " "))]
    fn repeat(word: &str, times: u32, sep: &str) -> HPyResult<String> {
        if times > 1000 {
            return Err(ValueError::new_err(format!("times must be at most 1000, not {times}")));
        }
        Ok(vec![word; times as usize].join(sep))
    }
    // ANCHOR_END: repeat

    // ANCHOR: word_counts
    /// Counts words; returns a dict of word -> count.
    #[hpy_function]
    fn word_counts(text: &str) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for word in text.split_whitespace() {
            *counts.entry(word.to_string()).or_insert(0) += 1;
        }
        counts
    }
    // ANCHOR_END: word_counts

    // ANCHOR: summarize
    /// Sums any number of integers, and reports the keyword arguments it got.
    #[hpy_function(signature = (*numbers, **options))]
    fn summarize(numbers: Vec<i64>, options: Option<HashMap<String, i64>>) -> (i64, Vec<String>) {
        let mut keys: Vec<String> = options.unwrap_or_default().into_keys().collect();
        keys.sort();
        (numbers.iter().sum(), keys)
    }
    // ANCHOR_END: summarize

    // ANCHOR: apply
    /// Calls `f(x)` and returns its result: exceptions from `f` propagate.
    #[hpy_function]
    fn apply<'ctx>(f: &Handle<'ctx>, x: &Handle<'ctx>) -> HPyResult<Handle<'ctx>> {
        f.call((x,))
    }
    // ANCHOR_END: apply

    // ANCHOR: context_name
    /// Returns the name of the HPy context this call runs in.
    #[hpy_function]
    fn context_name(ctx: Ctx<'_>) -> String {
        ctx.name().to_string()
    }
    // ANCHOR_END: context_name

    // ANCHOR: boom
    /// Panics: the panic becomes `hello.PanicException`.
    #[hpy_function]
    fn boom(message: &str) {
        panic!("{message}");
    }
    // ANCHOR_END: boom

    // ANCHOR: exec
    #[hpy(exec)]
    fn setup(module: &Module<'_, '_>) -> HPyResult<()> {
        module.add("VERSION", "0.1.0")?;
        module.add("ANSWER", 42)
    }
    // ANCHOR_END: exec
}
