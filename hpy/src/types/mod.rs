//! Typed views: handles checked to refer to one kind of object.
//!
//! A view ([`List`], [`Dict`], [`Tuple`], [`Str`], [`Bytes`], [`Slice`],
//! [`Type`], [`Capsule`]) is a [`Handle`] known to be of its kind: it
//! dereferences to [`Handle`], so every object method works on it, and adds
//! the methods that only make sense for that kind (and that HPy only allows
//! on it). Get one from a constructor (`List::new(ctx)`), by checking a
//! handle ([`Handle::downcast`], [`Handle::downcast_ref`]), or as a function
//! parameter: `fn total(items: &List<'_>)` raises `TypeError` ("argument
//! 'items' must be list, not int") for anything else.
//!
//! [`ContextVar`] and [`Code`] wrap handles too, but are not views: HPy
//! checks a context variable itself, and a code object comes from
//! [`Ctx::compile`](crate::Ctx::compile) or from [`Code::from_handle`],
//! which compares its type with the real code type.

mod builder;
mod bytes;
mod capsule;
mod code;
mod context_var;
mod dict;
mod list;
mod slice;
mod string;
mod tuple;
mod type_object;

pub use builder::{ListBuilder, TupleBuilder};
pub use bytes::Bytes;
pub use capsule::Capsule;
pub use code::{Code, SourceKind};
pub use context_var::ContextVar;
pub use dict::Dict;
pub use list::List;
pub use slice::{Slice, SliceIndices, adjust_indices};
pub use string::Str;
pub use tuple::Tuple;
pub use type_object::Type;

use crate::{HPyErr, HPyResult, Handle};

/// A handle checked to refer to one kind of object.
///
/// Implemented by the views of this module. The unsafe constructors are for
/// implementations; safe code gets views from [`Handle::downcast`],
/// [`Handle::downcast_ref`], constructors and conversions.
pub trait View<'ctx>: Sized + core::ops::Deref<Target = Handle<'ctx>> {
    /// The Python name of the kind, as error messages give it (`"list"`).
    const NAME: &'static str;

    /// Whether `obj` is of this kind (subclasses included).
    fn is_type_of(obj: &Handle<'ctx>) -> bool;

    /// Gives up the view, keeping the handle.
    fn into_handle(self) -> Handle<'ctx>;

    /// Wraps a handle without checking it.
    ///
    /// # Safety
    /// `obj` must be of this kind ([`View::is_type_of`]).
    unsafe fn from_handle_unchecked(obj: Handle<'ctx>) -> Self;

    /// Views a borrowed handle without checking it.
    ///
    /// # Safety
    /// `obj` must be of this kind ([`View::is_type_of`]).
    unsafe fn from_ref_unchecked<'a>(obj: &'a Handle<'ctx>) -> &'a Self;
}

impl<'ctx> Handle<'ctx> {
    /// Checks that the object is of kind `V` and makes the handle a view;
    /// otherwise `TypeError` ("must be list, not int") and the handle is
    /// closed.
    #[inline]
    pub fn downcast<V: View<'ctx>>(self) -> HPyResult<V> {
        if V::is_type_of(&self) {
            // SAFETY: checked just above.
            Ok(unsafe { V::from_handle_unchecked(self) })
        } else {
            Err(HPyErr::wrong_type(&self, V::NAME))
        }
    }

    /// Views the object as kind `V` without a new handle; `TypeError` if it
    /// is not of that kind.
    #[inline]
    pub fn downcast_ref<V: View<'ctx>>(&self) -> HPyResult<&V> {
        if V::is_type_of(self) {
            // SAFETY: checked just above.
            Ok(unsafe { V::from_ref_unchecked(self) })
        } else {
            Err(HPyErr::wrong_type(self, V::NAME))
        }
    }

    /// Whether the object is of kind `V` (`isinstance(obj, list)` for
    /// `is_instance_of::<List>()`).
    #[inline]
    pub fn is_instance_of<V: View<'ctx>>(&self) -> bool {
        V::is_type_of(self)
    }
}

/// Defines a view type: the struct and everything but `View::is_type_of`,
/// which each view writes next to its HPy check.
macro_rules! view {
    ($(#[$doc:meta])* $name:ident, $py:literal) => {
        $(#[$doc])*
        #[repr(transparent)]
        pub struct $name<'ctx>($crate::Handle<'ctx>);

        impl<'ctx> $name<'ctx> {
            /// The handle, giving up the view.
            #[inline(always)]
            pub fn into_handle(self) -> $crate::Handle<'ctx> {
                self.0
            }

            /// The handle, borrowed.
            #[inline(always)]
            pub fn as_handle(&self) -> &$crate::Handle<'ctx> {
                &self.0
            }
        }

        impl<'ctx> core::ops::Deref for $name<'ctx> {
            type Target = $crate::Handle<'ctx>;

            #[inline(always)]
            fn deref(&self) -> &$crate::Handle<'ctx> {
                &self.0
            }
        }

        impl Clone for $name<'_> {
            /// A new handle to the same object (`HPy_Dup`).
            #[inline]
            fn clone(&self) -> Self {
                $name(self.0.dup())
            }
        }

        impl core::fmt::Debug for $name<'_> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Debug::fmt(&self.0, f)
            }
        }

        impl<'ctx> From<$name<'ctx>> for $crate::Handle<'ctx> {
            #[inline(always)]
            fn from(view: $name<'ctx>) -> $crate::Handle<'ctx> {
                view.0
            }
        }

        impl<'ctx> $crate::types::View<'ctx> for $name<'ctx> {
            const NAME: &'static str = $py;

            #[inline(always)]
            fn is_type_of(obj: &$crate::Handle<'ctx>) -> bool {
                $name::is_type_of(obj)
            }

            #[inline(always)]
            fn into_handle(self) -> $crate::Handle<'ctx> {
                self.0
            }

            #[inline(always)]
            unsafe fn from_handle_unchecked(obj: $crate::Handle<'ctx>) -> Self {
                $name(obj)
            }

            #[inline(always)]
            unsafe fn from_ref_unchecked<'a>(obj: &'a $crate::Handle<'ctx>) -> &'a Self {
                // SAFETY: the view is a `repr(transparent)` wrapper of `Handle`.
                unsafe { &*(obj as *const $crate::Handle<'ctx>).cast::<$name<'ctx>>() }
            }
        }

        impl<'a, 'ctx> $crate::FromHPy<'a, 'ctx> for &'a $name<'ctx> {
            /// The object itself, checked: no new handle.
            #[inline]
            fn from_hpy(obj: &'a $crate::Handle<'ctx>) -> $crate::HPyResult<Self> {
                obj.downcast_ref()
            }
        }

        impl<'a, 'ctx> $crate::FromHPy<'a, 'ctx> for $name<'ctx> {
            /// A new handle to the object, checked.
            #[inline]
            fn from_hpy(obj: &'a $crate::Handle<'ctx>) -> $crate::HPyResult<Self> {
                obj.downcast_ref::<$name<'ctx>>().map(Clone::clone)
            }
        }

        impl<'ctx> $crate::IntoHPy<'ctx> for $name<'ctx> {
            #[inline(always)]
            fn into_hpy(self, _ctx: $crate::Ctx<'ctx>) -> $crate::HPyResult<$crate::Handle<'ctx>> {
                Ok(self.0)
            }
        }

        impl<'ctx> $crate::IntoHPy<'ctx> for &$name<'ctx> {
            /// A new handle to the same object.
            #[inline]
            fn into_hpy(self, _ctx: $crate::Ctx<'ctx>) -> $crate::HPyResult<$crate::Handle<'ctx>> {
                Ok(self.0.dup())
            }
        }
    };
}
pub(crate) use view;
