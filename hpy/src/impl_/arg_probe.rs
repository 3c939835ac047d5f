//! How each parameter of a generated function is converted, decided from
//! its type (autoref dispatch), never from how the type is spelled:
//!
//! - `&T` and `&mut T` where `T` is a class ([`ProbeClassRef`],
//!   [`ProbeClassMut`]): the instance's value, borrowed for the call
//!   through a guard kept in a holder the generated code declares;
//! - any other type ([`ProbeValue`]): converted with [`FromHPy`] (`&str`,
//!   `&Handle`, `&Path`, the views, a user's own types, aliases of them).
//!
//! Each route is a trait whose methods are written once, as default
//! methods; the probe type of the route implements it with no body.
//!
//! The generated code writes, for a parameter of type `P`,
//! `let mut h = (&&ArgProbe::<P>::new()).holder();` and then
//! `(&&ArgProbe::<P>::new()).extract(obj, &mut h, &DESC, index)?`: the
//! class impls are on `&&ArgProbe<_>` and win when they apply; the
//! conversion impl is one reference further down.

use super::FunctionDescription;
use crate::class::{HPyClass, Mutable, Ref, RefMut};
use crate::{FromHPy, HPyErr, HPyResult, Handle};
use core::marker::PhantomData;

/// Stands for a parameter's type.
pub struct ArgProbe<P>(PhantomData<P>);

impl<P> ArgProbe<P> {
    /// The probe for `P`.
    #[inline(always)]
    pub const fn new() -> Self {
        ArgProbe(PhantomData)
    }
}

impl<P> Default for ArgProbe<P> {
    fn default() -> Self {
        ArgProbe::new()
    }
}

/// The holder of a parameter converted by value: nothing to keep.
pub struct NoHolder;

/// A parameter `&T` of a class `T`.
pub trait ProbeClassRef<T: HPyClass>: Sized {
    /// An empty holder for the guard.
    #[inline(always)]
    fn holder<'a>(self) -> Option<Ref<'a, T>> {
        None
    }

    /// Borrows parameter `index` of `desc` (an instance of `T`) for the call.
    #[inline(always)]
    fn extract<'a, 'b>(
        self,
        obj: &'a Handle<'_>,
        holder: &'b mut Option<Ref<'a, T>>,
        desc: &FunctionDescription,
        index: usize,
    ) -> HPyResult<&'b T> {
        Ok(&**holder.insert(super::extract_class_ref::<T>(obj, desc, index)?))
    }

    /// Borrows parameter `param` of `function` (an instance of `T`).
    #[inline(always)]
    fn extract_as<'a, 'b>(
        self,
        obj: &'a Handle<'_>,
        holder: &'b mut Option<Ref<'a, T>>,
        function: &str,
        param: &str,
    ) -> HPyResult<&'b T> {
        let cell = super::class_cell::<T>(obj).map_err(|e| e.for_argument(function, param))?;
        Ok(&**holder.insert(cell.try_borrow()?))
    }
}

impl<T: HPyClass> ProbeClassRef<T> for &&ArgProbe<&T> {}

/// A parameter `&mut T` of a class `T` (which must be [`Mutable`]).
pub trait ProbeClassMut<T: HPyClass>: Sized {
    /// An empty holder for the guard.
    #[inline(always)]
    fn holder<'a>(self) -> Option<RefMut<'a, T>> {
        None
    }

    /// Borrows parameter `index` of `desc` mutably for the call.
    #[inline(always)]
    fn extract<'a, 'b>(
        self,
        obj: &'a Handle<'_>,
        holder: &'b mut Option<RefMut<'a, T>>,
        desc: &FunctionDescription,
        index: usize,
    ) -> HPyResult<&'b mut T>
    where
        T: Mutable,
    {
        Ok(&mut **holder.insert(super::extract_class_mut::<T>(obj, desc, index)?))
    }

    /// Borrows parameter `param` of `function` mutably.
    #[inline(always)]
    fn extract_as<'a, 'b>(
        self,
        obj: &'a Handle<'_>,
        holder: &'b mut Option<RefMut<'a, T>>,
        function: &str,
        param: &str,
    ) -> HPyResult<&'b mut T>
    where
        T: Mutable,
    {
        let cell = super::class_cell::<T>(obj).map_err(|e| e.for_argument(function, param))?;
        Ok(&mut **holder.insert(cell.try_borrow_mut()?))
    }
}

impl<T: HPyClass> ProbeClassMut<T> for &&ArgProbe<&mut T> {}

/// A parameter of any other type: converted with [`FromHPy`].
pub trait ProbeValue<P>: Sized {
    /// No holder.
    #[inline(always)]
    fn holder(self) -> NoHolder {
        NoHolder
    }

    /// Converts parameter `index` of `desc`, naming it in the error.
    #[inline(always)]
    fn extract<'a, 'ctx>(
        self,
        obj: &'a Handle<'ctx>,
        _holder: &mut NoHolder,
        desc: &FunctionDescription,
        index: usize,
    ) -> HPyResult<P>
    where
        P: FromHPy<'a, 'ctx>,
    {
        super::extract_argument(obj, desc, index)
    }

    /// Converts `*args` or `**kwargs` (named `name`), naming it in the error.
    #[inline(always)]
    fn extract_named<'a, 'ctx>(
        self,
        obj: &'a Handle<'ctx>,
        _holder: &mut NoHolder,
        desc: &FunctionDescription,
        name: &str,
    ) -> HPyResult<P>
    where
        P: FromHPy<'a, 'ctx>,
    {
        super::extract_named(obj, desc, name)
    }

    /// Converts parameter `param` of `function`, naming it in the error.
    #[inline(always)]
    fn extract_as<'a, 'ctx>(
        self,
        obj: &'a Handle<'ctx>,
        _holder: &mut NoHolder,
        function: &str,
        param: &str,
    ) -> HPyResult<P>
    where
        P: FromHPy<'a, 'ctx>,
    {
        P::from_hpy(obj).map_err(|e: HPyErr| e.for_argument(function, param))
    }
}

impl<P> ProbeValue<P> for &ArgProbe<P> {}
