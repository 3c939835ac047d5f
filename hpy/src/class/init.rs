//! [`IntoInstance`]: what a constructor returns, and what
//! [`Instance::new`](super::Instance::new) takes.

use super::{ClassLayout, HPyClass};
use crate::{HPyResult, Handle};
use core::alloc::Layout;
use core::ffi::c_void;

/// Everything needed to create an instance of `T`: its value and, for a
/// class with a base, what the base needs.
///
/// `#[hpy_type]` implements it for:
/// - `T` itself, when the base is a builtin created without arguments;
/// - `(T, args)` with `args` a tuple of the builtin base's constructor
///   arguments (`(Celsius { .. }, (21.5,))` for a class derived from `float`);
/// - `(T, base)` with `base` what the Rust base class's `IntoInstance` takes.
///
/// # Safety
/// `create` must return an instance of `cls` (a subtype of `T`'s type) and
/// its payload, with every class part initialized.
pub unsafe trait IntoInstance<'ctx, T: HPyClass> {
    /// Creates an instance of `cls`, initializing every part. `layout` is
    /// the whole payload's, the most derived Rust class's `ClassLayout`
    /// (what a detached payload allocates).
    ///
    /// # Safety
    /// `cls` must be `T`'s type or a subtype of it, and `layout` the
    /// `ClassLayout` of the most derived Rust class among `cls`'s bases.
    /// [`Instance::new`](super::Instance::new) is the safe way in.
    unsafe fn create(self, cls: &Handle<'ctx>, layout: Layout) -> HPyResult<(Handle<'ctx>, *mut c_void)>;
}

/// Writes `value` as `T`'s part of a freshly created instance.
///
/// # Safety
/// `payload` must be the zeroed payload of a new instance of a subtype of
/// `T`, whose `T` part was not initialized yet.
pub unsafe fn init_part<T: HPyClass>(payload: *mut c_void, value: T) {
    let layout = payload.cast::<ClassLayout<T>>();
    // SAFETY: forwarded from the caller.
    unsafe { (*layout).cell.init(value) }
}
