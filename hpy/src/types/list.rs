//! [`List`]: a `list`, with HPy's list functions.

use super::{View, view};
use crate::{Ctx, HPyErr, HPyResult, Handle, IntoHPy};

view!(
    /// A `list` object (or an instance of a subclass).
    ///
    /// Make a list of known length with [`ListBuilder`](crate::ListBuilder),
    /// or from a `Vec` with [`IntoHPy`]; grow one with [`List::append`].
    List,
    "list"
);

impl<'ctx> List<'ctx> {
    /// Whether `obj` is a list (`HPyList_Check`).
    #[inline]
    pub fn is_type_of(obj: &Handle<'_>) -> bool {
        // SAFETY: `obj` is open in its context.
        unsafe { hpy_sys::HPyList_Check(obj.ctx().as_raw(), obj.as_raw()) != 0 }
    }

    /// A new empty list (`HPyList_New(0)`). HPy's non-empty lists start with
    /// unset items that crash the interpreter if read, so the safe API only
    /// makes empty ones.
    pub fn new(ctx: Ctx<'ctx>) -> HPyResult<List<'ctx>> {
        // SAFETY: a live context; an empty list has no unset items.
        let obj = unsafe { ctx.wrap(hpy_sys::HPyList_New(ctx.as_raw(), 0)) }?;
        // SAFETY: the result is a list.
        Ok(unsafe { List::from_handle_unchecked(obj) })
    }

    /// `self.append(item)` (`HPyList_Append`).
    pub fn append(&self, item: impl IntoHPy<'ctx>) -> HPyResult<()> {
        let item = item.into_hpy(self.ctx())?;
        // SAFETY: both handles are open; HPy takes its own reference to `item`.
        if unsafe { hpy_sys::HPyList_Append(self.ctx().as_raw(), self.as_raw(), item.as_raw()) } < 0 {
            return Err(HPyErr::fetch());
        }
        Ok(())
    }
}
