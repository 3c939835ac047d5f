// The `#[init]` constructor runs as `__init__` on the class's `Default`
// value: the class must be `Default`, on `object`, not frozen, and have no
// other constructor or `__init__`.
use hpy::prelude::*;

#[hpy_type]
pub struct NoDefault {
    x: f64,
}

#[hpy_methods]
impl NoDefault {
    #[init]
    fn new(x: f64) -> Self {
        NoDefault { x }
    }
}

#[hpy_type(frozen)]
#[derive(Default)]
pub struct Frozen {
    x: f64,
}

#[hpy_methods]
impl Frozen {
    #[init]
    fn new(x: f64) -> Self {
        Frozen { x }
    }
}

#[hpy_type(builtin = float)]
#[derive(Default)]
pub struct OnFloat {}

#[hpy_methods]
impl OnFloat {
    #[init]
    fn new() -> Self {
        OnFloat {}
    }
}

#[hpy_type]
#[derive(Default)]
pub struct Twice {}

#[hpy_methods]
impl Twice {
    #[new]
    fn new() -> Self {
        Twice {}
    }

    #[init]
    fn init() -> Self {
        Twice {}
    }
}

#[hpy_type]
#[derive(Default)]
pub struct WithInit {}

#[hpy_methods]
impl WithInit {
    #[init]
    fn new() -> Self {
        WithInit {}
    }

    fn __init__(&self) {}
}

fn main() {}
