// What Python cannot call is rejected with a clear error.
use hpy::prelude::*;

#[hpy_function]
async fn asynchronous() {}

#[hpy_function]
fn generic<T: Copy>(x: T) -> T {
    x
}

#[hpy_function]
fn destructured((a, b): (i64, i64)) -> i64 {
    a + b
}

#[hpy_function]
fn opaque(x: impl Into<i64>) -> i64 {
    x.into()
}

#[hpy_function]
unsafe fn dangerous() {}

fn main() {}
