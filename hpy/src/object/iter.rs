//! [`Iter`]: Python iteration as a Rust [`Iterator`].
//!
//! HPy 0.9 has no iterator functions, so this does what Python's `iter()`
//! does, through the type: its `__iter__` gives the iterator, whose
//! `__next__` is called until it raises `StopIteration`; a type without
//! `__iter__` but with `__getitem__` is iterated by index, from 0 until
//! `IndexError`. The special methods are looked up in the type's MRO, never
//! through the builtins namespace, which Python code can change.

use crate::exceptions::{IndexError, StopIteration, TypeError};
use crate::object::special::{find_in_mro, lookup_special};
use crate::{HPyResult, Handle};

/// An iteration over a Python object, from [`Handle::iter`]. Each item is a
/// new handle; an exception other than the one that ends the iteration is
/// returned once as an `Err`, and ends the iteration.
///
/// Such an error is pending (set in the interpreter): return it or
/// [clear](crate::HPyErr::clear) it, do not keep or drop it (see
/// [`HPyErr`](crate::HPyErr)).
pub struct Iter<'ctx> {
    /// How the next item is obtained, until the iteration ends.
    source: Option<Source<'ctx>>,
}

enum Source<'ctx> {
    /// The iterator's bound `__next__`.
    Next(Handle<'ctx>),
    /// An object with `__getitem__` but no `__iter__`, and the next index.
    Index(Handle<'ctx>, isize),
}

impl<'ctx> Handle<'ctx> {
    /// `iter(self)`, as a Rust iterator: `for item in obj.iter()? { let
    /// item = item?; ... }`. `TypeError` as Python's: "'int' object is not
    /// iterable", "iter() returned non-iterator of type 'int'".
    pub fn iter(&self) -> HPyResult<Iter<'ctx>> {
        let not_iterable = || TypeError::new_err(format!("'{}' object is not iterable", self.type_name()));
        let source = match lookup_special(self, "__iter__")? {
            Some(method) if method.is_none() => return Err(not_iterable()),
            Some(method) => {
                let iterator = method.call(())?;
                match lookup_special(&iterator, "__next__")? {
                    Some(next) if !next.is_none() => Source::Next(next),
                    // PyPy's own `iter()` names no type.
                    _ if crate::runtime::is_pypy() => {
                        return Err(TypeError::new_err("iter() returned non-iterator"));
                    }
                    _ => {
                        let name = iterator.type_name();
                        return Err(TypeError::new_err(format!(
                            "iter() returned non-iterator of type '{name}'"
                        )));
                    }
                }
            }
            None if find_in_mro(&self.get_type(), "__getitem__")?.is_some() => Source::Index(self.dup(), 0),
            None => return Err(not_iterable()),
        };
        Ok(Iter { source: Some(source) })
    }
}

impl<'ctx> Iterator for Iter<'ctx> {
    type Item = HPyResult<Handle<'ctx>>;

    fn next(&mut self) -> Option<HPyResult<Handle<'ctx>>> {
        let source = self.source.as_mut()?;
        let (result, ctx) = match source {
            Source::Next(next) => (next.call(()), next.ctx()),
            Source::Index(obj, index) => {
                let item = obj.get_item(*index);
                *index = index.saturating_add(1);
                (item, obj.ctx())
            }
        };
        let err = match result {
            Ok(item) => return Some(Ok(item)),
            Err(err) => err,
        };
        // Python's sequence iterator also stops at `IndexError`.
        let ends = err.is::<StopIteration>(ctx)
            || (matches!(source, Source::Index(..)) && err.is::<IndexError>(ctx));
        self.source = None;
        if ends {
            err.clear(ctx);
            return None;
        }
        Some(Err(err))
    }
}

impl core::iter::FusedIterator for Iter<'_> {}
