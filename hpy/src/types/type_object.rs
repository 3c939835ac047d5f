//! [`Type`]: a type object.

use super::view;
use crate::{HPyErr, HPyResult, Handle};

view!(
    /// A type object: a builtin type or a class (`isinstance(obj, type)`).
    ///
    /// [`Handle::get_type`] returns one; HPy only allows the type functions
    /// ([`Type::name`], [`Type::is_subtype`], [`Handle::is_instance`]) on
    /// types, which this view guarantees.
    Type,
    "type"
);

impl<'ctx> Type<'ctx> {
    /// Whether `obj` is a type (`HPy_TypeCheck(obj, type)`).
    #[inline]
    pub fn is_type_of(obj: &Handle<'_>) -> bool {
        let ctx = obj.ctx();
        // SAFETY: `obj` is open; `type` is a type, as HPy_TypeCheck requires.
        unsafe { hpy_sys::HPy_TypeCheck(ctx.as_raw(), obj.as_raw(), ctx.type_type().as_raw()) != 0 }
    }

    /// The type's name as CPython prints it in messages: `int`, or the
    /// `__name__` of a class (`HPyType_GetName`).
    pub fn name(&self) -> HPyResult<String> {
        // SAFETY: `self` is a type open in its context.
        let name = unsafe { hpy_sys::HPyType_GetName(self.ctx().as_raw(), self.as_raw()) };
        if name.is_null() {
            return Err(HPyErr::fetch());
        }
        // SAFETY: HPy returns a NUL-terminated UTF-8 name that lives as long
        // as the type; it is copied before anything can change it.
        Ok(unsafe { core::ffi::CStr::from_ptr(name) }.to_string_lossy().into_owned())
    }

    /// Whether `self` is `other` or a subclass of it, by its MRO
    /// (`HPyType_IsSubtype`, like C's `PyType_IsSubtype`).
    ///
    /// This is not the whole of Python's `issubclass`: `__subclasscheck__`
    /// is not called, so virtual subclasses are not seen (`list` and
    /// `collections.abc.Sequence` give `false`). For the full protocol, call
    /// `issubclass` itself:
    /// `ctx.builtins().get_item("issubclass")?.call((sub, sup))?.is_true()?`.
    #[inline]
    pub fn is_subtype(&self, other: &Type<'_>) -> bool {
        // SAFETY: both handles are types open in this call.
        unsafe { hpy_sys::HPyType_IsSubtype(self.ctx().as_raw(), self.as_raw(), other.as_raw()) != 0 }
    }

    /// The builtin type whose layout the type's instances extend
    /// (`_HPyType_GetBuiltinShape`): for a class made with HPy, the shape of
    /// its base (`HPyType_BuiltinShape_Object`, `_Long`, ...), which decides
    /// how its Rust struct is reached; `HPyType_BuiltinShape_Legacy` for
    /// every other type.
    pub fn builtin_shape(&self) -> hpy_sys::HPyType_BuiltinShape {
        // SAFETY: `self` is a type (it fails only for other objects).
        unsafe { hpy_sys::_HPyType_GetBuiltinShape(self.ctx().as_raw(), self.as_raw()) }
    }
}
