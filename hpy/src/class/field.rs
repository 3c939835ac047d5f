//! [`Field`]: a Python object held by a Rust class (`HPyField`), and the
//! traversal that lets the GC see it.

use super::{HPyClass, Instance};
use crate::Handle;
use core::cell::UnsafeCell;
use core::ffi::{c_int, c_void};
use core::marker::PhantomData;
use hpy_sys::{HPyField, HPyFunc_visitproc};

/// A Python object stored in a Rust class's instance (`HPyField`).
///
/// Handles live for one call; a `Field` lives as long as the object that
/// contains it. `#[hpy_type]` finds the fields of a struct (any struct
/// field whose type implements [`Traverse`]: `Field`, arrays and `Option`s
/// of them, your own types) and generates the `tp_traverse` that reports
/// them to the garbage collector, so reference cycles through Rust objects
/// are collected; HPy releases them when the object dies.
///
/// A `Field` lives inline in the object's payload (not behind a `Box` or in
/// a `Vec`) and never leaves it, and every access names the instance that
/// owns it, as HPy requires (implementations with a moving GC use it for
/// their write barrier); a field used with another object, or outside its
/// object's memory, panics.
///
/// The compiler keeps `Field`s in place: a `Field` is not `Send`, so that
/// any type holding one (directly, in a `RefCell`, a `Box`, a `Vec`, ...)
/// is not either, and a class accepts a field of a type that is not `Send`
/// only if it implements [`Traverse`] (`Field` itself, arrays and `Option`s
/// of it, and your types with `#[derive(Traverse)]`), which reports every
/// `Field` it holds and gives no way to move one out. A class holding
/// `Field`s is never borrowed mutably (see [`Mutable`](super::Mutable)).
/// (The object that holds a `Field` still moves between threads, as every
/// Python object does: its value is only touched with the interpreter
/// held.)
#[repr(C)]
pub struct Field {
    raw: UnsafeCell<HPyField>,
    /// Not `Send`: marks every type that holds a `Field`.
    _in_place: PhantomData<*const HoldsAField>,
}

/// What makes a type holding a `Field` not `Send` (the name the compiler
/// shows: "`*const HoldsAField` cannot be sent between threads safely",
/// "within `MyType`": `MyType` holds a `Field`, so a class field of that
/// type must implement `Traverse`, and the class cannot be borrowed
/// mutably).
pub enum HoldsAField {}

impl Field {
    /// An empty field.
    pub const fn new() -> Field {
        Field { raw: UnsafeCell::new(hpy_sys::HPyField_NULL), _in_place: PhantomData }
    }

    /// Whether the field holds an object.
    pub fn is_set(&self) -> bool {
        // SAFETY: plain read of the handle value, with the interpreter held.
        unsafe { !(*self.raw.get()).is_null() }
    }

    fn check_owner<T: HPyClass>(&self, owner: &Instance<'_, T>) {
        let start = owner.payload() as usize;
        let end = start + core::mem::size_of::<super::ClassLayout<T>>();
        let here = self.raw.get() as usize;
        assert!(
            (start..end).contains(&here),
            "this Field does not belong to the {} instance it was given",
            T::NAME
        );
    }

    /// A new handle to the stored object, or `None` if the field is empty
    /// (`HPyField_Load`).
    pub fn load<'ctx, T: HPyClass>(&self, owner: &Instance<'ctx, T>) -> Option<Handle<'ctx>> {
        self.check_owner(owner);
        if !self.is_set() {
            return None;
        }
        let ctx = owner.ctx();
        // SAFETY: the field belongs to `owner`, which is open; Load returns a
        // new handle.
        let raw = unsafe { hpy_sys::HPyField_Load(ctx.as_raw(), owner.as_raw(), *self.raw.get()) };
        // SAFETY: loading a set field does not fail.
        Some(unsafe { Handle::from_raw(ctx, raw) })
    }

    /// Stores `value` (or empties the field with `None`) (`HPyField_Store`).
    pub fn store<T: HPyClass>(&self, owner: &Instance<'_, T>, value: Option<&Handle<'_>>) {
        self.check_owner(owner);
        let value = value.map_or(hpy_sys::HPy_NULL, Handle::as_raw);
        // SAFETY: the field belongs to `owner`; both handles are open. HPy
        // takes its own reference to `value` and releases the old one.
        unsafe { hpy_sys::HPyField_Store(owner.ctx().as_raw(), owner.as_raw(), self.raw.get(), value) }
    }
}

impl Default for Field {
    fn default() -> Field {
        Field::new()
    }
}

impl core::fmt::Debug for Field {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(if self.is_set() { "Field(<set>)" } else { "Field(<empty>)" })
    }
}

/// The visitor of a GC traversal, given to [`Traverse::traverse`].
pub struct Visit<'a> {
    visit: HPyFunc_visitproc,
    arg: *mut c_void,
    _call: core::marker::PhantomData<&'a ()>,
}

impl Visit<'_> {
    pub(crate) fn new(visit: HPyFunc_visitproc, arg: *mut c_void) -> Self {
        Visit { visit, arg, _call: core::marker::PhantomData }
    }

    /// Reports one field; a non-zero result must be returned at once.
    pub fn field(&mut self, field: &Field) -> c_int {
        match self.visit {
            Some(visit) if field.is_set() => {
                // SAFETY: HPy's visitor takes the address of a field inside
                // the object being traversed.
                unsafe { visit(field.raw.get(), self.arg) }
            }
            _ => 0,
        }
    }
}

/// What holds `Field`s: `#[hpy_type]` calls it for every field of the
/// struct whose type implements it, so that the GC sees the objects they
/// hold (and HPy releases them when the object dies). A class's field of a
/// type that is not `Send` must implement it: every type holding a `Field`
/// is not `Send` (see [`Field`]).
///
/// Implemented for `Field`, arrays, slices and `Option`s of `Traverse`
/// types; `#[derive(Traverse)]` implements it for your structs and enums
/// (each of their fields must be `Send` or `Traverse` in turn).
///
/// # Safety
/// `traverse` must report every `Field` the value holds (each to `visit`,
/// stopping at the first non-zero result), and the type must give no way
/// to move a `Field` out of a shared reference (no `Field` behind a
/// `RefCell`, a `Cell`, a `Mutex`...): HPy requires a field to stay in the
/// object that owns it. Apart from its `Field`s, the type must be `Send`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` holds `Field`s but does not implement `hpy::class::Traverse`",
    note = "derive it (`#[derive(hpy::Traverse)]`) so that the GC sees every `Field` it holds"
)]
pub unsafe trait Traverse {
    /// Reports every `Field` to `visit`, stopping at the first non-zero result.
    fn traverse(&self, visit: &mut Visit<'_>) -> c_int;
}

// SAFETY: a field reports itself; it is `Send` apart from being a field.
unsafe impl Traverse for Field {
    fn traverse(&self, visit: &mut Visit<'_>) -> c_int {
        visit.field(self)
    }
}

// SAFETY: every item is reported; an array hands out no owned item through `&`.
unsafe impl<T: Traverse, const N: usize> Traverse for [T; N] {
    fn traverse(&self, visit: &mut Visit<'_>) -> c_int {
        self.as_slice().traverse(visit)
    }
}

// SAFETY: the value, if any, is reported; `&Option` cannot take it out.
unsafe impl<T: Traverse> Traverse for Option<T> {
    fn traverse(&self, visit: &mut Visit<'_>) -> c_int {
        self.as_ref().map_or(0, |inner| inner.traverse(visit))
    }
}

// SAFETY: every item is reported; `&[T]` hands out no owned item.
unsafe impl<T: Traverse> Traverse for [T] {
    fn traverse(&self, visit: &mut Visit<'_>) -> c_int {
        self.iter().map(|item| item.traverse(visit)).find(|&status| status != 0).unwrap_or(0)
    }
}

/// Empties every set `Field` a traversal (`traverse`, given the visitor)
/// reports (`HPyField_Store` of nothing): their objects are released, which
/// may run Python code.
///
/// # Safety
/// The traversal must report `Field`s inside `owner`'s payload only, and
/// they must stay there until this returns.
pub(crate) unsafe fn clear_fields<T: HPyClass>(
    owner: &Instance<'_, T>,
    traverse: impl FnOnce(&mut Visit<'_>) -> c_int,
) {
    unsafe extern "C" fn collect(field: *mut HPyField, found: *mut c_void) -> c_int {
        // SAFETY: `found` is the vector below, alive for the traversal.
        unsafe { (*found.cast::<Vec<*mut HPyField>>()).push(field) };
        0
    }
    let mut found: Vec<*mut HPyField> = Vec::new();
    traverse(&mut Visit::new(Some(collect), (&raw mut found).cast()));
    for field in found {
        // SAFETY: per the caller, `field` is in `owner`, which is open.
        unsafe { hpy_sys::HPyField_Store(owner.ctx().as_raw(), owner.as_raw(), field, hpy_sys::HPy_NULL) }
    }
}

/// Whether a traversal (`traverse`, given the visitor) reports a `Field`
/// that is set: a value that has just been made holds only empty ones,
/// unless one moved out of another object (from its `Drop`, where it may
/// still be set on implementations other than CPython's).
pub(crate) fn finds_set_fields(traverse: impl FnOnce(&mut Visit<'_>) -> c_int) -> bool {
    unsafe extern "C" fn found(_field: *mut HPyField, _arg: *mut c_void) -> c_int {
        1
    }
    // `Visit::field` calls the visitor for set fields only.
    traverse(&mut Visit::new(Some(found), core::ptr::null_mut())) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field as a moved one would look: set, outside any object.
    fn set_field() -> Field {
        Field { raw: UnsafeCell::new(HPyField { _i: 7 }), _in_place: PhantomData }
    }

    #[test]
    fn set_fields_are_found_wherever_the_traversal_reaches() {
        assert!(!finds_set_fields(|visit| Field::new().traverse(visit)));
        assert!(finds_set_fields(|visit| set_field().traverse(visit)));
        let nested = [None, Some([Field::new(), set_field()])];
        assert!(finds_set_fields(|visit| nested.traverse(visit)));
        let empty = [None, Some([Field::new(), Field::new()])];
        assert!(!finds_set_fields(|visit| empty.traverse(visit)));
    }
}
