//! [`Capsule`]: a `PyCapsule`, holding a Rust value or a foreign pointer.

use super::{View, view};
use crate::impl_::trampolines::{Target, capsule_destructor};
use crate::{Ctx, HPyErr, HPyResult, Handle};
use core::any::TypeId;
use core::ffi::{CStr, c_char, c_void};
use core::marker::PhantomData;
use hpy_sys::{_HPyCapsule_key, HPyCapsule_Destructor};
use std::ffi::CString;

view!(
    /// A `PyCapsule`: an object that carries a pointer between extensions.
    ///
    /// [`Capsule::new`] moves a Rust value into a new capsule; the value is
    /// dropped when Python destroys the capsule. [`Capsule::get`] borrows it
    /// back, after checking the capsule's name (as `PyCapsule_GetPointer`
    /// does), that this extension made it and that it holds a `T`. Capsules
    /// made elsewhere expose their raw [`pointer`](Capsule::pointer) and
    /// [`context`](Capsule::context); changing a capsule's pointer, context
    /// or destructor is `unsafe`, as the capsule's destructor depends on
    /// them.
    Capsule,
    "PyCapsule"
);

/// What a capsule made by [`Capsule::new`] points to: the Rust type first,
/// at the same offset whatever `T` is, then the value.
#[repr(C)]
struct Payload<T> {
    type_id: TypeId,
    value: T,
}

/// The context pointer of the capsules this extension makes: a unique
/// address, so that [`Capsule::get`] never reads a foreign pointer as a
/// [`Payload`].
static RUST_CAPSULE: u8 = 0;

fn rust_capsule_tag() -> *mut c_void {
    (&raw const RUST_CAPSULE).cast_mut().cast()
}

/// Drops the payload of a capsule made by [`Capsule::new`] (the `impl` of
/// its `HPyCapsule_Destructor`). It runs with no context and must not
/// unwind: a panic is reported on `stderr` and the value is leaked.
unsafe extern "C" fn drop_payload<T>(_name: *const c_char, pointer: *mut c_void, _context: *mut c_void) {
    if pointer.is_null() {
        return;
    }
    let dropped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: `Capsule::new` made `pointer` with `Box::into_raw` of a
        // `Payload<T>`; the capsule dies once, so this runs once.
        drop(unsafe { Box::from_raw(pointer.cast::<Payload<T>>()) })
    }));
    if let Err(panic) = dropped {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "hpy: a Rust value in a capsule panicked while being dropped");
        crate::ffi::entry::drop_panic_payload(panic);
    }
}

/// The trampoline target that drops a `Payload<T>`.
struct DropPayload<T>(PhantomData<T>);

// SAFETY: `IMPL` is an `HPyFunc_Capsule_Destructor`, and the target is only
// used with `HPyFunc_CAPSULE_DESTRUCTOR` (by `capsule_destructor`).
unsafe impl<T> Target for DropPayload<T> {
    type Sig = crate::impl_::sig::CapsuleDestructor;
    const IMPL: <Self::Sig as crate::impl_::trampolines::Signature>::Impl = drop_payload::<T>;
}

fn destructor<T>() -> &'static HPyCapsule_Destructor {
    const {
        &HPyCapsule_Destructor {
            cpy_trampoline: Some(capsule_destructor::<DropPayload<T>>),
            impl_: Some(drop_payload::<T>),
        }
    }
}

fn name_ptr(name: Option<&CStr>) -> *const c_char {
    name.map_or(core::ptr::null(), CStr::as_ptr)
}

impl<'ctx> Capsule<'ctx> {
    /// Whether `obj` is a capsule (`HPy_TypeCheck` with `ctx.capsule_type()`).
    #[inline]
    pub fn is_type_of(obj: &Handle<'_>) -> bool {
        let ctx = obj.ctx();
        // SAFETY: `obj` is open; the capsule type is a type.
        unsafe { hpy_sys::HPy_TypeCheck(ctx.as_raw(), obj.as_raw(), ctx.capsule_type().as_raw()) != 0 }
    }

    /// A capsule named `name` that owns `value` (`HPyCapsule_New` with a
    /// Rust destructor); the value is dropped when the capsule dies.
    ///
    /// The name is kept, not copied, by the capsule: hence `'static`.
    /// Conventionally it is `"package.module.attribute"`.
    pub fn new<T: Send + Sync + 'static>(
        ctx: Ctx<'ctx>,
        value: T,
        name: Option<&'static CStr>,
    ) -> HPyResult<Capsule<'ctx>> {
        let payload = Box::into_raw(Box::new(Payload { type_id: TypeId::of::<T>(), value }));
        // GraalPy 24.2 crashes when it collects a capsule with a destructor
        // (`docs/runtimes.md`): there the value is leaked instead.
        let destructor: *const HPyCapsule_Destructor =
            if crate::runtime::is_graalpy() { core::ptr::null() } else { destructor::<T>() };
        // SAFETY: the pointer is non-null and owned by the capsule from now
        // on; the name and the destructor are `'static`; HPy only reads the
        // destructor.
        let raw = unsafe {
            hpy_sys::HPyCapsule_New(ctx.as_raw(), payload.cast(), name_ptr(name), destructor.cast_mut())
        };
        if raw.is_null() {
            // SAFETY: the capsule was not made, so the payload is still ours.
            drop(unsafe { Box::from_raw(payload) });
            return Err(HPyErr::fetch());
        }
        // SAFETY: a new capsule, owned here.
        let capsule = unsafe { Capsule::from_handle_unchecked(Handle::from_raw(ctx, raw)) };
        // SAFETY: the capsule is open; the tag is a valid context pointer.
        let status = unsafe {
            hpy_sys::HPyCapsule_Set(
                ctx.as_raw(),
                capsule.as_raw(),
                hpy_sys::HPyCapsule_key_Context,
                rust_capsule_tag(),
            )
        };
        if status < 0 {
            return Err(HPyErr::fetch()); // dropping the capsule drops the value
        }
        Ok(capsule)
    }

    /// Borrows the value of a capsule made by [`Capsule::new`], checking
    /// the name (`ValueError` if it differs, as for `PyCapsule_GetPointer`),
    /// that this extension made the capsule and that it holds a `T`
    /// (`TypeError` otherwise).
    pub fn get<T: Send + Sync + 'static>(&self, name: Option<&CStr>) -> HPyResult<&T> {
        let pointer = self.pointer(name)?;
        if self.context()? != rust_capsule_tag() {
            return Err(crate::exceptions::TypeError::new_err(
                "the capsule does not hold a Rust value of this extension",
            ));
        }
        // SAFETY: this extension made the capsule, so `pointer` is a
        // `Payload<U>` for some `U`, which starts with its `TypeId`.
        let type_id = unsafe { pointer.cast::<TypeId>().read() };
        if type_id != TypeId::of::<T>() {
            return Err(crate::exceptions::TypeError::new_err(format!(
                "the capsule does not hold a {}",
                core::any::type_name::<T>()
            )));
        }
        // SAFETY: the payload is a `Payload<T>`, alive as long as the capsule,
        // which the borrow of `self` keeps; only unsafe code can replace it.
        Ok(unsafe { &(*pointer.cast::<Payload<T>>()).value })
    }

    /// The capsule's pointer, if `name` is its name (`HPyCapsule_Get` with
    /// `HPyCapsule_key_Pointer`, i.e. `HPyCapsule_GetPointer`); `ValueError`
    /// otherwise.
    pub fn pointer(&self, name: Option<&CStr>) -> HPyResult<*mut c_void> {
        // SAFETY: `self` is a capsule; `name` is null or NUL-terminated.
        let pointer = unsafe {
            hpy_sys::HPyCapsule_Get(
                self.ctx().as_raw(),
                self.as_raw(),
                hpy_sys::HPyCapsule_key_Pointer,
                name_ptr(name),
            )
        };
        if pointer.is_null() { Err(HPyErr::fetch()) } else { Ok(pointer) }
    }

    /// A copy of the capsule's name (`HPyCapsule_GetName`).
    pub fn name(&self) -> HPyResult<Option<CString>> {
        let name = self.get_field(hpy_sys::HPyCapsule_key_Name)?;
        // SAFETY: a non-null capsule name is a NUL-terminated string, copied
        // before anything can change it.
        Ok((!name.is_null()).then(|| unsafe { CStr::from_ptr(name.cast()) }.to_owned()))
    }

    /// The capsule's context pointer (`HPyCapsule_GetContext`); null if it
    /// has none.
    pub fn context(&self) -> HPyResult<*mut c_void> {
        self.get_field(hpy_sys::HPyCapsule_key_Context)
    }

    /// `HPyCapsule_Get` for a field that may legitimately be null.
    fn get_field(&self, key: _HPyCapsule_key) -> HPyResult<*mut c_void> {
        let ctx = self.ctx().as_raw();
        // SAFETY: `self` is a capsule; the name argument is unused for this key.
        let value = unsafe { hpy_sys::HPyCapsule_Get(ctx, self.as_raw(), key, core::ptr::null()) };
        // SAFETY: querying the error indicator is always allowed.
        if value.is_null() && unsafe { hpy_sys::HPyErr_Occurred(ctx) } != 0 {
            return Err(HPyErr::fetch());
        }
        Ok(value)
    }

    /// Whether the object is a valid capsule named `name`
    /// (`HPyCapsule_IsValid`).
    pub fn is_valid(&self, name: Option<&CStr>) -> bool {
        // SAFETY: `self` is open; `name` is null or NUL-terminated.
        unsafe { hpy_sys::HPyCapsule_IsValid(self.ctx().as_raw(), self.as_raw(), name_ptr(name)) != 0 }
    }

    /// Renames a capsule made by [`Capsule::new`] (`HPyCapsule_SetName`);
    /// `TypeError` for other capsules, whose destructor may depend on their
    /// name.
    pub fn set_name(&self, name: Option<&'static CStr>) -> HPyResult<()> {
        if self.context()? != rust_capsule_tag() {
            return Err(crate::exceptions::TypeError::new_err(
                "only a capsule made by this extension can be renamed",
            ));
        }
        // SAFETY: a capsule made by `Capsule::new`, whose destructor ignores
        // the name; the name is `'static`.
        unsafe { self.set_field(hpy_sys::HPyCapsule_key_Name, name_ptr(name).cast_mut().cast()) }
    }

    /// Replaces the capsule's pointer (`HPyCapsule_SetPointer`).
    ///
    /// # Safety
    /// The capsule's destructor and every user of the capsule must accept
    /// the new pointer; for a capsule made by [`Capsule::new`] it must be a
    /// value made the same way for the same type, and the old value must not
    /// be borrowed.
    pub unsafe fn set_pointer(&self, pointer: *mut c_void) -> HPyResult<()> {
        // SAFETY: forwarded from the caller.
        unsafe { self.set_field(hpy_sys::HPyCapsule_key_Pointer, pointer) }
    }

    /// Replaces the capsule's context pointer (`HPyCapsule_SetContext`).
    ///
    /// # Safety
    /// The capsule's destructor and users must accept the new context; a
    /// capsule made by [`Capsule::new`] must keep its own.
    pub unsafe fn set_context(&self, context: *mut c_void) -> HPyResult<()> {
        // SAFETY: forwarded from the caller.
        unsafe { self.set_field(hpy_sys::HPyCapsule_key_Context, context) }
    }

    /// Replaces the capsule's destructor (`HPyCapsule_SetDestructor`);
    /// `None` removes it.
    ///
    /// # Safety
    /// The new destructor must match the capsule's pointer, name and
    /// context.
    pub unsafe fn set_destructor(&self, destructor: Option<&'static HPyCapsule_Destructor>) -> HPyResult<()> {
        // PyPy ignores a null destructor: one that does nothing removes it.
        let destructor =
            destructor.or(crate::runtime::is_pypy().then_some(&crate::runtime::pypy::NO_DESTRUCTOR));
        let destructor = destructor.map_or(core::ptr::null(), |d| d as *const HPyCapsule_Destructor);
        // SAFETY: forwarded from the caller; HPy only reads the `'static` destructor.
        unsafe { self.set_field(hpy_sys::HPyCapsule_key_Destructor, destructor.cast_mut().cast()) }
    }

    /// `HPyCapsule_Set`.
    ///
    /// # Safety
    /// As for the public setters.
    unsafe fn set_field(&self, key: _HPyCapsule_key, value: *mut c_void) -> HPyResult<()> {
        // SAFETY: `self` is a capsule; the caller vouches for the value.
        if unsafe { hpy_sys::HPyCapsule_Set(self.ctx().as_raw(), self.as_raw(), key, value) } < 0 {
            return Err(HPyErr::fetch());
        }
        Ok(())
    }
}
