//! Items by index. GraalPy 24.2's `HPy_GetItem_i` (and its `SetItem_i`,
//! `DelItem_i`) index a list's storage with the index as it is: an index out
//! of range, or any negative one, makes Java throw
//! `ArrayIndexOutOfBoundsException`, which GraalPy reports as an internal
//! error that ends the process. CPython's runtime converts the index to an
//! `int` and indexes as `obj[i]` does (counting from the end, or raising
//! `IndexError`). On GraalPy an index therefore goes as an `int` object
//! (`HPy_GetItem`), which GraalPy indexes as Python does.

use crate::object::item::Key;

/// `key`, with an integer index turned into an `int` key.
pub(crate) fn index_as_object<'a, 'ctx>(key: Key<'a, 'ctx>) -> Key<'a, 'ctx> {
    match key {
        Key::Index(index) => Key::Int(index as i128),
        key => key,
    }
}
