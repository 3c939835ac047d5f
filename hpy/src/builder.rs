//! [`ListBuilder`] and [`TupleBuilder`]: fill a list or tuple of known size.

use crate::{Ctx, HPyErr, HPyResult, Handle};
use hpy_sys::{HPyListBuilder, HPyTupleBuilder};

macro_rules! builder {
    ($(#[$doc:meta])* $name:ident, $raw:ty, $field:ident, $new:ident, $set:ident, $build:ident, $cancel:ident) => {
        $(#[$doc])*
        ///
        /// Dropping the builder without building cancels it, so an error on
        /// the way out leaks nothing. Every item must be set exactly once.
        pub struct $name<'ctx> {
            raw: $raw,
            filled: Vec<bool>,
            ctx: Ctx<'ctx>,
        }

        impl<'ctx> $name<'ctx> {
            /// Starts a container of exactly `len` items.
            pub fn new(ctx: Ctx<'ctx>, len: usize) -> HPyResult<$name<'ctx>> {
                let size = isize::try_from(len).map_err(|_| {
                    HPyErr::new_type::<crate::exceptions::OverflowError>("too many items")
                })?;
                // SAFETY: a live context; HPy returns a builder, or a null one
                // when out of memory (it clears the error: `build` would raise it).
                let raw = unsafe { hpy_sys::$new(ctx.as_raw(), size) };
                if raw.$field == 0 {
                    return Err(HPyErr::new_type::<crate::exceptions::MemoryError>(format!(
                        "cannot allocate {len} items"
                    )));
                }
                Ok($name { raw, filled: vec![false; len], ctx })
            }

            /// Sets item `index` (a new reference is taken; `item` stays yours).
            ///
            /// # Panics
            /// If `index` is out of bounds or already set (HPy cannot replace
            /// an item without leaking the first one).
            pub fn set(&mut self, index: usize, item: &Handle<'ctx>) {
                let len = self.filled.len();
                let slot = self.filled.get_mut(index).unwrap_or_else(|| {
                    panic!("index {index} out of bounds for {len} items")
                });
                assert!(!*slot, "item {index} is already set");
                *slot = true;
                // SAFETY: the builder is live (not built or cancelled) and the index in bounds.
                unsafe { hpy_sys::$set(self.ctx.as_raw(), self.raw, index as isize, item.as_raw()) }
            }

            /// The number of items.
            pub fn len(&self) -> usize {
                self.filled.len()
            }

            /// Whether the container is empty.
            pub fn is_empty(&self) -> bool {
                self.filled.is_empty()
            }

            /// Builds the container: every item must have been set, else
            /// this fails with `SystemError` (and cancels the builder).
            pub fn build(self) -> HPyResult<Handle<'ctx>> {
                if let Some(missing) = self.filled.iter().position(|set| !set) {
                    return Err(HPyErr::new_type::<crate::exceptions::SystemError>(format!(
                        "{}: item {missing} of {} was never set", stringify!($name), self.filled.len()
                    )));
                }
                let this = core::mem::ManuallyDrop::new(self);
                // SAFETY: the builder is live; Build consumes it. `filled` is
                // dropped by hand since `this` is never dropped.
                unsafe {
                    drop(core::ptr::read(&this.filled));
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
    ListBuilder, HPyListBuilder, _lst, HPyListBuilder_New, HPyListBuilder_Set, HPyListBuilder_Build,
    HPyListBuilder_Cancel
);
builder!(
    /// Builds a `tuple` (`HPyTupleBuilder`).
    TupleBuilder, HPyTupleBuilder, _tup, HPyTupleBuilder_New, HPyTupleBuilder_Set, HPyTupleBuilder_Build,
    HPyTupleBuilder_Cancel
);
