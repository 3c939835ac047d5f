//! Warnings (`HPyErr_WarnEx`).

use crate::ffi::c_str::with_c_str;
use crate::types::Type;
use crate::{Ctx, HPyErr, HPyResult};

impl Ctx<'_> {
    /// `warnings.warn(message, category, stacklevel)` (`HPyErr_WarnEx`).
    /// `category` is a `Warning` subclass (`&ctx.user_warning()`, ...;
    /// `TypeError` otherwise); `stack_level` 1 blames the Python code that
    /// called the extension. When the warning filters turn the warning into
    /// an error, it comes back as `Err`.
    pub fn warn(self, category: &Type<'_>, message: &str, stack_level: isize) -> HPyResult<()> {
        let warning = self.warning();
        if !category.is_subtype(warning.downcast_ref::<Type<'_>>()?) {
            return Err(crate::exceptions::TypeError::new_err(format!(
                "category must be a Warning subclass, not {}",
                category.name()?
            )));
        }
        let text = message.replace('\0', "\\0");
        let status = with_c_str(&text, |text| {
            // SAFETY: `category` is a Warning class; `text` is NUL-terminated.
            unsafe { hpy_sys::HPyErr_WarnEx(self.as_raw(), category.as_raw(), text, stack_level) }
        })
        .expect("NULs were replaced");
        if status < 0 { Err(HPyErr::fetch()) } else { Ok(()) }
    }
}
