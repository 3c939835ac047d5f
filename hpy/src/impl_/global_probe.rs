//! Which statics of a module are its globals, decided from their types
//! (autoref dispatch: a `static` of type [`Global`] is listed, any other is
//! not), whatever the type is called in the source.

use crate::Global;
use core::marker::PhantomData;

/// Stands for a static's type.
pub struct GlobalProbe<T: ?Sized>(PhantomData<T>);

impl<T: ?Sized> GlobalProbe<T> {
    /// The probe for `T`.
    pub const fn new() -> Self {
        GlobalProbe(PhantomData)
    }
}

impl<T: ?Sized> Default for GlobalProbe<T> {
    fn default() -> Self {
        GlobalProbe::new()
    }
}

/// A static of type `Global`.
pub trait ProbeGlobal {
    /// Adds it to the module's globals.
    fn list(self, global: &'static Global, list: &mut Vec<&'static Global>);
}

impl ProbeGlobal for &&GlobalProbe<Global> {
    fn list(self, global: &'static Global, list: &mut Vec<&'static Global>) {
        list.push(global);
    }
}

/// Any other static.
pub trait ProbeNotGlobal<T: ?Sized> {
    /// Nothing to list.
    fn list(self, value: &'static T, list: &mut Vec<&'static Global>);
}

impl<T: ?Sized> ProbeNotGlobal<T> for &GlobalProbe<T> {
    fn list(self, _value: &'static T, _list: &mut Vec<&'static Global>) {}
}
