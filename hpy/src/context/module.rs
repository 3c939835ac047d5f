//! [`Module`]: the module object, as the exec hook sees it.

use crate::{Borrowed, HPyResult, Handle, IntoHPy};
use core::ops::Deref;

/// The module being initialized, given to the function marked
/// `#[hpy(exec)]` in an `#[hpy_module]`.
#[derive(Clone, Copy)]
pub struct Module<'a, 'ctx> {
    handle: Borrowed<'a, 'ctx>,
}

impl<'a, 'ctx> Module<'a, 'ctx> {
    /// Wraps the module object.
    pub fn new(handle: Borrowed<'a, 'ctx>) -> Module<'a, 'ctx> {
        Module { handle }
    }

    /// Adds an attribute: `module.name = value`.
    pub fn add(&self, name: &str, value: impl IntoHPy<'ctx>) -> HPyResult<()> {
        let value = value.into_hpy(self.ctx())?;
        self.setattr(name, &value)
    }

    /// The module's `__name__`.
    pub fn name(&self) -> HPyResult<String> {
        self.getattr("__name__")?.extract()
    }
}

impl<'ctx> Deref for Module<'_, 'ctx> {
    type Target = Handle<'ctx>;

    fn deref(&self) -> &Handle<'ctx> {
        &self.handle
    }
}
