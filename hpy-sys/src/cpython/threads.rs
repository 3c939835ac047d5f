//! Leaving and re-entering Python: the thread state behind the word.

use crate::{HPyContext, HPyThreadState};
use pyo3_ffi as ffi;

/// `HPy_LeavePythonExecution`: releases the interpreter's lock.
///
/// # Safety
/// The lock must be held; no Python call may happen until `Reenter`.
pub unsafe fn HPy_LeavePythonExecution(_ctx: *mut HPyContext) -> HPyThreadState {
    // SAFETY: forwarded from the caller.
    HPyThreadState { _i: unsafe { ffi::PyEval_SaveThread() } as isize }
}

/// `HPy_ReenterPythonExecution`: takes the lock back.
///
/// # Safety
/// `state` must come from `Leave` on this thread.
pub unsafe fn HPy_ReenterPythonExecution(_ctx: *mut HPyContext, state: HPyThreadState) {
    // SAFETY: forwarded from the caller.
    unsafe { ffi::PyEval_RestoreThread(state._i as *mut ffi::PyThreadState) }
}
