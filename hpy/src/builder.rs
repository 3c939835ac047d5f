//! [`ListBuilder`] and [`TupleBuilder`]: fill a list or tuple of known size.

use crate::{Ctx, HPyErr, HPyResult, Handle};
use hpy_sys::{HPyListBuilder, HPyTupleBuilder};

/// Which items of a builder are set: HPy's builders start with unset items,
/// which must all be set exactly once before building.
struct Filled {
    words: Vec<u64>,
    count: usize,
    len: usize,
}

impl Filled {
    fn new(len: usize) -> Filled {
        Filled { words: vec![0; len.div_ceil(64)], count: 0, len }
    }

    /// Marks `index` as set.
    ///
    /// # Panics
    /// If `index` is out of bounds or already set.
    fn mark(&mut self, index: usize, what: &str) {
        assert!(index < self.len, "{what}: index {index} out of bounds for {} items", self.len);
        let (word, bit) = (index / 64, 1u64 << (index % 64));
        assert!(self.words[word] & bit == 0, "{what}: item {index} is already set");
        self.words[word] |= bit;
        self.count += 1;
    }

    /// # Panics
    /// If an item is not set.
    fn check_complete(&self, what: &str) {
        if self.count != self.len {
            let missing = (0..self.len).find(|i| self.words[i / 64] & (1 << (i % 64)) == 0);
            panic!("{what}: item {} of {} was never set", missing.unwrap_or(0), self.len);
        }
    }
}

macro_rules! builder {
    ($(#[$doc:meta])* $name:ident, $raw:ty, $field:ident, $new:ident, $set:ident, $build:ident, $cancel:ident) => {
        $(#[$doc])*
        ///
        /// Every item must be set exactly once before [`build`](Self::build)
        /// (setting an item twice or building with an item missing panics:
        /// HPy would corrupt or crash the interpreter). Dropping the builder
        /// without building cancels it, so an error on the way out leaks
        /// nothing.
        pub struct $name<'ctx> {
            raw: $raw,
            filled: Filled,
            ctx: Ctx<'ctx>,
        }

        impl<'ctx> $name<'ctx> {
            /// Starts a container of exactly `len` items.
            pub fn new(ctx: Ctx<'ctx>, len: usize) -> HPyResult<$name<'ctx>> {
                let size = isize::try_from(len).map_err(|_| {
                    HPyErr::new_type::<crate::exceptions::OverflowError>("too many items")
                })?;
                // SAFETY: a live context; HPy returns a builder, or a null one
                // (with the MemoryError cleared) when out of memory.
                let raw = unsafe { hpy_sys::$new(ctx.as_raw(), size) };
                if raw.$field == 0 {
                    return Err(HPyErr::no_memory(ctx));
                }
                Ok($name { raw, filled: Filled::new(len), ctx })
            }

            /// Sets item `index` (a new reference is taken; `item` stays yours).
            ///
            /// # Panics
            /// If `index` is out of bounds or already set.
            pub fn set(&mut self, index: usize, item: &Handle<'ctx>) {
                self.filled.mark(index, stringify!($name));
                // SAFETY: the builder is live (not built or cancelled), the
                // index in bounds and not set yet.
                unsafe { hpy_sys::$set(self.ctx.as_raw(), self.raw, index as isize, item.as_raw()) }
            }

            /// The number of items.
            pub fn len(&self) -> usize {
                self.filled.len
            }

            /// Whether the container is empty.
            pub fn is_empty(&self) -> bool {
                self.filled.len == 0
            }

            /// Builds the container.
            ///
            /// # Panics
            /// If an item was not set (the builder is cancelled first).
            pub fn build(self) -> HPyResult<Handle<'ctx>> {
                self.filled.check_complete(stringify!($name));
                let this = core::mem::ManuallyDrop::new(self);
                // SAFETY: `this.filled` is dropped here, once; `this` is not
                // used for it again.
                drop(unsafe { core::ptr::read(&this.filled) });
                // SAFETY: the builder is live and complete; Build consumes it.
                unsafe { this.ctx.wrap(hpy_sys::$build(this.ctx.as_raw(), this.raw)) }
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
