//! The `#[init]` constructor form: `tp_new` makes an instance holding the
//! class's `Default` value (whatever the arguments), and `tp_init`
//! (`__init__`) runs the constructor and puts its result in place, so that
//! Python subclasses override `__init__` and call `super().__init__(..)` as
//! with Python classes.

use super::trampolines::Target;
use crate::class::{ClassBase, HPyClass, Instance, IntoInstance};
use crate::ffi::shell::{Body, Shell};
use crate::impl_::sig;
use crate::{Ctx, HPyResult};
use core::marker::PhantomData;
use hpy_sys::HPy;

/// The `tp_new` target of a class with an `#[init]` constructor: an
/// instance of `cls` holding `T::default()`; the arguments are for
/// `__init__`.
pub struct DefaultNew<T>(PhantomData<T>);

// SAFETY: the body returns the new instance, given to HPy.
unsafe impl<T> Body<sig::Newfunc> for DefaultNew<T>
where
    T: HPyClass + Default + for<'ctx> IntoInstance<'ctx, T>,
{
    #[inline]
    unsafe fn call(ctx: Ctx<'_>, (cls, _, _, _): (HPy, *const HPy, isize, HPy)) -> HPyResult<HPy> {
        // SAFETY: `tp_new` receives the class to instantiate, open for the call.
        let cls = unsafe { ctx.borrow_raw(cls) };
        // SAFETY: CPython passes `tp_new` the class or a subclass (it checks
        // `T.__new__(cls)` calls), and the new object goes back to HPy.
        unsafe { super::construct::<T>(T::default(), &cls) }
    }
}

// SAFETY: the implementation is the shell running the body above.
unsafe impl<T> Target for DefaultNew<T>
where
    T: HPyClass + Default + for<'ctx> IntoInstance<'ctx, T>,
{
    type Sig = sig::Newfunc;
    const IMPL: <Self::Sig as crate::impl_::Signature>::Impl = <sig::Newfunc as Shell<Self>>::SHELL;
}

/// Fails to compile for a class that cannot have an `#[init]` constructor:
/// a frozen one (its value never changes), or one on a builtin other than
/// `object` (whose `__new__` needs the constructor's arguments).
pub const fn assert_init_form<T: HPyClass>() {
    assert!(
        !T::FROZEN,
        "a frozen class cannot have an #[init] constructor: its value never changes; use #[new]"
    );
    assert!(
        <T as ClassBase>::SHAPE.0 == hpy_sys::HPyType_BuiltinShape_Object.0
            && <T::Base as ClassBase>::BUILTIN,
        "an #[init] constructor is for classes on `object`: a class with a base gets its value from #[new]"
    );
}

/// What `__init__` does with the value an `#[init]` constructor returned:
/// empties the `Field`s of the current value (their objects are released),
/// then puts `value` in its place, and drops the old value. Fails with
/// `RuntimeError` while the value is borrowed (re-entrantly, or by a
/// buffer view).
pub fn reinit<T: HPyClass>(slf: &Instance<'_, T>, value: T) -> HPyResult<()> {
    let clear = |current: &T| {
        if T::has_fields() {
            // SAFETY: `current` is `slf`'s value: its fields are in `slf`.
            unsafe { crate::class::clear_fields(slf, |visit| current.traverse(visit)) }
        }
    };
    let old = slf.cell().replace(value, clear)?;
    drop(old);
    Ok(())
}
