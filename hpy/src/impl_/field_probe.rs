//! What each field of a class holds, decided from its type (autoref
//! dispatch): a field whose type implements
//! [`Traverse`](crate::class::Traverse) holds `Field`s and is traversed;
//! any other must be `Send`, which a type holding a `Field` is not (see
//! [`Field`](crate::Field)), so it holds none. A field that is neither is a
//! compile error, whatever its type is called.
//!
//! `(&&FieldProbe::<T>::new()).method(..)` picks [`ProbeTraverse`] when
//! `T: Traverse` (implemented for `&&FieldProbe<T>`), else falls back to
//! [`ProbeNothing`] (implemented one reference further down).

use crate::class::{Traverse, Visit};
use core::ffi::c_int;
use core::marker::PhantomData;

/// Stands for a field's type.
pub struct FieldProbe<T: ?Sized>(PhantomData<T>);

impl<T: ?Sized> FieldProbe<T> {
    /// The probe for `T`.
    pub const fn new() -> Self {
        FieldProbe(PhantomData)
    }
}

impl<T: ?Sized> Default for FieldProbe<T> {
    fn default() -> Self {
        FieldProbe::new()
    }
}

/// A field whose type holds `Field`s.
pub trait ProbeTraverse<T: ?Sized> {
    /// Visits the field's `Field`s.
    fn traverse_field(self, value: &T, visit: &mut Visit<'_>) -> c_int;
    /// True: the class takes part in the GC.
    fn holds_fields(self) -> bool;
}

impl<T: Traverse + ?Sized> ProbeTraverse<T> for &&FieldProbe<T> {
    fn traverse_field(self, value: &T, visit: &mut Visit<'_>) -> c_int {
        value.traverse(visit)
    }

    fn holds_fields(self) -> bool {
        true
    }
}

/// A field with no `Field`s.
pub trait ProbeNothing<T: ?Sized> {
    /// Nothing to visit.
    fn traverse_field(self, value: &T, visit: &mut Visit<'_>) -> c_int;
    /// False; only for a type that is `Send` (so that it holds no `Field`):
    /// the check that makes a field that is neither `Traverse` nor `Send`
    /// a compile error.
    fn holds_fields(self) -> bool
    where
        T: Send;
}

impl<T: ?Sized> ProbeNothing<T> for &FieldProbe<T> {
    fn traverse_field(self, _value: &T, _visit: &mut Visit<'_>) -> c_int {
        0
    }

    fn holds_fields(self) -> bool
    where
        T: Send,
    {
        false
    }
}
