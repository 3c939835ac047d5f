//! [`Tracker`]: a group of handles closed together (`HPyTracker`).

use crate::{Borrowed, Ctx, HPyErr, HPyResult, Handle};
use core::cell::{Cell, RefCell};
use hpy_sys::{HPy, HPyTracker};

/// Handles owned as a group and closed together when the tracker is
/// dropped (`HPyTracker`).
///
/// Owned [`Handle`]s already close themselves; a tracker helps when many
/// handles of varying number must stay open together and be borrowed
/// meanwhile ([`Tracker::track`] returns a [`Borrowed`] that lives as long
/// as the tracker), or be handed back at once ([`Tracker::forget_all`]).
pub struct Tracker<'ctx> {
    raw: HPyTracker,
    ctx: Ctx<'ctx>,
    /// The tracked handles, for `forget_all`.
    handles: RefCell<Vec<HPy>>,
    /// Set after `HPyTracker_Add` failed: HPy allows no further adds.
    failed: Cell<bool>,
}

impl<'ctx> Tracker<'ctx> {
    /// The largest capacity [`Tracker::new`] allocates up front (8 MiB of
    /// handles).
    pub const MAX_INITIAL_CAPACITY: usize = 1 << 20;

    /// A tracker with room for `capacity` handles before it grows
    /// (`HPyTracker_New`; 0 picks a default). The capacity is only a hint:
    /// it is capped at [`Tracker::MAX_INITIAL_CAPACITY`], and the tracker
    /// grows past it as handles are added.
    pub fn new(ctx: Ctx<'ctx>, capacity: usize) -> HPyResult<Tracker<'ctx>> {
        // HPy adds one to the capacity (signed overflow, undefined behaviour,
        // for `isize::MAX`) and allocates it at once: keep it reasonable.
        let capacity = capacity.min(Tracker::MAX_INITIAL_CAPACITY) as isize;
        // SAFETY: a live context; a null tracker means MemoryError.
        let raw = unsafe { hpy_sys::HPyTracker_New(ctx.as_raw(), capacity) };
        if raw._i == 0 {
            return Err(HPyErr::fetch());
        }
        Ok(Tracker { raw, ctx, handles: RefCell::new(Vec::new()), failed: Cell::new(false) })
    }

    /// Adds `handle` to the group (`HPyTracker_Add`) and borrows it for as
    /// long as the tracker holds it. If the tracker cannot grow, the handle
    /// is still closed with the group, and `MemoryError` is returned.
    pub fn track(&self, handle: Handle<'ctx>) -> HPyResult<Borrowed<'_, 'ctx>> {
        // SAFETY: the tracker takes the handle over (closed by the tracker).
        let raw = unsafe { handle.into_raw() };
        if self.failed.get() {
            // SAFETY: the handle was owned and is closed here, once.
            unsafe { hpy_sys::HPy_Close(self.ctx.as_raw(), raw) };
            return Err(HPyErr::no_memory(self.ctx));
        }
        self.handles.borrow_mut().push(raw);
        // SAFETY: the tracker is live; it owns `raw` from now on, even if
        // the add fails.
        if unsafe { hpy_sys::HPyTracker_Add(self.ctx.as_raw(), self.raw, raw) } < 0 {
            self.failed.set(true);
            return Err(HPyErr::fetch());
        }
        // SAFETY: the tracker keeps `raw` open until it is dropped or
        // forgets it, which needs `&mut self`, so not while this borrow lives.
        Ok(unsafe { Borrowed::from_raw(self.ctx, raw) })
    }

    /// How many handles the tracker holds.
    pub fn len(&self) -> usize {
        self.handles.borrow().len()
    }

    /// Whether the tracker holds no handle.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Gives the handles back, in the order they were tracked
    /// (`HPyTracker_ForgetAll`); the tracker is empty afterwards.
    pub fn forget_all(&mut self) -> Vec<Handle<'ctx>> {
        // SAFETY: the tracker is live; it stops owning its handles.
        unsafe { hpy_sys::HPyTracker_ForgetAll(self.ctx.as_raw(), self.raw) };
        let ctx = self.ctx;
        self.handles
            .get_mut()
            .drain(..)
            // SAFETY: the tracker gave up these open handles; each is owned
            // by exactly one `Handle` now.
            .map(|raw| unsafe { Handle::from_raw(ctx, raw) })
            .collect()
    }
}

impl Drop for Tracker<'_> {
    fn drop(&mut self) {
        // SAFETY: the tracker is live; Close closes its handles and frees it.
        unsafe { hpy_sys::HPyTracker_Close(self.ctx.as_raw(), self.raw) }
    }
}
