//! [`Instance`]: a handle to an instance of a Rust class.

use super::{ClassCell, ClassLayout, HPyClass, IntoInstance, Ref, RefMut};
use crate::{Ctx, FromHPy, HPyErr, HPyResult, Handle, IntoHPy};
use core::ops::Deref;
use core::ptr::NonNull;

/// An owned handle to an instance of the Rust class `T` (or of a Python
/// subclass of it): the object, plus access to its Rust value.
pub struct Instance<'ctx, T: HPyClass> {
    handle: Handle<'ctx>,
    layout: NonNull<ClassLayout<T>>,
}

impl<'ctx, T: HPyClass> Instance<'ctx, T> {
    /// Creates a new instance from a value (or from a value and its base's
    /// initializer, for a subclass).
    pub fn new(ctx: Ctx<'ctx>, init: impl IntoInstance<'ctx, T>) -> HPyResult<Instance<'ctx, T>> {
        let ty = super::type_object::<T>(ctx)?;
        // SAFETY: `ty` is `T`'s type, whose payload is `ClassLayout<T>`.
        let (handle, payload) = unsafe { init.create(&ty, core::alloc::Layout::new::<ClassLayout<T>>()) }?;
        // SAFETY: `create` returns an instance of `T`'s type and its payload.
        Ok(unsafe { Instance::from_parts(handle, payload) })
    }

    /// # Safety
    /// `payload` must be the payload of `handle`, an instance of `T`.
    pub(crate) unsafe fn from_parts(handle: Handle<'ctx>, payload: *mut core::ffi::c_void) -> Self {
        debug_assert!(!payload.is_null(), "HPy returns a payload for every instance");
        // SAFETY: `_HPy_AsStruct_*` (and a detached payload's table) never
        // give null for an instance, which the caller guarantees `handle` is.
        let layout = unsafe { NonNull::new_unchecked(payload.cast()) };
        Instance { handle, layout }
    }

    /// Wraps a handle known to be an instance of `T` (fails if no
    /// constructor of `T` set it up).
    ///
    /// # Safety
    /// `handle` must be an instance of `T`'s type or of a subtype.
    pub unsafe fn from_handle_unchecked(handle: Handle<'ctx>) -> HPyResult<Self> {
        // SAFETY: forwarded from the caller.
        let payload = unsafe { super::payload::payload::<T>(&handle) }?;
        // SAFETY: forwarded from the caller.
        Ok(unsafe { Instance::from_parts(handle, payload) })
    }

    /// The payload address (for checks on fields).
    pub(crate) fn payload(&self) -> *const u8 {
        self.layout.as_ptr().cast()
    }

    pub(crate) fn cell(&self) -> &ClassCell<T> {
        // SAFETY: the layout lives as long as the object, which `self` keeps open.
        unsafe { &self.layout.as_ref().cell }
    }

    /// Borrows the Rust value (`RuntimeError` if it is mutably borrowed).
    pub fn borrow(&self) -> HPyResult<Ref<'_, T>> {
        self.cell().try_borrow()
    }

    /// Borrows the Rust value mutably (`RuntimeError` if it is borrowed).
    /// Only for classes that allow it ([`Mutable`](super::Mutable)).
    pub fn borrow_mut(&self) -> HPyResult<RefMut<'_, T>>
    where
        T: super::Mutable,
    {
        self.cell().try_borrow_mut()
    }

    /// The Rust value of a `frozen` class, which never changes.
    pub fn get(&self) -> &T
    where
        T: super::Frozen,
    {
        let borrowed = self.cell().try_borrow().expect("a frozen class is always readable once created");
        let value: *const T = &*borrowed;
        // SAFETY: frozen values are never mutated nor borrowed mutably; the
        // value lives as long as the object, which `self` keeps open.
        unsafe { &*value }
    }

    /// The handle.
    pub fn handle(&self) -> &Handle<'ctx> {
        &self.handle
    }

    /// The handle, giving up the typed view.
    pub fn into_handle(self) -> Handle<'ctx> {
        self.handle
    }
}

impl<'ctx, T: HPyClass> Deref for Instance<'ctx, T> {
    type Target = Handle<'ctx>;

    fn deref(&self) -> &Handle<'ctx> {
        &self.handle
    }
}

impl<T: HPyClass> Clone for Instance<'_, T> {
    fn clone(&self) -> Self {
        Instance { handle: self.handle.dup(), layout: self.layout }
    }
}

/// Whether `obj` is an instance of `T` (or of a subclass).
pub(crate) fn is_instance_of<T: HPyClass>(obj: &Handle<'_>) -> HPyResult<bool> {
    let ty = super::type_object::<T>(obj.ctx())?;
    // SAFETY: both are open and `ty` is a type.
    Ok(unsafe { hpy_sys::HPy_TypeCheck(obj.ctx().as_raw(), obj.as_raw(), ty.as_raw()) } != 0)
}

/// Checks `obj` is an instance of `T` (a conversion error naming `T` if not).
pub(crate) fn downcast<T: HPyClass>(obj: &Handle<'_>) -> HPyResult<*mut core::ffi::c_void> {
    if !is_instance_of::<T>(obj)? {
        return Err(HPyErr::wrong_type(obj, T::NAME));
    }
    // SAFETY: `obj` was just checked to be an instance of `T`.
    unsafe { super::payload::payload::<T>(obj) }
}

impl<'a, 'ctx, T: HPyClass> FromHPy<'a, 'ctx> for Instance<'ctx, T> {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Class(T::NAME);

    /// An instance of `T` (`TypeError` naming `T` otherwise).
    fn from_hpy(obj: &'a Handle<'ctx>) -> HPyResult<Instance<'ctx, T>> {
        let payload = downcast::<T>(obj)?;
        // SAFETY: `obj` was checked to be an instance of `T`.
        Ok(unsafe { Instance::from_parts(obj.dup(), payload) })
    }
}

impl<'ctx, T: HPyClass> IntoHPy<'ctx> for Instance<'ctx, T> {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Class(T::NAME);

    fn into_hpy(self, _ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        Ok(self.handle)
    }
}

impl<'ctx, T: HPyClass> IntoHPy<'ctx> for &Instance<'ctx, T> {
    const TYPE_HINT: crate::conversion::TypeHint = crate::conversion::TypeHint::Class(T::NAME);

    fn into_hpy(self, _ctx: Ctx<'ctx>) -> HPyResult<Handle<'ctx>> {
        Ok(self.handle.dup())
    }
}
