// Signatures Python would reject are rejected at compile time.
use hpy::prelude::*;

#[hpy_function(signature = (a = 1, b))]
fn required_after_default(a: i64, b: i64) -> i64 {
    a + b
}

#[hpy_function(signature = (b, a))]
fn wrong_order(a: i64, b: i64) -> i64 {
    a + b
}

#[hpy_function(signature = (a))]
fn missing_parameter(a: i64, b: i64) -> i64 {
    a + b
}

#[hpy_function(signature = (**kw, a))]
fn kwargs_not_last(kw: Option<Handle<'_>>, a: i64) {}

#[hpy_function(nmae = "typo")]
fn unknown_option() {}

#[hpy_function]
fn optional_then_required(a: Option<i64>, b: i64) {}

fn main() {}
