//! Aborting the process (`HPy_FatalError`).

use crate::Ctx;

impl Ctx<'_> {
    /// Prints `message` and aborts the process (`HPy_FatalError`), for
    /// unrecoverable states: nothing runs after it, no exception is raised.
    pub fn fatal_error(self, message: &str) -> ! {
        let text = std::ffi::CString::new(message.replace('\0', "\\0")).expect("NULs were replaced");
        // SAFETY: `text` is NUL-terminated; the call does not return.
        unsafe { hpy_sys::HPy_FatalError(self.as_raw(), text.as_ptr()) };
        // HPy's function is declared to return; if it ever does, still abort.
        std::process::abort()
    }
}
