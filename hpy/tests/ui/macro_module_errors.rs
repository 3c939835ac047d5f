// #[hpy_module] needs an inline module and a valid name.
use hpy::prelude::*;

#[hpy_module]
mod outlined;

#[hpy_module(name = "not-valid")]
mod dashes {}

#[hpy_module]
mod markers {
    #[hpy(exec)]
    use std::fmt;

    #[hpy(unknown)]
    fn f() {}
}

fn main() {}
