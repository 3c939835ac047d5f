//! [`Field`]: a Python object held by a Rust class (`HPyField`), and the
//! traversal that lets the GC see it.

use super::{HPyClass, Instance};
use crate::Handle;
use core::cell::UnsafeCell;
use core::ffi::{c_int, c_void};
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
/// a `Vec`), and every access names the instance that owns it, as HPy
/// requires (implementations with a moving GC use it for their write
/// barrier); a field used with another object, or outside its object's
/// memory, panics.
#[repr(transparent)]
pub struct Field {
    raw: UnsafeCell<HPyField>,
}

// SAFETY: a field is only read or written with a context (by the thread that
// holds the interpreter); moving the object that holds it between threads is
// what Python does with every object.
unsafe impl Send for Field {}

impl Field {
    /// An empty field.
    pub const fn new() -> Field {
        Field { raw: UnsafeCell::new(hpy_sys::HPyField_NULL) }
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
/// struct whose type implements it (and requires it of every field whose
/// type mentions `Field`). Implement it for your own types that contain
/// fields, so that the GC sees the objects they hold.
#[diagnostic::on_unimplemented(
    message = "`{Self}` holds `Field`s but does not implement `hpy::class::Traverse`",
    note = "implement `Traverse` for it (report each `Field` to `visit`) so that the GC sees what it holds"
)]
pub trait Traverse {
    /// Reports every `Field` to `visit`, stopping at the first non-zero result.
    fn traverse(&self, visit: &mut Visit<'_>) -> c_int;
}

impl Traverse for Field {
    fn traverse(&self, visit: &mut Visit<'_>) -> c_int {
        visit.field(self)
    }
}

impl<T: Traverse, const N: usize> Traverse for [T; N] {
    fn traverse(&self, visit: &mut Visit<'_>) -> c_int {
        self.as_slice().traverse(visit)
    }
}

impl<T: Traverse> Traverse for Option<T> {
    fn traverse(&self, visit: &mut Visit<'_>) -> c_int {
        self.as_ref().map_or(0, |inner| inner.traverse(visit))
    }
}

impl<T: Traverse> Traverse for [T] {
    fn traverse(&self, visit: &mut Visit<'_>) -> c_int {
        self.iter().map(|item| item.traverse(visit)).find(|&status| status != 0).unwrap_or(0)
    }
}
