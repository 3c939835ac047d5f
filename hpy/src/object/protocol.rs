//! The object protocol on handles: `repr`, `str`, `ascii`, `bytes`, `hash`,
//! truth, length, type checks and `_HPy_Dump`.
//!
//! Attributes are in [`attr`](crate::AttrName), items in
//! [`item`](crate::ItemKey), comparisons in [`compare`](crate::CompareOp),
//! numbers in `number.rs` (with the generated number protocol).

use crate::conversion::string::new_str;
use crate::types::{Bytes, Str, Type, View};
use crate::{Ctx, HPyErr, HPyResult, Handle};
use hpy_sys::HPy;

/// Takes a new handle that HPy guarantees to be of kind `V`.
///
/// # Safety
/// `raw` must be null (with an exception set) or an owned handle of kind `V`.
unsafe fn wrap_as<'ctx, V: View<'ctx>>(ctx: Ctx<'ctx>, raw: HPy) -> HPyResult<V> {
    // SAFETY: forwarded from the caller.
    unsafe { ctx.wrap(raw).map(|h| V::from_handle_unchecked(h)) }
}

impl<'ctx> Handle<'ctx> {
    /// `repr(self)` (`HPy_Repr`).
    pub fn repr(&self) -> HPyResult<Str<'ctx>> {
        let ctx = self.ctx();
        // SAFETY: `self` is open; HPy_Repr returns a new `str` or null.
        unsafe { wrap_as(ctx, hpy_sys::HPy_Repr(ctx.as_raw(), self.as_raw())) }
    }

    /// `str(self)` (`HPy_Str`).
    pub fn str(&self) -> HPyResult<Str<'ctx>> {
        let ctx = self.ctx();
        // SAFETY: `self` is open; HPy_Str returns a new `str` or null.
        unsafe { wrap_as(ctx, hpy_sys::HPy_Str(ctx.as_raw(), self.as_raw())) }
    }

    /// `ascii(self)` (`HPy_ASCII`).
    pub fn ascii(&self) -> HPyResult<Str<'ctx>> {
        let ctx = self.ctx();
        // SAFETY: `self` is open; HPy_ASCII returns a new `str` or null.
        unsafe { wrap_as(ctx, hpy_sys::HPy_ASCII(ctx.as_raw(), self.as_raw())) }
    }

    /// `bytes(self)` (`HPy_Bytes`).
    pub fn bytes(&self) -> HPyResult<Bytes<'ctx>> {
        let ctx = self.ctx();
        // PyPy's HPy_Bytes accepts only buffers, not a list of ints nor
        // an object with `__bytes__`: there, `bytes(self)` is called.
        if crate::runtime::is_pypy() && !self.is_instance_of::<crate::types::Bytes<'_>>() {
            return ctx.bytes_type().call((self,))?.downcast();
        }
        // SAFETY: `self` is open; HPy_Bytes returns a new `bytes` or null.
        unsafe { wrap_as(ctx, hpy_sys::HPy_Bytes(ctx.as_raw(), self.as_raw())) }
    }

    /// `repr(self)` as a Rust string.
    pub fn repr_string(&self) -> HPyResult<String> {
        self.repr()?.extract()
    }

    /// `hash(self)` (`HPy_Hash`).
    pub fn hash(&self) -> HPyResult<isize> {
        // SAFETY: `self` is open in its context.
        match unsafe { hpy_sys::HPy_Hash(self.ctx().as_raw(), self.as_raw()) } {
            -1 => Err(HPyErr::fetch()),
            hash => Ok(hash),
        }
    }

    /// `bool(self)` (`HPy_IsTrue`).
    pub fn is_true(&self) -> HPyResult<bool> {
        // SAFETY: `self` is open in its context.
        match unsafe { hpy_sys::HPy_IsTrue(self.ctx().as_raw(), self.as_raw()) } {
            status if status < 0 => Err(HPyErr::fetch()),
            status => Ok(status != 0),
        }
    }

    /// `len(self)` (`HPy_Length`).
    pub fn len(&self) -> HPyResult<usize> {
        // SAFETY: `self` is open in its context.
        match unsafe { hpy_sys::HPy_Length(self.ctx().as_raw(), self.as_raw()) } {
            len if len < 0 => Err(HPyErr::fetch()),
            len => Ok(len as usize),
        }
    }

    /// Whether `len(self) == 0`.
    pub fn is_empty(&self) -> HPyResult<bool> {
        self.len().map(|len| len == 0)
    }

    /// `type(self)` (`HPy_Type`).
    pub fn get_type(&self) -> Type<'ctx> {
        let ctx = self.ctx();
        // SAFETY: `self` is open; HPy_Type cannot fail and returns a new
        // handle to a type.
        unsafe {
            Type::from_handle_unchecked(Handle::from_raw(ctx, hpy_sys::HPy_Type(ctx.as_raw(), self.as_raw())))
        }
    }

    /// The name of `type(self)`, as CPython prints it in messages (`int`).
    pub fn type_name(&self) -> String {
        self.get_type().name().unwrap_or_else(|err| {
            err.clear(self.ctx());
            "<unknown>".to_string()
        })
    }

    /// Whether `type(self)` is `ty` or a subclass of it, by its MRO
    /// (`HPy_TypeCheck`, like C's `PyObject_TypeCheck`); `false` when `ty` is
    /// not a type (HPy requires one, so it is checked first).
    ///
    /// This is not the whole of Python's `isinstance`: `__instancecheck__`
    /// is not called, so virtual subclasses are not seen
    /// (`collections.abc.Sequence` for a `list` gives `false`). For the full
    /// protocol, call `isinstance` itself:
    /// `ctx.builtins().get_item("isinstance")?.call((obj, ty))?.is_true()?`.
    pub fn is_instance(&self, ty: &Handle<'_>) -> bool {
        // SAFETY: both handles are open and `ty` is a type (checked first).
        Type::is_type_of(ty)
            && unsafe { hpy_sys::HPy_TypeCheck(self.ctx().as_raw(), self.as_raw(), ty.as_raw()) != 0 }
    }

    /// `self.is_instance(&ctx.long_type())` in one context call instead of
    /// two (`int` is a type): a hot path of the number conversions.
    #[inline]
    pub(crate) fn is_int_instance(&self) -> bool {
        let ctx = self.ctx();
        // SAFETY: `self` is open; the context's `int` is a type.
        unsafe { hpy_sys::HPy_TypeCheck(ctx.as_raw(), self.as_raw(), ctx.long_type().as_raw()) != 0 }
    }

    /// `self.is_instance(&ctx.float_type())` in one context call instead of
    /// two (`float` is a type).
    #[inline]
    pub(crate) fn is_float_instance(&self) -> bool {
        let ctx = self.ctx();
        // SAFETY: `self` is open; the context's `float` is a type.
        unsafe { hpy_sys::HPy_TypeCheck(ctx.as_raw(), self.as_raw(), ctx.float_type().as_raw()) != 0 }
    }

    /// Prints a description of the object to the C `stderr`, for debugging
    /// (`_HPy_Dump`).
    pub fn dump(&self) {
        // SAFETY: `self` is open in its context.
        unsafe { hpy_sys::_HPy_Dump(self.ctx().as_raw(), self.as_raw()) }
    }

    /// A new `str` holding `text` (the same as [`Str::new`]).
    pub fn new_str(ctx: Ctx<'ctx>, text: &str) -> HPyResult<Handle<'ctx>> {
        new_str(ctx, text)
    }
}
