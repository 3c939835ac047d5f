//! Test extension: a metaclass written in Rust and a class made with it.
//!
//! A module of its own, so that a failure to make such a type (the CPython
//! ABI makes it in two steps before CPython 3.12) fails only its test.

use core::cell::Cell;
use hpy::prelude::*;

/// A metaclass: its instances are classes.
#[hpy_type(builtin = type, subclass)]
#[derive(Default)]
pub struct Meta {
    registered: Cell<u32>,
}

#[hpy_methods]
impl Meta {
    pub fn register(&self) -> u32 {
        self.registered.set(self.registered.get() + 1);
        self.registered.get()
    }
}

/// A class whose metaclass is `Meta`.
#[hpy_type(metaclass = Meta)]
pub struct WithMeta {}

#[hpy_methods]
impl WithMeta {
    #[new]
    fn new() -> Self {
        WithMeta {}
    }
}

/// A class whose metaclass is a Rust class.
#[hpy_module]
mod metaclass {
    use hpy::prelude::*;

    #[hpy(export)]
    use super::{Meta, WithMeta};

    /// Registers on the metaclass data of `WithMeta`'s class.
    #[hpy_function]
    fn register_with_meta(ctx: Ctx<'_>) -> HPyResult<u32> {
        let ty = hpy::class::type_object::<super::WithMeta>(ctx)?;
        let meta: Instance<'_, super::Meta> = ty.extract()?;
        let registered = meta.borrow()?.register();
        Ok(registered)
    }
}
