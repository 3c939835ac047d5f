//! [`ClassCell`]: a Rust value inside a Python object, with a runtime
//! borrow flag, and the [`Ref`]/[`RefMut`] guards that borrow it.

use super::HPyClass;
use crate::exceptions::{ExceptionType, RuntimeError, TypeError};
use crate::{HPyErr, HPyResult};
use core::cell::{Cell, UnsafeCell};
use core::mem::MaybeUninit;
use core::ops::{Deref, DerefMut};

/// A Rust value stored in a Python object's memory.
///
/// HPy hands out zeroed memory, which reads as "free, not initialized": the
/// value exists only after the constructor wrote it, and the destructor
/// drops it only then. `borrow` counts shared borrows, or is -1 while the
/// value is mutably borrowed: a re-entrant `&mut self` (through a Python
/// callback) raises instead of aliasing.
#[repr(C)]
pub struct ClassCell<T> {
    borrow: Cell<isize>,
    initialized: Cell<bool>,
    value: UnsafeCell<MaybeUninit<T>>,
}

const EXCLUSIVE: isize = -1;

// The errors, out of line: the borrows above inline into every method.

#[cold]
#[inline(never)]
fn not_initialized<T: HPyClass>() -> HPyErr {
    HPyErr::new_type::<TypeError>(format!("the {} object was not initialized by its constructor", T::NAME))
}

/// Refuses a new value holding a set `Field` (see [`ClassCell::init`]).
fn check_fields_are_empty<T: HPyClass>(value: &T) {
    if T::has_fields() && super::finds_set_fields(|visit| value.traverse(visit)) {
        moved_field::<T>();
    }
}

#[cold]
#[inline(never)]
fn moved_field<T: HPyClass>() -> ! {
    panic!(
        "a new {} value holds a Field that is set: a Field cannot move out of the object that holds it",
        T::NAME
    )
}

#[cold]
#[inline(never)]
fn borrowed<T: HPyClass>(mutably: bool) -> HPyErr {
    let how = if mutably { "mutably " } else { "" };
    HPyErr::new(RuntimeError::exc_type(), format!("{} is already {how}borrowed", T::NAME))
}

impl<T: HPyClass> ClassCell<T> {
    /// Writes the value into a zeroed cell.
    ///
    /// # Panics
    /// If the value holds a `Field` that is set (one that moved out of
    /// another object): HPy requires a field to stay in its object.
    ///
    /// # Safety
    /// The cell must be zeroed (fresh from `HPy_New`) and not yet initialized.
    pub(crate) unsafe fn init(&self, value: T) {
        debug_assert!(!self.initialized.get());
        check_fields_are_empty(&value);
        // SAFETY: nobody can borrow an uninitialized cell; the slot is ours.
        unsafe { (*self.value.get()).write(value) };
        self.initialized.set(true);
    }

    #[inline]
    fn check_initialized(&self) -> HPyResult<()> {
        if self.initialized.get() { Ok(()) } else { Err(not_initialized::<T>()) }
    }

    /// Borrows the value, unless it is mutably borrowed (`RuntimeError`).
    #[inline]
    pub fn try_borrow(&self) -> HPyResult<Ref<'_, T>> {
        self.check_initialized()?;
        if T::FROZEN {
            return Ok(Ref { cell: self });
        }
        let count = self.borrow.get();
        if count == EXCLUSIVE {
            return Err(borrowed::<T>(true));
        }
        self.borrow.set(count + 1);
        Ok(Ref { cell: self })
    }

    /// Borrows the value mutably, unless it is borrowed (`RuntimeError`).
    #[inline]
    pub fn try_borrow_mut(&self) -> HPyResult<RefMut<'_, T>>
    where
        T: super::Mutable,
    {
        self.check_initialized()?;
        match self.borrow.get() {
            0 => {
                self.borrow.set(EXCLUSIVE);
                Ok(RefMut { cell: self })
            }
            count => Err(borrowed::<T>(count == EXCLUSIVE)),
        }
    }

    /// Replaces the value (the `#[init]` constructor's `__init__`) and
    /// returns the old one: `clear` runs first, on the old value, with the
    /// cell exclusively borrowed (it empties the `Field`s, which may run
    /// Python code); then the new value moves in, while no other code runs.
    /// `RuntimeError` if the value is borrowed.
    ///
    /// # Panics
    /// If `value` holds a `Field` that is set (see [`ClassCell::init`]).
    pub(crate) fn replace(&self, value: T, clear: impl FnOnce(&T)) -> HPyResult<T> {
        self.check_initialized()?;
        match self.borrow.get() {
            0 => self.borrow.set(EXCLUSIVE),
            count => return Err(borrowed::<T>(count == EXCLUSIVE)),
        }
        /// Ends the exclusive borrow, even if `clear` panics.
        struct Release<'a>(&'a Cell<isize>);
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                self.0.set(0);
            }
        }
        let _release = Release(&self.borrow);
        // No `&mut` while Python code may run: Python reads and writes
        // members (`Cell`s) through the object's memory.
        let current = self.value.get().cast::<T>();
        // SAFETY: initialized; the exclusive borrow keeps Rust code away,
        // and a shared reference is what Python's own accesses allow.
        clear(unsafe { &*current });
        check_fields_are_empty(&value);
        // SAFETY: still exclusively borrowed, and nothing runs during the
        // swap; the old value is returned, not dropped here.
        Ok(unsafe { core::ptr::replace(current, value) })
    }

    /// Drops the value, if the constructor wrote one (from `tp_destroy`).
    ///
    /// # Safety
    /// Called once, when the object dies; nothing borrows it any more.
    pub(crate) unsafe fn destroy(&self) {
        if self.initialized.replace(false) {
            // SAFETY: the value was initialized and is dropped exactly once.
            unsafe { (*self.value.get()).assume_init_drop() }
        }
    }

    /// The value, without a borrow, for the GC traversal (which reads the
    /// fields and never runs user code).
    ///
    /// # Safety
    /// Only for reading `Field`s; the cell must be initialized.
    pub(crate) unsafe fn value_for_traverse(&self) -> Option<*const T> {
        // A mutably borrowed value is not read (its `Field`s are skipped:
        // reporting fewer references only keeps objects alive longer).
        let readable = self.initialized.get() && (T::FROZEN || self.borrow.get() != EXCLUSIVE);
        readable.then(|| self.value.get().cast::<T>().cast_const())
    }

    /// The offset of the value inside the cell.
    pub const VALUE_OFFSET: usize = core::mem::offset_of!(ClassCell<T>, value);
}

/// A shared borrow of a class instance's Rust value.
pub struct Ref<'a, T: HPyClass> {
    cell: &'a ClassCell<T>,
}

impl<T: HPyClass> Deref for Ref<'_, T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: the cell is initialized (checked when borrowing) and the
        // borrow flag (or `FROZEN`) excludes any `&mut` for as long as `self`.
        unsafe { (*self.cell.value.get()).assume_init_ref() }
    }
}

impl<T: HPyClass> Ref<'_, T> {
    /// Keeps the borrow after the guard is gone (for a buffer view, until
    /// [`ClassCell::release_leaked_borrow`]).
    pub(crate) fn leak(self) {
        core::mem::forget(self);
    }
}

impl<T: HPyClass> ClassCell<T> {
    /// Ends a borrow kept by [`Ref::leak`].
    ///
    /// # Safety
    /// Exactly one leaked shared borrow must be outstanding for this call.
    pub(crate) unsafe fn release_leaked_borrow(&self) {
        if !T::FROZEN {
            self.borrow.set(self.borrow.get() - 1);
        }
    }
}

impl<T: HPyClass> Drop for Ref<'_, T> {
    #[inline]
    fn drop(&mut self) {
        if !T::FROZEN {
            self.cell.borrow.set(self.cell.borrow.get() - 1);
        }
    }
}

/// An exclusive borrow of a class instance's Rust value.
pub struct RefMut<'a, T: HPyClass> {
    cell: &'a ClassCell<T>,
}

impl<T: HPyClass> Deref for RefMut<'_, T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: initialized, and exclusively borrowed by `self`.
        unsafe { (*self.cell.value.get()).assume_init_ref() }
    }
}

impl<T: HPyClass> DerefMut for RefMut<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: initialized, and exclusively borrowed by `self`.
        unsafe { (*self.cell.value.get()).assume_init_mut() }
    }
}

impl<T: HPyClass> Drop for RefMut<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.cell.borrow.set(0);
    }
}
