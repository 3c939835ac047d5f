//! Leaving Python execution (releasing the GIL) while Rust code runs.

use crate::Ctx;

/// Re-enters Python execution when dropped, even while unwinding.
struct Reenter<'ctx> {
    ctx: Ctx<'ctx>,
    state: hpy_sys::HPyThreadState,
}

impl Drop for Reenter<'_> {
    fn drop(&mut self) {
        // SAFETY: `state` is what LeavePythonExecution returned on this
        // thread, with the same context; it is used once.
        unsafe { hpy_sys::HPy_ReenterPythonExecution(self.ctx.as_raw(), self.state) }
    }
}

impl Ctx<'_> {
    /// Runs `f` outside Python execution: the GIL is released
    /// (`HPy_LeavePythonExecution`), so other Python threads run meanwhile,
    /// and re-acquired afterwards (`HPy_ReenterPythonExecution`), also when
    /// `f` panics (the panic then goes on, and becomes the usual
    /// `PanicException`).
    ///
    /// `f` cannot touch Python: it must be `Send`, and the context, handles
    /// and everything that borrows them are not, so the compiler rejects a
    /// closure that captures one. Data borrowed from immutable objects
    /// (`&str` from a `str`, `&[u8]` from `bytes`) can be used, as the
    /// handles that keep them alive outlive the call.
    ///
    /// ```
    /// # fn demo(ctx: hpy::Ctx<'_>, data: &[u8]) -> u64 {
    /// let sum = ctx.allow_threads(|| data.iter().map(|&b| u64::from(b)).sum::<u64>());
    /// # sum }
    /// ```
    pub fn allow_threads<F, R>(self, f: F) -> R
    where
        F: FnOnce() -> R + Send,
        R: Send,
    {
        // SAFETY: a live context, held by this thread; the guard re-enters.
        let state = unsafe { hpy_sys::HPy_LeavePythonExecution(self.as_raw()) };
        let _reenter = Reenter { ctx: self, state };
        f()
    }
}
