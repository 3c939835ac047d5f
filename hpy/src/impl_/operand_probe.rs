//! The operand mode of [`ArgProbe`]: a slot's operand converted as its
//! parameter's type says (a class borrowed, anything else converted with
//! [`FromHPy`]), or `None` when it does not fit, for the slot to answer
//! `NotImplemented` — routed by the compiler as arguments are, never by
//! how the type is spelled.
//!
//! `operand_in` is given the class of the slot, loaded already: an operand
//! of that same class is checked against it instead of loading it again.

use super::{ArgProbe, ClassType};
use crate::class::{ClassCell, HPyClass, Mutable, Ref, RefMut};
use crate::{FromHPy, HPyResult, Handle};
use core::any::TypeId;

/// The cell of `obj` if it is an instance of `T`, checked against `loaded`
/// when that is `T`'s type.
#[inline(always)]
fn cell<'a, T: HPyClass, C: HPyClass>(
    obj: &'a Handle<'_>,
    loaded: Option<&ClassType<'_, C>>,
) -> HPyResult<Option<&'a ClassCell<T>>> {
    match loaded {
        Some(loaded) if TypeId::of::<T>() == TypeId::of::<C>() => {
            let cell = loaded.cell_of(obj)?;
            // SAFETY: `T` and `C` are the same type (same `TypeId`).
            Ok(cell.map(|cell| unsafe { &*(cell as *const ClassCell<C>).cast::<ClassCell<T>>() }))
        }
        _ => super::operand_cell::<T>(obj),
    }
}

/// An operand `&T` of a class `T`.
pub trait OperandClassRef<T: HPyClass>: Sized {
    /// Borrows `obj` if it is an instance of `T` (`loaded`: the slot's
    /// class, loaded already).
    #[inline(always)]
    fn operand_in<'a, 'b, C: HPyClass>(
        self,
        obj: &'a Handle<'_>,
        holder: &'b mut Option<Ref<'a, T>>,
        loaded: Option<&ClassType<'_, C>>,
    ) -> HPyResult<Option<&'b T>> {
        match cell::<T, C>(obj, loaded)? {
            Some(cell) => Ok(Some(&**holder.insert(cell.try_borrow()?))),
            None => Ok(None),
        }
    }
}

impl<T: HPyClass> OperandClassRef<T> for &&ArgProbe<&T> {}

/// An operand `&mut T` of a class `T` (which must be [`Mutable`]).
pub trait OperandClassMut<T: HPyClass>: Sized {
    /// Borrows `obj` mutably if it is an instance of `T`.
    #[inline(always)]
    fn operand_in<'a, 'b, C: HPyClass>(
        self,
        obj: &'a Handle<'_>,
        holder: &'b mut Option<RefMut<'a, T>>,
        loaded: Option<&ClassType<'_, C>>,
    ) -> HPyResult<Option<&'b mut T>>
    where
        T: Mutable,
    {
        match cell::<T, C>(obj, loaded)? {
            Some(cell) => Ok(Some(&mut **holder.insert(cell.try_borrow_mut()?))),
            None => Ok(None),
        }
    }
}

impl<T: HPyClass> OperandClassMut<T> for &&ArgProbe<&mut T> {}

/// An operand of any other type: converted with [`FromHPy`], `None` when
/// it does not convert.
pub trait OperandValue<P>: Sized {
    /// Converts `obj`, or `None` (a `TypeError` of the conversion is cleared).
    #[inline(always)]
    fn operand_in<'a, 'ctx, C: HPyClass>(
        self,
        obj: &'a Handle<'ctx>,
        _holder: &mut super::NoHolder,
        _loaded: Option<&ClassType<'_, C>>,
    ) -> HPyResult<Option<P>>
    where
        P: FromHPy<'a, 'ctx>,
    {
        super::extract_operand(obj)
    }
}

impl<P> OperandValue<P> for &ArgProbe<P> {}
