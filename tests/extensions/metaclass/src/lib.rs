//! Test extension: a metaclass written in Rust and a class made with it.
//!
//! A module of its own because the CPython ABI can make a type with a
//! metaclass only on CPython 3.12 and later (`PyType_FromMetaclass`): there
//! this module fails to import on older versions, and only its tests are
//! skipped.

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
