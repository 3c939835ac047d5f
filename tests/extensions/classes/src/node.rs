//! `Node`: objects held in `Field`s, reference cycles through Rust objects
//! (collected thanks to the derived `tp_traverse`), Drop and `__del__`.

use hpy::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

static DROPPED: AtomicUsize = AtomicUsize::new(0);
static FINALIZED: AtomicUsize = AtomicUsize::new(0);

/// How many `Node`s were dropped, and how many `__del__` ran.
pub fn counters() -> (usize, usize) {
    (DROPPED.load(Ordering::SeqCst), FINALIZED.load(Ordering::SeqCst))
}

/// A node pointing to another object.
#[hpy_type]
pub struct Node {
    name: String,
    next: Field,
    pair: [Field; 2],
}

impl Drop for Node {
    fn drop(&mut self) {
        DROPPED.fetch_add(1, Ordering::SeqCst);
    }
}

#[hpy_methods]
impl Node {
    #[new]
    fn new(name: String) -> Self {
        Node { name, next: Field::new(), pair: [Field::new(), Field::new()] }
    }

    fn name(&self) -> String {
        self.name.clone()
    }

    /// Points this node to `other` (or to nothing with None).
    fn link(slf: &Instance<'_, Self>, other: Option<&Handle<'_>>) -> HPyResult<()> {
        slf.borrow()?.next.store(slf, other);
        Ok(())
    }

    fn next<'ctx>(slf: &Instance<'ctx, Self>) -> HPyResult<Option<Handle<'ctx>>> {
        Ok(slf.borrow()?.next.load(slf))
    }

    fn set_pair(slf: &Instance<'_, Self>, a: &Handle<'_>, b: &Handle<'_>) -> HPyResult<()> {
        let this = slf.borrow()?;
        this.pair[0].store(slf, Some(a));
        this.pair[1].store(slf, Some(b));
        Ok(())
    }

    fn pair<'ctx>(slf: &Instance<'ctx, Self>) -> HPyResult<(Option<Handle<'ctx>>, Option<Handle<'ctx>>)> {
        let this = slf.borrow()?;
        Ok((this.pair[0].load(slf), this.pair[1].load(slf)))
    }

    fn __del__(&mut self) {
        FINALIZED.fetch_add(1, Ordering::SeqCst);
    }
}
