//! Test extension: every function of the HPy context called raw (through
//! `hpy::sys`, not the safe API), so that `tests/conformance` can record
//! what each runtime itself does: its results, the exceptions it sets, and
//! where it crashes. The safe `hpy` crate serves only as plumbing: it
//! defines the module and converts the harness's arguments and the recorded
//! results.

mod args;
mod run;
mod scenarios;
mod specs;
mod value;

mod generated {
    pub mod members;
}

use hpy::prelude::*;

#[hpy_module]
mod conformance {
    use hpy::prelude::*;

    #[hpy(export)]
    use crate::run::{run, take_pending};

    /// The global `@global` gives the address of (listed in the module, as
    /// HPy requires).
    pub static GLOBAL: Global = Global::new();

    /// Every context function: `(name, 0.9.0 ID, C field, generic)`, where
    /// `generic` says whether `run` can call it by name.
    #[hpy_function]
    fn functions() -> Vec<(&'static str, usize, &'static str, bool)> {
        crate::generated::members::FUNCTIONS.to_vec()
    }

    /// Every handle constant: `(C field, 0.9.0 ID)`.
    #[hpy_function]
    fn handles() -> Vec<(&'static str, usize)> {
        crate::generated::members::HANDLES.to_vec()
    }

    /// The context's name and ABI version, and the layout this binary chose.
    #[hpy_function]
    fn context(ctx: Ctx<'_>) -> (String, i32, &'static str) {
        (ctx.name().to_string(), ctx.abi_version(), hpy::sys::layout::current().name)
    }
}
