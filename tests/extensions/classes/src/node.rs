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

    fn __del__(&self) {
        FINALIZED.fetch_add(1, Ordering::SeqCst);
    }
}

static TREES_DROPPED: AtomicUsize = AtomicUsize::new(0);

/// How many `Tree`s were dropped.
pub fn trees_dropped() -> usize {
    TREES_DROPPED.load(Ordering::SeqCst)
}

/// Two branches and a label: `Field`s inside a type of ours, traversed
/// through its derived `Traverse`.
#[derive(Traverse)]
pub struct Branches {
    left: Field,
    right: Field,
    label: &'static str,
}

/// A binary tree node.
#[hpy_type]
pub struct Tree {
    branches: Branches,
}

impl Drop for Tree {
    fn drop(&mut self) {
        TREES_DROPPED.fetch_add(1, Ordering::SeqCst);
    }
}

#[hpy_methods]
impl Tree {
    #[new]
    fn new() -> Self {
        Tree { branches: Branches { left: Field::new(), right: Field::new(), label: "tree" } }
    }

    fn grow(slf: &Instance<'_, Self>, left: &Handle<'_>, right: &Handle<'_>) -> HPyResult<()> {
        let this = slf.borrow()?;
        this.branches.left.store(slf, Some(left));
        this.branches.right.store(slf, Some(right));
        Ok(())
    }

    fn branches<'ctx>(slf: &Instance<'ctx, Self>) -> HPyResult<(Option<Handle<'ctx>>, Option<Handle<'ctx>>)> {
        let this = slf.borrow()?;
        Ok((this.branches.left.load(slf), this.branches.right.load(slf)))
    }

    fn label(&self) -> &'static str {
        self.branches.label
    }
}
