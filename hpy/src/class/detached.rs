//! Payloads kept outside their objects, for classes on variable-sized
//! builtins (`int`, `tuple`).
//!
//! An `int` keeps its digits, and a `tuple` its items, inline right after
//! the object header: exactly where HPy 0.9 places a subclass's payload
//! (`_HPy_AsStruct_Long`/`_Tuple` return `object + header`), so a payload
//! written there would overwrite the value. Such classes keep their
//! payload in a heap block instead, found through a table keyed by the
//! address HPy reports (never dereferenced): `tp_destroy` and
//! `tp_traverse` receive only that address.
//!
//! Keys are unique while their objects live: every instance is larger than
//! the header (the type declares a one-word payload), so an object's start
//! is never another live object's `start + header`. That also lets
//! [`resolve`](super::resolve) tell HPy's two ways of passing the payload apart (see
//! [`Anchor`](super::Anchor)) without reading memory.

use std::alloc::Layout;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// A payload block: its address and the layout it was allocated with (the
/// most derived class's, which the root class's `tp_destroy` frees last).
#[derive(Clone, Copy)]
struct Block {
    address: usize,
    layout: Layout,
}

/// Key → payload block.
static TABLE: Mutex<Option<HashMap<usize, Block>>> = Mutex::new(None);

fn table() -> MutexGuard<'static, Option<HashMap<usize, Block>>> {
    // The table is never left inconsistent: a poisoned lock is still valid.
    TABLE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Allocates a zeroed payload block for `key` (an object being created).
///
/// A stale block under the same key (an object whose `tp_destroy` never
/// ran) is leaked rather than reused.
pub(crate) fn attach(key: usize, layout: Layout) -> *mut u8 {
    assert!(layout.size() > 0, "class payloads hold at least a borrow flag");
    // SAFETY: the layout has a non-zero size.
    let block = unsafe { std::alloc::alloc_zeroed(layout) };
    if block.is_null() {
        std::alloc::handle_alloc_error(layout);
    }
    table().get_or_insert_with(HashMap::new).insert(key, Block { address: block as usize, layout });
    block
}

/// The payload block attached under `key`, if any.
pub(crate) fn find(key: usize) -> Option<*mut u8> {
    table().as_ref()?.get(&key).map(|block| block.address as *mut u8)
}

/// Removes the block under `key` from the table and frees it.
///
/// # Safety
/// Nothing may use the block any more (its values are dropped).
pub(crate) unsafe fn free(key: usize) -> bool {
    let Some(block) = table().as_mut().and_then(|table| table.remove(&key)) else { return false };
    // SAFETY: allocated by `attach` with this layout; unused, per the caller.
    unsafe { std::alloc::dealloc(block.address as *mut u8, block.layout) };
    true
}

/// How many detached payloads are live (for tests).
pub fn live() -> usize {
    table().as_ref().map_or(0, HashMap::len)
}
