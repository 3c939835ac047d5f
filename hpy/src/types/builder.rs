//! [`ListBuilder`] and [`TupleBuilder`]: fill a list or tuple of known size.

use crate::{Ctx, HPyErr, HPyResult, Handle};
use hpy_sys::{HPyListBuilder, HPyTupleBuilder};

macro_rules! builder {
    ($(#[$doc:meta])* $name:ident, $raw:ty, $field:ident, $new:ident, $set:ident, $items:ident, $build:ident, $cancel:ident) => {
        $(#[$doc])*
        ///
        /// Dropping the builder without building cancels it, so an error on
        /// the way out leaks nothing. Every item must be set exactly once.
        pub struct $name<'ctx> {
            raw: $raw,
            len: usize,
            /// Items `0..next` are set: filling in order (the usual way)
            /// is tracked without allocating.
            next: usize,
            /// Which items are set, once one was set out of order.
            scattered: Option<Vec<bool>>,
            /// The container's item slots (CPython ABI): where
            /// [`push_owned`](Self::push_owned) writes.
            #[cfg(feature = "cpython-abi")]
            items: *mut hpy_sys::HPy,
            ctx: Ctx<'ctx>,
        }

        impl<'ctx> $name<'ctx> {
            /// Starts a container of exactly `len` items.
            pub fn new(ctx: Ctx<'ctx>, len: usize) -> HPyResult<$name<'ctx>> {
                let size = isize::try_from(len).map_err(|_| {
                    HPyErr::new_type::<crate::exceptions::OverflowError>("too many items")
                })?;
                // PyPy's builders abort on sizes they cannot allocate.
                if crate::runtime::is_pypy() && len > crate::runtime::pypy::MAX_ITEMS {
                    return Err(HPyErr::new_type::<crate::exceptions::MemoryError>(format!(
                        "cannot allocate {len} items"
                    )));
                }
                // SAFETY: a live context; HPy returns a builder, or a null one
                // when out of memory (it clears the error: `build` would raise it).
                let raw = unsafe { hpy_sys::$new(ctx.as_raw(), size) };
                if raw.$field == 0 {
                    return Err(HPyErr::new_type::<crate::exceptions::MemoryError>(format!(
                        "cannot allocate {len} items"
                    )));
                }
                Ok($name {
                    raw,
                    len,
                    next: 0,
                    scattered: None,
                    // SAFETY: a builder just made.
                    #[cfg(feature = "cpython-abi")]
                    items: unsafe { hpy_sys::cpython::$items(raw) },
                    ctx,
                })
            }

            /// Sets item `index` (a new reference is taken; `item` stays yours).
            ///
            /// # Panics
            /// If `index` is out of bounds or already set (HPy cannot replace
            /// an item without leaking the first one).
            #[inline]
            pub fn set(&mut self, index: usize, item: &Handle<'ctx>) {
                if self.scattered.is_none() && index == self.next && index < self.len {
                    self.next += 1;
                } else {
                    self.mark_scattered(index);
                }
                // SAFETY: the builder is live (not built or cancelled) and the index in bounds.
                unsafe { hpy_sys::$set(self.ctx.as_raw(), self.raw, index as isize, item.as_raw()) }
            }

            /// Sets the next item, in order: what conversions do, with one
            /// check per item.
            ///
            /// # Panics
            /// If every item is already set, or some were set out of order.
            #[inline]
            #[allow(dead_code)] // the list conversions use it; tuples are built from arrays
            pub(crate) fn push(&mut self, item: &Handle<'ctx>) {
                let index = self.next;
                assert!(index < self.len && self.scattered.is_none(), "push on a full or scattered builder");
                self.next = index + 1;
                // SAFETY: the builder is live (not built or cancelled) and the index in bounds.
                unsafe { hpy_sys::$set(self.ctx.as_raw(), self.raw, index as isize, item.as_raw()) }
            }

            /// [`push`](Self::push) of an item this builder takes: in the
            /// CPython ABI the container takes the handle's reference (no
            /// increment, no `HPy_Close`), written straight into its slots.
            ///
            /// # Panics
            /// As for `push`.
            #[inline]
            #[allow(dead_code)] // as for `push`
            pub(crate) fn push_owned(&mut self, item: Handle<'ctx>) {
                #[cfg(feature = "cpython-abi")]
                {
                    let index = self.next;
                    assert!(index < self.len && self.scattered.is_none(), "push on a full or scattered builder");
                    self.next = index + 1;
                    // SAFETY: the builder is live (so `items` is its slots) and the
                    // slot empty, in bounds; the handle's reference goes to the slot.
                    unsafe { self.items.add(index).write(item.into_raw()) }
                }
                #[cfg(not(feature = "cpython-abi"))]
                self.push(&item);
            }

            /// Records that item `index` is set, when the items are not set
            /// in order (or panics).
            #[cold]
            #[inline(never)]
            fn mark_scattered(&mut self, index: usize) {
                let len = self.len;
                assert!(index < len, "index {index} out of bounds for {len} items");
                match &mut self.scattered {
                    None => {
                        assert!(index > self.next, "item {index} is already set");
                        let mut filled = vec![false; len];
                        filled[..self.next].fill(true);
                        filled[index] = true;
                        self.scattered = Some(filled);
                    }
                    Some(filled) => {
                        assert!(!filled[index], "item {index} is already set");
                        filled[index] = true;
                    }
                }
            }

            /// The number of items.
            pub fn len(&self) -> usize {
                self.len
            }

            /// Whether the container is empty.
            pub fn is_empty(&self) -> bool {
                self.len == 0
            }

            /// Builds the container: every item must have been set, else
            /// this fails with `SystemError` (and cancels the builder).
            #[inline]
            pub fn build(self) -> HPyResult<Handle<'ctx>> {
                if self.scattered.is_some() || self.next < self.len {
                    return self.build_scattered_or_short();
                }
                let this = core::mem::ManuallyDrop::new(self);
                // SAFETY: the builder is live and every item set (in order); Build
                // consumes it. `scattered` is None: nothing to drop.
                unsafe { this.ctx.wrap(hpy_sys::$build(this.ctx.as_raw(), this.raw)) }
            }

            /// [`build`](Self::build) when the items were not all set in order:
            /// builds if every item is set, else fails (and cancels).
            #[cold]
            #[inline(never)]
            fn build_scattered_or_short(self) -> HPyResult<Handle<'ctx>> {
                let missing = match &self.scattered {
                    None => (self.next < self.len).then_some(self.next),
                    Some(filled) => filled.iter().position(|set| !set),
                };
                if let Some(missing) = missing {
                    return Err(HPyErr::new_type::<crate::exceptions::SystemError>(format!(
                        "{}: item {missing} of {} was never set", stringify!($name), self.len
                    )));
                }
                let this = core::mem::ManuallyDrop::new(self);
                // SAFETY: the builder is live; Build consumes it. `scattered` is
                // dropped by hand since `this` is never dropped.
                unsafe {
                    drop(core::ptr::read(&this.scattered));
                    this.ctx.wrap(hpy_sys::$build(this.ctx.as_raw(), this.raw))
                }
            }
        }

        impl Drop for $name<'_> {
            fn drop(&mut self) {
                // SAFETY: the builder was neither built (that forgets `self`) nor cancelled.
                unsafe { hpy_sys::$cancel(self.ctx.as_raw(), self.raw) }
            }
        }
    };
}

builder!(
    /// Builds a `list` (`HPyListBuilder`).
    ListBuilder, HPyListBuilder, _lst, HPyListBuilder_New, HPyListBuilder_Set, HPyListBuilder_Items,
    HPyListBuilder_Build,
    HPyListBuilder_Cancel
);
builder!(
    /// Builds a `tuple` (`HPyTupleBuilder`).
    TupleBuilder, HPyTupleBuilder, _tup, HPyTupleBuilder_New, HPyTupleBuilder_Set, HPyTupleBuilder_Items,
    HPyTupleBuilder_Build,
    HPyTupleBuilder_Cancel
);
