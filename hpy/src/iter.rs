//! [`Iter`]: Python iteration as a Rust [`Iterator`].
//!
//! HPy 0.9 has no iterator functions, so this goes through Python:
//! `iter(obj)` (which calls `__iter__`, or falls back on `__getitem__`),
//! then the iterator's `__next__` until it raises `StopIteration`.

use crate::{HPyResult, Handle};

/// An iteration over a Python object, from [`Handle::iter`]. Each item is a
/// new handle; an exception other than `StopIteration` is returned once as
/// an `Err`, and ends the iteration.
pub struct Iter<'ctx> {
    /// The iterator's bound `__next__`, until the iteration ends.
    next: Option<Handle<'ctx>>,
}

impl<'ctx> Handle<'ctx> {
    /// `iter(self)`, as a Rust iterator: `for item in obj.iter()? { let
    /// item = item?; ... }`.
    pub fn iter(&self) -> HPyResult<Iter<'ctx>> {
        let iterator = self.ctx().builtins().get_item("iter")?.call((self,))?;
        Ok(Iter { next: Some(iterator.getattr("__next__")?) })
    }
}

impl<'ctx> Iterator for Iter<'ctx> {
    type Item = HPyResult<Handle<'ctx>>;

    fn next(&mut self) -> Option<HPyResult<Handle<'ctx>>> {
        let next = self.next.as_ref()?;
        match next.call(()) {
            Ok(item) => Some(Ok(item)),
            Err(err) => {
                let ctx = next.ctx();
                self.next = None;
                // SAFETY: the call failed, so an exception is pending; the
                // type is a context constant.
                let stop = unsafe {
                    hpy_sys::HPyErr_ExceptionMatches(ctx.as_raw(), ctx.stop_iteration().as_raw()) != 0
                };
                if stop && err.is_pending() {
                    err.clear(ctx);
                    return None;
                }
                Some(Err(err))
            }
        }
    }
}

impl core::iter::FusedIterator for Iter<'_> {}
