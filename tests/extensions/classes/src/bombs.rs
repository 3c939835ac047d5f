//! Panics whose payload panics again when dropped, in the entry points
//! that run without a context (`tp_destroy`, `tp_traverse`) and in a
//! function: the process survives them all.

use hpy::prelude::*;
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many `Bomb`s went off (their `Drop` ran).
static EXPLODED: AtomicUsize = AtomicUsize::new(0);

/// A panic payload whose own `Drop` panics (with a payload of its own,
/// which a sound runtime forgets).
pub struct Bomb;

impl Drop for Bomb {
    fn drop(&mut self) {
        EXPLODED.fetch_add(1, Ordering::SeqCst);
        std::panic::panic_any(Fuse);
    }
}

/// The second payload: dropped (or forgotten) quietly.
struct Fuse;

/// How many bombs went off so far.
pub fn exploded() -> usize {
    EXPLODED.load(Ordering::SeqCst)
}

/// Panics with a `Bomb` from its `Drop` (`tp_destroy`).
#[hpy_type]
pub struct DropBomb {}

impl Drop for DropBomb {
    fn drop(&mut self) {
        std::panic::panic_any(Bomb);
    }
}

#[hpy_methods]
impl DropBomb {
    #[new]
    fn new() -> Self {
        DropBomb {}
    }
}

/// Holds no `Field` but takes part in the GC, and once armed panics with
/// a `Bomb` whenever the GC traverses it (`tp_traverse`, also run by HPy's
/// clear).
pub struct Tripwire {
    armed: Cell<bool>,
}

// SAFETY: it holds no `Field` (so it reports all of them: none) and is
// `Send`; panicking is allowed.
unsafe impl Traverse for Tripwire {
    fn traverse(&self, _visit: &mut Visit<'_>) -> core::ffi::c_int {
        if self.armed.get() {
            std::panic::panic_any(Bomb);
        }
        0
    }
}

/// A class the GC traverses, whose traversal panics.
#[hpy_type]
pub struct TraverseBomb {
    wire: Tripwire,
}

#[hpy_methods]
impl TraverseBomb {
    #[new]
    fn new() -> Self {
        TraverseBomb { wire: Tripwire { armed: Cell::new(false) } }
    }

    /// From now on, a traversal panics.
    fn arm(&self) {
        self.wire.armed.set(true);
    }
}

/// Panics with a `Bomb` (the entry point of every function).
#[hpy_function]
pub fn panic_with_bomb() {
    std::panic::panic_any(Bomb);
}
