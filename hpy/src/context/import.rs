//! Importing modules (`HPyImport_ImportModule`).

use crate::ffi::c_str::with_c_str_or_err;
use crate::{Ctx, HPyResult, Handle};

impl<'ctx> Ctx<'ctx> {
    /// `import name` (`HPyImport_ImportModule`): the module, for a dotted
    /// name the submodule itself (`ctx.import("os.path")`).
    pub fn import(self, name: &str) -> HPyResult<Handle<'ctx>> {
        let raw = with_c_str_or_err(name, "the module name", |name| {
            // SAFETY: `name` is NUL-terminated.
            unsafe { hpy_sys::HPyImport_ImportModule(self.as_raw(), name) }
        })?;
        // SAFETY: a new handle or null with an exception set.
        unsafe { self.wrap(raw) }
    }
}
